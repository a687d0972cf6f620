"""Form ๗.๓: a small district with known SAR, committee and ONESQA levels, and every
figure asserted exactly (agreements, kappa against an independent computation, the
distribution, the flags); the narrative, publishing, the public page, PDF and XLSX;
the roles; a bounded number of queries at two sizes."""

import io
from fractions import Fraction

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from external_eval import services
from external_eval.models import ExternalEvaluation, OnesqaSynthesis
from external_eval.synthesis import figures, narrative
from external_eval.synthesis import services as synthesis_services
from external_eval.synthesis.data import district_figures
from supervision.models import VisitAnswer
from tests.factories import AcademicYearFactory, SchoolFactory
from tests.sar.factories import make_sar, make_test_standards
from tests.supervision.factories import VisitFactory

from .factories import level, make_evaluation, make_round

pytestmark = pytest.mark.django_db

# School: (SAR, committee, ONESQA) for basic standard 1, then for basic standard 2.
DISTRICT = {
    "A": ((5, 4, 3), (3, None, 3)),
    "B": ((4, 4, 4), (5, (3, 4), 4)),  # the committee's items 3 and 4: level 4 (half up)
    "C": ((4, None, 3), (2, None, 4)),
    "D": ((3, None, 3), (4, None, 5)),
    "E": ((None, None, 5), (None, None, 4)),  # no SAR
    "F": ((5, None, 2), (4, None, 4)),  # re-evaluated: the first results do not count
}


def independent_kappa(pairs):
    """Quadratic-weighted kappa from its pairwise form: 1 − n·Σ(a−b)² / ΣᵢΣⱼ(aᵢ−bⱼ)²."""
    observed = sum((a - b) ** 2 for a, b in pairs)
    expected = sum((a - b) ** 2 for a, _x in pairs for _y, b in pairs)
    return None if expected == 0 else 1 - Fraction(len(pairs) * observed, expected)


@pytest.fixture
def district(office, cluster, other_office_school, academic_year, supervisor, other_supervisor):
    sets = make_test_standards()
    basic1, basic2 = sets["basic"].standards.order_by("number")
    onesqa_round = make_round(*sets.values())
    schools = {}
    for n, name in enumerate(DISTRICT):
        schools[name] = SchoolFactory(
            area_office=office, cluster=cluster, code=f"103455010{n}", name=f"โรงเรียนบ้าน{name}"
        )

    def record(school, values, actor=supervisor, **kwargs):
        evaluation = make_evaluation(school, onesqa_round, academic_year, **kwargs)
        for standard, onesqa in values:
            services.result_save(
                evaluation=evaluation,
                standard=standard,
                level=level(onesqa_round, onesqa),
                source="final",
                actor=actor,
            )
        return evaluation

    for name, ((sar1, com1, one1), (sar2, com2, one2)) in DISTRICT.items():
        school = schools[name]
        if name == "F":
            first = record(school, [(basic1, 5), (basic2, 1)])
            record(
                school,
                [(basic1, one1), (basic2, one2)],
                kind="reeval",
                reevaluation_of=first,
                scheduled_from=first.scheduled_from.replace(year=2025),
                scheduled_to=first.scheduled_to.replace(year=2025),
            )
        else:
            record(school, [(basic1, one1), (basic2, one2)])
        if sar1 is not None:
            make_sar(
                school,
                academic_year.year,
                standards={basic1: (sar1, "", ""), basic2: (sar2, "", "")},
                versions=2,
            )
        for standard, committee in ((basic1, com1), (basic2, com2)):
            if committee is None:
                continue
            visit = VisitFactory(school=school, academic_year=academic_year, answers=False)
            items = list(standard.items.filter(is_assessed=True).order_by("code"))
            levels = committee if isinstance(committee, tuple) else (committee,) * len(items)
            for item, value in zip(items, levels, strict=True):
                VisitAnswer.objects.create(visit=visit, standard_item=item, level=value)
    # Noise that must not count: a visit of another year, another office's results.
    other_year = AcademicYearFactory(year=2566)
    visit = VisitFactory(school=schools["C"], academic_year=other_year, answers=False)
    VisitAnswer.objects.create(
        visit=visit, standard_item=basic1.items.filter(is_assessed=True).first(), level=1
    )
    record(other_office_school, [(basic1, 1)], actor=other_supervisor)
    return onesqa_round, schools, basic1, basic2


def pairs(side, standard_index):
    index = {"sar": 0, "committee": 1}[side]
    out = []
    for levels in DISTRICT.values():
        internal, onesqa = levels[standard_index][index], levels[standard_index][2]
        if isinstance(internal, tuple):
            internal = int(sum(internal) / len(internal) + 0.5)
        if internal is not None:
            out.append((internal, onesqa))
    return out


