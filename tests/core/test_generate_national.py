"""The national data generator at a small scale: the shape of the nation (a quarter of
the offices secondary, size bands, clusters), every school with a SAR per year and
results per item, and the same seed giving the same data."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from sar.models import ItemResult, SelfAssessmentReport, StandardResult
from sar.synthesis import synthesize
from schools.models import AreaOffice, School
from standards.models import SchoolTarget
from supervision.models import Visit


def _fingerprint(prefix):
    schools = School.objects.filter(area_office__code__startswith=f"{prefix}-")
    return (
        list(schools.order_by("code").values_list("name", "students", "offers_ece")),
        list(
            ItemResult.objects.filter(version__report__school__in=schools)
            .order_by("version__report__school__code", "version__report__academic_year", "item")
            .values_list("level", "result_percent")
        ),
    )


@pytest.mark.django_db
def test_ten_offices_have_the_nations_shape_and_synthesise(capsys):
    call_command("generate_national", "--offices", "10", "--seed", "7")
    out = capsys.readouterr().out
    assert "offices: 10" in out
    offices = AreaOffice.objects.filter(code__startswith="N-")
    assert Counter(offices.values_list("kind", flat=True)) == {"primary": 7, "secondary": 3}
    schools = School.objects.filter(area_office__in=offices)
    # 29,449 schools in proportion: 10/245 of the nation.
    assert schools.count() == round(29_449 * 10 / 245)
    bands = Counter(str(s.size_band) for s in schools.select_related("area_office"))
    assert len(bands) >= 3  # small, medium and large schools, not one size
    assert schools.filter(cluster__isnull=True).count() == 0
    for year in (2567, 2568):
        reports = SelfAssessmentReport.objects.filter(school__in=schools, academic_year=year)
        assert reports.count() == schools.count()
        assert 0.8 < reports.filter(status="accepted").count() / reports.count() < 0.97
    assert ItemResult.objects.filter(version__report__school__in=schools).count() > 21 * 1200
    assert SchoolTarget.objects.filter(school__in=schools, academic_year=2568).exists()
    assert StandardResult.objects.filter(strengths__contains="ผู้เรียน").exists()
    assert Visit.objects.filter(school__in=schools).exists()

    office = offices.filter(kind="primary").first()
    results = synthesize(office, 2568)
    assert results["coverage"]["schools"] > 0
    assert results["level_sets"][0]["standards"]

    with pytest.raises(CommandError):
        call_command("generate_national", "--offices", "2")  # the N- codes exist already


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data():
    call_command(
        "generate_national", "--offices", "2", "--years", "1", "--seed", "3", "--prefix", "A"
    )
    call_command(
        "generate_national", "--offices", "2", "--years", "1", "--seed", "3", "--prefix", "B"
    )
    call_command(
        "generate_national", "--offices", "2", "--years", "1", "--seed", "4", "--prefix", "C"
    )
    assert _fingerprint("A") == _fingerprint("B")
    assert _fingerprint("A") != _fingerprint("C")
