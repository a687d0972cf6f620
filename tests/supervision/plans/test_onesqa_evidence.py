"""A strategy's evidence shows ONESQA's results beside the synthesis: external_eval
registers its provider with supervision.plans.evidence (supervision may not import it).
The distribution of levels per standard in the office's latest round, the schools below
ดี; another office's results never count; the plan page and PDF stay bounded."""

import pytest
from django.urls import reverse

from external_eval.models import OnesqaStandardResult
from external_eval.plan_evidence import onesqa_evidence
from standards.models import Standard, StandardSet
from supervision.plans import evidence, pdf, reading
from tests.external_eval.factories import level, make_evaluation, make_round
from tests.factories import SchoolFactory
from tests.pdf.tools import check_official_pdf

from .factories import done_run, make_plan

pytestmark = pytest.mark.django_db


def _basic(number):
    return Standard.objects.get(standard_set__code="MOE2561-BASIC", number=number)


def _result(school, onesqa_round, year, values, **kwargs):
    evaluation = make_evaluation(school, onesqa_round, year, **kwargs)
    for number, value in values.items():
        OnesqaStandardResult.objects.create(
            evaluation=evaluation,
            standard=_basic(number),
            level=level(onesqa_round, value),
            source="final",
        )
    return evaluation


@pytest.fixture
def rounds():
    frameworks = StandardSet.objects.filter(code="MOE2561-BASIC")
    return make_round(*frameworks, number=4), make_round(*frameworks, number=5)


def test_the_provider_is_registered_by_external_eval():
    assert onesqa_evidence in evidence._providers


def test_distribution_and_schools_below_good_in_the_latest_round(
    office, other_office, academic_year, school, school2, other_office_school, rounds
):
    round4, round5 = rounds
    school3 = SchoolFactory(area_office=office, code="1034550003", name="โรงเรียนบ้านดอนแดง")
    # Round 4 is older: its levels must not count once round 5 has results.
    _result(school, round4, academic_year, {1: 1, 2: 1})
    _result(school, round5, academic_year, {1: 4, 2: 3})
    _result(school2, round5, academic_year, {1: 2, 2: 5})
    _result(school3, round5, academic_year, {1: 3})
    _result(other_office_school, round5, academic_year, {1: 1})
    found = onesqa_evidence(office, ["MOE2561-BASIC:1", "MOE2561-BASIC:2", "MOE2561-ECE:1"])
    assert set(found) == {"MOE2561-BASIC:1", "MOE2561-BASIC:2"}
    first = found["MOE2561-BASIC:1"].context
    assert first["round_name"] == "การประเมินคุณภาพภายนอก รอบที่ 5"
    assert first["schools"] == 3
    counts = {row["label"]: row["count"] for row in first["distribution"]}
    assert counts == {"ยอดเยี่ยม": 0, "ดีเลิศ": 1, "ดี": 1, "ปานกลาง": 1, "กำลังพัฒนา": 0}
    assert [s["name"] for s in first["below_good"]] == ["โรงเรียนบ้านโนนสูง"]
    second = found["MOE2561-BASIC:2"].context
    assert second["schools"] == 2 and second["below_good"] == []


def test_a_reevaluation_replaces_the_schools_earlier_result(office, academic_year, school, rounds):
    import datetime

    _, round5 = rounds
    _result(school, round5, academic_year, {1: 2})
    _result(
        school,
        round5,
        academic_year,
        {1: 4},
        scheduled_from=datetime.date(2025, 6, 1),
        scheduled_to=datetime.date(2025, 6, 2),
    )
    context = onesqa_evidence(office, ["MOE2561-BASIC:1"])["MOE2561-BASIC:1"].context
    assert context["schools"] == 1 and context["below_good"] == []


def test_no_results_no_evidence(office):
    assert onesqa_evidence(office, ["MOE2561-BASIC:1"]) == {}
    assert evidence.extra_evidence(office, []) == {}


def _plan_with_results(office, academic_year, rounds, schools):
    _, round5 = rounds
    for n in range(schools):
        school = SchoolFactory(area_office=office, code=f"10345599{n:02d}", name=f"โรงเรียน {n}")
        _result(school, round5, academic_year, {1: 2 if n % 2 else 4})
    return make_plan(office, first=2570, strategies=2, run=done_run(office, academic_year))


def test_the_plan_page_shows_onesqa_beside_the_synthesis(
    as_user, executive, office, academic_year, rounds
):
    plan = _plan_with_results(office, academic_year, rounds, 4)
    body = as_user(executive).get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "ต่ำกว่าค่าเป้าหมาย 3 แห่ง จาก 40 แห่ง" in body  # the synthesis evidence
    assert 'data-evidence="ผลการประเมินคุณภาพภายนอก (สมศ.)"' in body
    assert "สถานศึกษาที่มีผล 4 แห่ง" in body and "ดีเลิศ 2" in body and "ปานกลาง 2" in body
    assert "ต่ำกว่าระดับดี 2 แห่ง" in body and "โรงเรียน 1" in body


@pytest.mark.parametrize("schools", [2, 12])
def test_the_plan_page_with_onesqa_evidence_stays_bounded(
    as_user, executive, office, academic_year, rounds, schools, django_assert_max_num_queries
):
    plan = _plan_with_results(office, academic_year, rounds, schools)
    client = as_user(executive)
    with django_assert_max_num_queries(18):
        assert client.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 200
    with django_assert_max_num_queries(4):
        evidence.extra_evidence(office, ["MOE2561-BASIC:1", "MOE2561-BASIC:2"])


def test_the_plan_pdf_prints_the_onesqa_evidence(office, academic_year, rounds):
    plan = _plan_with_results(office, academic_year, rounds, 3)
    assert reading.plan_context(plan)["strategies"][0][1][0].extra
    check_official_pdf(
        pdf.plan_pdf(plan),
        "plan-onesqa-evidence",
        expect_text=["ผลการประเมินคุณภาพภายนอก", "ต่ำกว่าระดับดี", "ดีเลิศ ๒"],
    )