def test_every_figure_of_the_district(district, office):
    onesqa_round, schools, basic1, basic2 = district
    data, rows = district_figures(office, onesqa_round)
    assert data["schools"] == 6 and len(rows) == 12
    first, second = data["standards"]
    assert (first["id"], second["id"]) == (basic1.pk, basic2.pk)
    assert first["label"] == "ขั้นพื้นฐาน มาตรฐานที่ 1"

    assert first["sar"] == {
        "n": 5,
        "exact": 2,
        "exact_pct": 40.0,
        "within_one": 3,
        "within_one_pct": 60.0,
        "two_above": 2,
        "mean_gap": 1.2,
        "kappa": -0.1667,  # 1 − 5·14/60 = −1/6
    }
    assert first["committee"] == {
        "n": 2,
        "exact": 1,
        "exact_pct": 50.0,
        "within_one": 2,
        "within_one_pct": 100.0,
        "two_above": 0,
        "mean_gap": 0.5,
        "kappa": 0.0,  # 1 − 2·1/2
    }
    assert second["sar"] == {
        "n": 5,
        "exact": 2,
        "exact_pct": 40.0,
        "within_one": 4,
        "within_one_pct": 80.0,
        "two_above": 0,
        "mean_gap": -0.4,
        "kappa": 0.25,  # 1 − 5·6/40
    }
    # One pair in one category: kappa is undefined, not 0 or 1.
    assert second["committee"]["n"] == 1 and second["committee"]["kappa"] is None
    for standard_index, standard in enumerate((first, second)):
        for side in ("sar", "committee"):
            kappa = independent_kappa(pairs(side, standard_index))
            expected = None if kappa is None else figures.rounded(kappa)
            assert standard[side]["kappa"] == expected

    assert [(d["level"], d["count"], d["percent"]) for d in first["distribution"]] == [
        (5, 1, 16.67),
        (4, 1, 16.67),
        (3, 3, 50.0),
        (2, 1, 16.67),
        (1, 0, 0.0),
    ]
    assert [(d["count"], d["percent"]) for d in second["distribution"]] == [
        (1, 16.67),
        (4, 66.67),
        (1, 16.67),
        (0, 0.0),
        (0, 0.0),
    ]
    assert [(f["school"], f["standard"], f["sar"], f["onesqa"]) for f in data["flagged"]] == [
        ("โรงเรียนบ้านA", "ขั้นพื้นฐาน มาตรฐานที่ 1", 5, 3),
        ("โรงเรียนบ้านF", "ขั้นพื้นฐาน มาตรฐานที่ 1", 5, 2),
    ]
    assert data["flagged_schools"] == 2 and first["flagged"] == 2 and second["flagged"] == 0
    overall = data["overall"]["sar"]
    assert (overall["n"], overall["exact"], overall["exact_pct"], overall["within_one_pct"]) == (
        10,
        4,
        40.0,
        70.0,
    )
    assert overall["kappa"] == figures.rounded(independent_kappa(pairs("sar", 0) + pairs("sar", 1)))


def test_a_committee_two_levels_above_is_flagged_too():
    assert figures.is_flagged(None, 5, 3) and not figures.is_flagged(4, 4, 3)
    assert not figures.is_flagged(5, 5, None)


def test_percent_and_kappa_round_half_up():
    assert figures.percent(1, 8) == 12.5 and figures.percent(1, 6) == 16.67
    assert figures.percent(1, 0) is None
    assert figures.rounded(Fraction(12345, 100000)) == 0.1235


def test_the_narrative_is_drafted_from_the_figures(district, office):
    data, _rows = district_figures(office, district[0])
    text = narrative.draft(data)
    assert "จำนวน 6 แห่ง" in text and "ตรงกันร้อยละ 40.00" in text
    assert "ไม่เกินหนึ่งระดับร้อยละ 70.00" in text
    assert "สถานศึกษา 2 แห่ง (2 มาตรฐาน)" in text


