"""Writes of the plans and of the office's self-assessment: who may, what is refused, and
the audit trail."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from iqa_district.audit.models import AuditEntry
from standards.models import StandardSet
from supervision.plans import services
from supervision.plans.models import OfficeAssessment, ProjectProgress

from .factories import done_run, make_action_plan, make_plan

pytestmark = pytest.mark.django_db


def test_plan_create_by_a_supervisor_is_audited(office, supervisor):
    plan = services.plan_create(
        office=office, title=" แผน ", first_fiscal_year=2570, goals="เป้าประสงค์", actor=supervisor
    )
    assert plan.title == "แผน" and plan.fiscal_years == [2570, 2571, 2572]
    assert plan.period_label == "ปีงบประมาณ 2570–2572"
    assert AuditEntry.objects.filter(actor=supervisor, area_office=office).exists()
    with pytest.raises(ValidationError):
        services.plan_create(
            office=office, title="ซ้ำ", first_fiscal_year=2570, goals="x", actor=supervisor
        )


@pytest.mark.parametrize("who", ["executive", "school_staff", "other_supervisor"])
def test_only_the_offices_quality_managers_write(request, office, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.plan_create(
            office=office, title="แผน", first_fiscal_year=2570, goals="x", actor=actor
        )
    plan = make_plan(office)
    with pytest.raises(PermissionDenied):
        services.plan_set_published(plan=plan, published=True, actor=actor)


def test_strategy_evidence_must_be_a_finished_run_of_the_office(
    office, other_office, academic_year, supervisor
):
    plan = make_plan(office, strategies=0)
    run = done_run(office, academic_year)
    strategy = services.strategy_save(
        plan=plan,
        number=1,
        title="ยกระดับคุณภาพผู้เรียน",
        measures="ม.๑",
        synthesis_run=run,
        standard_key="MOE2561-BASIC:1",
        actor=supervisor,
    )
    assert strategy.synthesis_run == run
    with pytest.raises(ValidationError, match="ไม่พบมาตรฐาน"):
        services.strategy_save(
            plan=plan,
            number=2,
            title="x",
            measures="x",
            synthesis_run=run,
            standard_key="NOPE:9",
            actor=supervisor,
        )
    with pytest.raises(ValidationError, match="ต้องเป็นของสำนักงานเขตพื้นที่นี้"):
        services.strategy_save(
            plan=plan,
            number=2,
            title="x",
            measures="x",
            synthesis_run=done_run(other_office, academic_year),
            actor=supervisor,
        )
    with pytest.raises(ValidationError, match="ลำดับนี้"):
        services.strategy_save(plan=plan, number=1, title="x", measures="x", actor=supervisor)


def test_publishing_needs_a_strategy_and_can_be_withdrawn(office, supervisor):
    empty = make_plan(office, strategies=0)
    with pytest.raises(ValidationError):
        services.plan_set_published(plan=empty, published=True, actor=supervisor)
    plan = make_plan(office, first=2573)
    plan = services.plan_set_published(plan=plan, published=True, actor=supervisor)
    assert plan.is_published and plan.published_at
    plan = services.plan_set_published(plan=plan, published=False, actor=supervisor)
    assert not plan.is_published and plan.published_at is None


def test_action_plan_year_must_be_one_of_the_plans_three(office, supervisor):
    plan = make_plan(office, first=2570)
    assert services.action_plan_create(plan=plan, fiscal_year=2572, actor=supervisor).pk
    with pytest.raises(ValidationError):
        services.action_plan_create(plan=plan, fiscal_year=2573, actor=supervisor)
    with pytest.raises(ValidationError):
        services.action_plan_create(plan=plan, fiscal_year=2572, actor=supervisor)


def _project(action_plan, supervisor, starts_on, ends_on):
    strategy = action_plan.plan.strategies.first()
    return services.project_add(
        action_plan=action_plan,
        strategy=strategy,
        title="โครงการพัฒนาการอ่าน",
        owner="กลุ่มนิเทศฯ",
        starts_on=starts_on,
        ends_on=ends_on,
        budget=Decimal("50000"),
        indicators=list(strategy.indicators.all()),
        actor=supervisor,
    )


def test_project_period_lies_in_the_fiscal_year_at_its_boundaries(office, supervisor):
    # Fiscal year 2570 runs 1 Oct 2569 (2026) – 30 Sep 2570 (2027).
    action_plan = make_action_plan(make_plan(office, first=2570), year=2570, projects=0)
    project = _project(
        action_plan, supervisor, datetime.date(2026, 10, 1), datetime.date(2027, 9, 30)
    )
    assert project.number == 1 and project.indicators.count() == 1
    with pytest.raises(ValidationError):
        _project(action_plan, supervisor, datetime.date(2026, 9, 30), datetime.date(2027, 1, 1))
    with pytest.raises(ValidationError):
        _project(action_plan, supervisor, datetime.date(2026, 10, 1), datetime.date(2027, 10, 1))


def test_progress_reports_update_the_project_with_the_latest(office, supervisor):
    action_plan = make_action_plan(make_plan(office, first=2570), year=2570, projects=1)
    project = action_plan.projects.get()
    services.project_report_progress(
        project=project,
        reported_on=datetime.date(2027, 3, 31),
        percent=60,
        spent=Decimal("4000"),
        note="ดำเนินการแล้วครึ่งหนึ่ง",
        actor=supervisor,
    )
    # An earlier report entered afterwards does not overwrite the latest.
    services.project_report_progress(
        project=project,
        reported_on=datetime.date(2027, 1, 15),
        percent=20,
        spent=Decimal("1000"),
        note="",
        actor=supervisor,
    )
    project.refresh_from_db()
    assert (project.progress, project.spent) == (60, Decimal("4000"))
    assert ProjectProgress.objects.filter(project=project).count() == 2
    with pytest.raises(ValidationError):
        services.project_report_progress(
            project=project,
            reported_on=datetime.date(2027, 10, 1),
            percent=70,
            spent=Decimal("0"),
            note="",
            actor=supervisor,
        )
    with pytest.raises(ValidationError, match="เกินงบประมาณ"):
        services.project_report_progress(
            project=project,
            reported_on=datetime.date(2027, 4, 1),
            percent=70,
            spent=Decimal("10001"),
            note="",
            actor=supervisor,
        )


def test_evaluation_records_actuals_and_freezes_projects(office, supervisor):
    plan = make_plan(office, first=2570)
    action_plan = make_action_plan(plan, year=2570, projects=1)
    indicator = plan.strategies.first().indicators.get()
    with pytest.raises(ValidationError):
        services.action_plan_set_published(
            action_plan=action_plan, published=True, actor=supervisor
        )
    services.action_plan_evaluate(
        action_plan=action_plan,
        actuals={indicator.pk: (Decimal("77.5"), "เพิ่มการนิเทศแบบพี่เลี้ยง")},
        summary="บรรลุบางส่วน",
        actor=supervisor,
    )
    action_plan.refresh_from_db()
    assert action_plan.is_evaluated and action_plan.results.get().actual == Decimal("77.5")
    with pytest.raises(ValidationError, match="ประเมินผลแล้ว"):
        _project(action_plan, supervisor, datetime.date(2026, 10, 1), datetime.date(2027, 1, 1))
    other_plan = make_plan(office, first=2573)
    foreign = other_plan.strategies.first().indicators.get()
    with pytest.raises(ValidationError):
        services.action_plan_evaluate(
            action_plan=action_plan,
            actuals={foreign.pk: (Decimal(1), "")},
            summary="",
            actor=supervisor,
        )
    assert services.action_plan_set_published(
        action_plan=action_plan, published=True, actor=supervisor
    ).is_published


def test_office_assessment_adopts_the_seed_standards_and_finalizes_with_figures(
    office, academic_year, supervisor, executive
):
    assert StandardSet.objects.templates().exists()  # loaded by standards' data migration
    with pytest.raises(PermissionDenied):
        services.office_assessment_open(office=office, academic_year=academic_year, actor=executive)
    assessment = services.office_assessment_open(
        office=office, academic_year=academic_year, actor=supervisor
    )
    assert assessment.standard_set.area_office == office
    codes = list(assessment.levels.values_list("item__code", flat=True))
    assert codes[:3] == ["1.1", "1.2", "1.3"] and len(codes) == 14
    with pytest.raises(ValidationError):
        services.office_assessment_open(
            office=office, academic_year=academic_year, actor=supervisor
        )
    with pytest.raises(ValidationError, match="ครบทุกตัวบ่งชี้"):
        services.office_assessment_finalize(assessment=assessment, actor=supervisor)
    levels = {row.item_id: (4, "รายงานผลการดำเนินงาน") for row in assessment.levels.all()}
    services.office_assessment_save(
        assessment=assessment,
        levels=levels,
        strengths="ส่ง SAR ครบ",
        improvements="การนิเทศ",
        actor=supervisor,
    )
    assessment = services.office_assessment_finalize(assessment=assessment, actor=supervisor)
    assert assessment.status == OfficeAssessment.Status.FINAL
    assert set(assessment.figures) == {
        "sar_submission",
        "very_good_plus",
        "visits",
        "self_evaluations",
    }
    with pytest.raises(ValidationError, match="สรุปผลแล้ว"):
        services.office_assessment_save(
            assessment=assessment, levels={}, strengths="", improvements="", actor=supervisor
        )
