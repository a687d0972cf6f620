"""The figures of the plans and of the office's self-assessment, computed from fixed rows
and asserted exactly."""

import datetime
from decimal import Decimal

import pytest

from sar.models import SelfAssessmentReport
from standards.models import StandardSet
from supervision.plans import evaluation, evidence
from supervision.plans.models import IndicatorResult, PlanProject
from supervision.plans.office_figures import figures_by_item, office_figures
from tests.factories import AcademicYearFactory, SchoolFactory
from tests.sar.factories import make_sar, make_test_standards
from tests.supervision.factories import SelfEvaluationFactory, VisitFactory

from .factories import RESULTS, done_run, make_action_plan, make_plan

pytestmark = pytest.mark.django_db


def test_evidence_of_one_standard_lists_schools_below_target_and_common_improvements(
    office, academic_year
):
    run = done_run(office, academic_year)
    (row,) = evidence.evidence_for(run, "MOE2561-BASIC:1")
    assert row.below_target_count == 3
    assert [s["name"] for s in row.below_target][0] == "โรงเรียนบ้านหนองไผ่"
    assert row.schools == 40 and row.good_plus_percent == 75.0
    assert row.improvements == [
        {"phrase": "การคิดวิเคราะห์", "schools": 12},
        {"phrase": "การอ่านออกเขียนได้", "schools": 9},
    ]
    assert "มาตรฐานที่ 1 คุณภาพของผู้เรียน" in row.label


def test_evidence_without_a_key_covers_every_standard_and_nothing_of_an_unfinished_run(
    office, academic_year
):
    run = done_run(office, academic_year)
    assert [e.key for e in evidence.evidence_for(run, "")] == ["MOE2561-BASIC:1", "MOE2561-BASIC:2"]
    assert [e.below_target_count for e in evidence.evidence_for(run, "")] == [3, 0]
    run.status = run.Status.FAILED
    assert evidence.evidence_for(run, "") == []
    assert evidence.evidence_for(None, "") == []
    assert dict(evidence.standard_choices(RESULTS))["MOE2561-BASIC:2"].endswith(
        "กระบวนการบริหารและการจัดการ"
    )


def test_year_targets_actuals_and_met(office):
    plan = make_plan(office, first=2570)
    action_plan = make_action_plan(plan, year=2571)  # the plan's second year: target 80
    first, second = plan.strategies.order_by("number")
    IndicatorResult.objects.create(
        action_plan=action_plan, indicator=first.indicators.get(), actual=Decimal("80")
    )
    IndicatorResult.objects.create(
        action_plan=action_plan, indicator=second.indicators.get(), actual=Decimal("79.99")
    )
    lines = evaluation.indicator_lines(action_plan)
    assert [(line.target, line.actual, line.met) for line in lines] == [
        (Decimal("80"), Decimal("80"), True),  # at the target meets it
        (Decimal("80"), Decimal("79.99"), False),
    ]
    assert lines[1].gap == Decimal("-0.01")
    assert evaluation.met_summary(lines) == {"indicators": 2, "judged": 2, "met": 1, "not_met": 1}


def test_an_indicator_without_an_actual_is_not_judged(office):
    action_plan = make_action_plan(make_plan(office), year=2572)
    lines = evaluation.indicator_lines(action_plan)
    assert [line.target for line in lines] == [Decimal("85"), Decimal("85")]
    assert all(line.met is None for line in lines)
    assert evaluation.met_summary(lines) == {"indicators": 2, "judged": 0, "met": 0, "not_met": 0}


def test_progress_summary_counts_done_ongoing_and_not_started(office):
    action_plan = make_action_plan(make_plan(office), projects=4)
    for number, (progress, spent) in enumerate([(100, 9000), (50, 2500), (0, 0), (30, 1000)], 1):
        PlanProject.objects.filter(action_plan=action_plan, number=number).update(
            progress=progress, spent=spent
        )
    summary = evaluation.progress_summary(list(action_plan.projects.all()))
    assert (summary.projects, summary.done, summary.in_progress, summary.not_started) == (
        4,
        1,
        2,
        1,
    )
    assert summary.budget == Decimal("40000") and summary.spent == Decimal("12500")
    assert summary.spent_percent == Decimal("31.25")
    assert summary.mean_progress == Decimal("45.00")


@pytest.fixture
def office_rows(office, cluster, academic_year):
    """Five active schools and one closed: 4 sent a SAR (one only as a draft); of the
    SARs sent, 2 have every standard at ดีเลิศ or above; 2 schools were visited (one twice,
    one visit unpublished elsewhere); 3 evaluated themselves."""
    sets = make_test_standards()
    basic = sets[StandardSet.Level.BASIC]
    s1, s2 = basic.standards.order_by("number")
    schools = [
        SchoolFactory(area_office=office, cluster=cluster, code=f"10345509{n:02d}")
        for n in range(5)
    ]
    SchoolFactory(area_office=office, cluster=cluster, code="1034550999", is_active=False)
    year = academic_year.year
    make_sar(schools[0], year, standards={s1: (5, "", ""), s2: (4, "", "")})
    make_sar(schools[1], year, standards={s1: (4, "", ""), s2: (4, "", "")}, versions=2)
    make_sar(
        schools[2],
        year,
        standards={s1: (4, "", ""), s2: (3, "", "")},
        status=SelfAssessmentReport.Status.SUBMITTED,
    )
    make_sar(
        schools[3], year, standards={s1: (5, "", "")}, status=SelfAssessmentReport.Status.DRAFT
    )
    make_sar(
        schools[4], year, standards={s1: (5, "", "")}, status=SelfAssessmentReport.Status.RETURNED
    )
    VisitFactory(school=schools[0], academic_year=academic_year, status="published")
    VisitFactory(
        school=schools[0],
        academic_year=academic_year,
        status="published",
        date=datetime.date(2024, 8, 1),
    )
    VisitFactory(school=schools[1], academic_year=academic_year, status="published")
    VisitFactory(school=schools[2], academic_year=academic_year, status="planned")
    other_year = AcademicYearFactory(year=academic_year.year - 1, is_current=False)
    VisitFactory(school=schools[3], academic_year=other_year, status="published")
    for school in schools[:3]:
        SelfEvaluationFactory(school=school, academic_year=academic_year)
    SelfEvaluationFactory(school=schools[0], academic_year=academic_year, semester=2)
    return schools


def test_office_figures_from_fixed_rows(
    office, academic_year, office_rows, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        figures = office_figures(office, academic_year)
    assert {k: (f["count"], f["total"], f["percent"]) for k, f in figures.items()} == {
        # Sent = submitted or accepted: 3 of 5 active schools (draft and returned are not).
        "sar_submission": (3, 5, 60.0),
        # Of the 3 sent, schools 0 and 1 are ดีเลิศ+ in every standard (1's latest version).
        "very_good_plus": (2, 3, 66.67),
        "visits": (2, 5, 40.0),
        "self_evaluations": (3, 5, 60.0),
    }
    assert figures["visits"]["visits"] == 3
    assert [f["key"] for f in figures_by_item(figures)["3.2"]] == [
        "sar_submission",
        "very_good_plus",
    ]


def test_office_figures_of_an_office_without_schools(other_office, academic_year):
    figures = office_figures(other_office, academic_year)
    assert all(f["percent"] is None and f["count"] == 0 for f in figures.values())