def test_publish_keeps_the_figures_and_shows_them_publicly(
    client, as_user, district, office, supervisor
):
    onesqa_round = district[0]
    page = reverse("external_eval:synthesis", args=[onesqa_round.pk])
    html = as_user(supervisor).get(page).content.decode()
    assert "ตรงกันร้อยละ 40.00" in html  # the drafted narrative in the form
    assert "โรงเรียนบ้านA" in html and 'id="publish-form"' in html
    client.post(
        reverse("external_eval:synthesis_publish", args=[onesqa_round.pk])
    )  # no narrative yet: refused
    assert not OnesqaSynthesis.objects.published().exists()
    client.post(
        reverse("external_eval:synthesis_narrative", args=[onesqa_round.pk]),
        {"narrative": "สรุปผลของเขต\n\nย่อหน้าที่สอง", "action": "save"},
    )
    client.post(reverse("external_eval:synthesis_publish", args=[onesqa_round.pk]))
    synthesis = OnesqaSynthesis.objects.published().get()
    assert synthesis.published_by == supervisor
    assert synthesis.figures["standards"][0]["sar"]["kappa"] == -0.1667
    # Later results do not change what was published.
    ExternalEvaluation.objects.filter(school=district[1]["A"]).delete()
    client.logout()
    public = client.get(
        reverse("public:onesqa_synthesis_detail", args=[synthesis.pk])
    ).content.decode()
    assert "ย่อหน้าที่สอง" in public and "-0.1667" in public
    listing = client.get(reverse("public:onesqa_synthesis_list")).content.decode()
    assert onesqa_round.name in listing


def test_unpublished_is_not_public(client, district, office, supervisor):
    synthesis = synthesis_services.synthesis_save_narrative(
        office=office, onesqa_round=district[0], narrative="ร่าง", actor=supervisor
    )
    assert (
        client.get(reverse("public:onesqa_synthesis_detail", args=[synthesis.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("public:onesqa_synthesis_pdf", args=[synthesis.pk])).status_code == 404
    )


def test_xlsx_has_every_figure_and_neutralises_text(as_user, district, supervisor):
    onesqa_round, schools, *_ = district
    schools["A"].name = "=HYPERLINK(1)"
    schools["A"].save()
    response = as_user(supervisor).get(
        reverse("external_eval:synthesis_download", args=[onesqa_round.pk, "xlsx"])
    )
    workbook = load_workbook(io.BytesIO(response.content))
    agreement = list(workbook["ความสอดคล้อง"].iter_rows(values_only=True))
    assert agreement[1][:8] == ("ขั้นพื้นฐาน มาตรฐานที่ 1", 6, 5, 2, 40.0, 3, 60.0, -0.1667)
    per_school = list(workbook["รายสถานศึกษา"].iter_rows(values_only=True))
    assert len(per_school) == 13
    assert "'=HYPERLINK(1)" in {row[1] for row in per_school}


def test_the_official_pdf_passes_the_checks(district, office, supervisor):
    from external_eval.synthesis.pdf import synthesis_pdf
    from tests.pdf.tools import check_official_pdf

    data, _rows = district_figures(office, district[0])
    synthesis = synthesis_services.synthesis_save_narrative(
        office=office, onesqa_round=district[0], narrative=narrative.draft(data), actor=supervisor
    )
    pdf = synthesis_pdf(data, synthesis)
    check_official_pdf(
        pdf,
        "onesqa-synthesis",
        expect_text=["รูปแบบการสังเคราะห์ผลการประเมินคุณภาพภายใน-ภายนอก", "โรงเรียนบ้านA"],
    )


def test_roles(
    client,
    as_user,
    district,
    executive,
    school_staff,
    committee_member,
    supervisor,
    other_supervisor,
):
    onesqa_round = district[0]
    page = reverse("external_eval:synthesis", args=[onesqa_round.pk])
    assert client.get(page).status_code == 302
    html = as_user(executive).get(page).content.decode()
    assert "โรงเรียนบ้านA" in html and 'id="publish-form"' not in html
    for user in (school_staff, committee_member):
        assert as_user(user).get(page).status_code == 403
    narrative_url = reverse("external_eval:synthesis_narrative", args=[onesqa_round.pk])
    assert as_user(executive).post(narrative_url, {"narrative": "x"}).status_code == 403
    # Another office sees its own (empty) district, never these schools.
    other = as_user(other_supervisor).get(page).content.decode()
    assert "โรงเรียนบ้านA" not in other
    assert (
        as_user(supervisor).get(reverse("external_eval:synthesis", args=[999999])).status_code
        == 404
    )


@pytest.mark.parametrize("extra", [0, 20])
def test_bounded_queries(
    as_user,
    district,
    office,
    cluster,
    supervisor,
    academic_year,
    extra,
    django_assert_max_num_queries,
):
    onesqa_round, _schools, basic1, _basic2 = district
    for n in range(extra):
        school = SchoolFactory(area_office=office, cluster=cluster, code=f"10345502{n:02d}")
        evaluation = make_evaluation(school, onesqa_round, academic_year)
        services.result_save(
            evaluation=evaluation,
            standard=basic1,
            level=level(onesqa_round, 3),
            source="final",
            actor=supervisor,
        )
    with django_assert_max_num_queries(6):
        data, _rows = district_figures(office, onesqa_round)
    assert data["schools"] == 6 + extra
    client = as_user(supervisor)
    with django_assert_max_num_queries(16):
        client.get(reverse("external_eval:synthesis", args=[onesqa_round.pk]))
