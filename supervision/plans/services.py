"""Writes of the district plans and of the office's self-assessment. Keyword-only, one
transaction each; the office's quality managers (district admins and supervisors, or a
superuser) write, checked here, and every write leaves an audit entry."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district import thai
from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from sar.models import SynthesisRun
from schools.models import AcademicYear, AreaOffice
from standards.models import Item, QualityLevel, StandardSet
from standards.services import standard_set_adopt

from . import evidence
from .models import (
    ActionPlan,
    DevelopmentPlan,
    IndicatorResult,
    OfficeAssessment,
    OfficeAssessmentLevel,
    PlanIndicator,
    PlanProject,
    PlanStrategy,
    ProjectProgress,
)
from .office_figures import office_figures

Action = AuditEntry.Action


def can_manage(actor: User, office: AreaOffice) -> bool:
    """The office's quality managers write its plans and its self-assessment."""
    return office.is_administered_by(actor)


def _check(actor: User, office: AreaOffice) -> None:
    if not can_manage(actor, office):
        raise PermissionDenied


def _audit(actor: User, action: str, obj, detail: str, office: AreaOffice) -> None:
    audit_record(actor=actor, action=action, obj=obj, detail=detail, area_office_id=office.pk)


@transaction.atomic
def plan_create(
    *,
    office: AreaOffice,
    title: str,
    first_fiscal_year: int,
    goals: str,
    vision: str = "",
    actor: User,
) -> DevelopmentPlan:
    _check(actor, office)
    if DevelopmentPlan.objects.filter(
        area_office=office, first_fiscal_year=first_fiscal_year
    ).exists():
        raise ValidationError(_("มีแผนพัฒนาที่เริ่มปีงบประมาณนี้แล้ว"))
    plan = DevelopmentPlan(
        area_office=office,
        title=title.strip(),
        first_fiscal_year=first_fiscal_year,
        vision=vision.strip(),
        goals=goals.strip(),
        created_by=actor,
    )
    plan.full_clean()
    plan.save()
    _audit(actor, Action.CREATE, plan, "จัดทำแผนพัฒนาคุณภาพการจัดการศึกษา (ระยะ ๓ ปี)", office)
    return plan


@transaction.atomic
def plan_update(
    *, plan: DevelopmentPlan, title: str, vision: str, goals: str, actor: User
) -> DevelopmentPlan:
    _check(actor, plan.area_office)
    plan.title, plan.vision, plan.goals = title.strip(), vision.strip(), goals.strip()
    plan.full_clean()
    plan.save(update_fields=["title", "vision", "goals", "updated_at"])
    _audit(actor, Action.CHANGE, plan, "แก้ไขแผนพัฒนา", plan.area_office)
    return plan


@transaction.atomic
def plan_set_published(*, plan: DevelopmentPlan, published: bool, actor: User) -> DevelopmentPlan:
    """Publish the plan (and with it its action plans) on the public pages, or withdraw it."""
    _check(actor, plan.area_office)
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if published and not plan.strategies.exists():
        raise ValidationError(_("แผนยังไม่มียุทธศาสตร์ จึงยังเผยแพร่ไม่ได้"))
    if plan.is_published != published:
        plan.is_published = published
        plan.published_at = timezone.now() if published else None
        plan.save(update_fields=["is_published", "published_at", "updated_at"])
        _audit(
            actor,
            Action.PUBLISH if published else Action.UNPUBLISH,
            plan,
            "เผยแพร่แผนพัฒนา" if published else "ยกเลิกการเผยแพร่แผนพัฒนา",
            plan.area_office,
        )
    return plan


def _check_evidence(plan: DevelopmentPlan, run: SynthesisRun | None, standard_key: str) -> None:
    if run is None:
        if standard_key:
            raise ValidationError(_("เลือกมาตรฐานได้เมื่อเลือกผลการสังเคราะห์แล้ว"))
        return
    if run.area_office_id != plan.area_office_id or run.status != SynthesisRun.Status.DONE:
        raise ValidationError(_("ผลการสังเคราะห์ต้องเป็นของสำนักงานเขตพื้นที่นี้และเสร็จสิ้นแล้ว"))
    if standard_key and standard_key not in dict(evidence.standard_choices(run.results)):
        raise ValidationError(_("ไม่พบมาตรฐานนี้ในผลการสังเคราะห์ที่เลือก"))


@transaction.atomic
def strategy_save(
    *,
    plan: DevelopmentPlan,
    number: int,
    title: str,
    measures: str,
    synthesis_run: SynthesisRun | None = None,
    standard_key: str = "",
    strategy: PlanStrategy | None = None,
    actor: User,
) -> PlanStrategy:
    """Add a strategy to ``plan`` or, with ``strategy``, change it."""
    _check(actor, plan.area_office)
    _check_evidence(plan, synthesis_run, standard_key)
    if strategy is None:
        strategy = PlanStrategy(plan=plan)
    elif strategy.plan_id != plan.pk:
        raise PermissionDenied
    if PlanStrategy.objects.filter(plan=plan, number=number).exclude(pk=strategy.pk).exists():
        raise ValidationError(_("มียุทธศาสตร์ลำดับนี้แล้ว"))
    strategy.number, strategy.title, strategy.measures = number, title.strip(), measures.strip()
    strategy.synthesis_run, strategy.standard_key = synthesis_run, standard_key
    created = strategy.pk is None
    strategy.full_clean()
    strategy.save()
    _audit(
        actor,
        Action.CREATE if created else Action.CHANGE,
        strategy,
        "บันทึกยุทธศาสตร์และมาตรการ",
        plan.area_office,
    )
    return strategy


@transaction.atomic
def indicator_add(
    *,
    strategy: PlanStrategy,
    code: str,
    title: str,
    unit: str,
    baseline: Decimal | None,
    targets: tuple[Decimal, Decimal, Decimal],
    actor: User,
) -> PlanIndicator:
    office = strategy.plan.area_office
    _check(actor, office)
    if PlanIndicator.objects.filter(strategy__plan=strategy.plan, code=code.strip()).exists():
        raise ValidationError(_("มีตัวชี้วัดรหัสนี้ในแผนแล้ว"))
    indicator = PlanIndicator(
        strategy=strategy,
        code=code.strip(),
        title=title.strip(),
        unit=unit.strip() or "ร้อยละ",
        baseline=baseline,
        target_year1=targets[0],
        target_year2=targets[1],
        target_year3=targets[2],
    )
    indicator.full_clean()
    indicator.save()
    _audit(actor, Action.CREATE, indicator, "เพิ่มตัวชี้วัดและค่าเป้าหมาย", office)
    return indicator


@transaction.atomic
def action_plan_create(*, plan: DevelopmentPlan, fiscal_year: int, actor: User) -> ActionPlan:
    _check(actor, plan.area_office)
    if ActionPlan.objects.filter(plan=plan, fiscal_year=fiscal_year).exists():
        raise ValidationError(_("มีแผนปฏิบัติการของปีงบประมาณนี้แล้ว"))
    action_plan = ActionPlan(plan=plan, fiscal_year=fiscal_year)
    action_plan.full_clean()
    action_plan.save()
    _audit(actor, Action.CREATE, action_plan, "จัดทำแผนปฏิบัติการประจำปี", plan.area_office)
    return action_plan


def _check_open(action_plan: ActionPlan) -> None:
    if action_plan.is_evaluated:
        raise ValidationError(_("แผนปฏิบัติการนี้ประเมินผลแล้ว แก้ไขโครงการไม่ได้"))


@transaction.atomic
def project_add(
    *,
    action_plan: ActionPlan,
    strategy: PlanStrategy,
    title: str,
    owner: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    budget: Decimal,
    indicators: list[PlanIndicator],
    actor: User,
) -> PlanProject:
    office = action_plan.plan.area_office
    _check(actor, office)
    action_plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    _check_open(action_plan)
    if any(i.strategy.plan_id != action_plan.plan_id for i in indicators):
        raise ValidationError(_("ตัวชี้วัดต้องเป็นของแผนพัฒนาเดียวกัน"))
    number = (action_plan.projects.aggregate(n=Max("number"))["n"] or 0) + 1
    project = PlanProject(
        action_plan=action_plan,
        strategy=strategy,
        number=number,
        title=title.strip(),
        owner=owner.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
    )
    project.full_clean()
    project.save()
    project.indicators.set(indicators)
    _audit(actor, Action.CREATE, project, "เพิ่มโครงการในแผนปฏิบัติการ", office)
    return project


@transaction.atomic
def project_report_progress(
    *,
    project: PlanProject,
    reported_on: datetime.date,
    percent: int,
    spent: Decimal,
    note: str,
    actor: User,
) -> ProjectProgress:
    """Record a progress report; the project shows the latest one."""
    office = project.action_plan.plan.area_office
    _check(actor, office)
    project = (
        PlanProject.objects.select_for_update().select_related("action_plan").get(pk=project.pk)
    )
    _check_open(project.action_plan)
    start, end = thai.fiscal_year_bounds(project.action_plan.fiscal_year)
    if not start <= reported_on <= end:
        raise ValidationError(_("วันที่รายงานต้องอยู่ในปีงบประมาณของแผนปฏิบัติการ"))
    if not 0 <= percent <= 100 or spent < 0:
        raise ValidationError(_("ความก้าวหน้าต้องอยู่ระหว่าง ๐–๑๐๐ และงบประมาณต้องไม่ติดลบ"))
    if spent > project.budget:
        raise ValidationError(_("งบประมาณที่ใช้เกินงบประมาณของโครงการ"))
    report = ProjectProgress.objects.create(
        project=project,
        reported_on=reported_on,
        percent=percent,
        spent=spent,
        note=note.strip(),
        reported_by=actor,
    )
    latest = project.reports.order_by("-reported_on", "-pk").first()
    assert latest is not None
    project.progress, project.spent = latest.percent, latest.spent
    project.save(update_fields=["progress", "spent", "updated_at"])
    _audit(actor, Action.CHANGE, project, f"รายงานความก้าวหน้าโครงการ ร้อยละ {percent}", office)
    return report


@transaction.atomic
def action_plan_evaluate(
    *,
    action_plan: ActionPlan,
    actuals: dict[int, tuple[Decimal, str]],
    summary: str,
    actor: User,
) -> ActionPlan:
    """Year-end evaluation: ``actuals`` maps indicator ids to (actual, what to change)."""
    office = action_plan.plan.area_office
    _check(actor, office)
    action_plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    own = set(
        PlanIndicator.objects.filter(strategy__plan=action_plan.plan_id).values_list(
            "pk", flat=True
        )
    )
    if set(actuals) - own:
        raise ValidationError(_("ตัวชี้วัดไม่ใช่ของแผนนี้"))
    if not actuals:
        raise ValidationError(_("กรุณากรอกผลการดำเนินงานอย่างน้อย ๑ ตัวชี้วัด"))
    for indicator_id, (actual, to_change) in actuals.items():
        IndicatorResult.objects.update_or_create(
            action_plan=action_plan,
            indicator_id=indicator_id,
            defaults={"actual": actual, "to_change": to_change.strip()},
        )
    action_plan.evaluation_summary = summary.strip()
    action_plan.evaluated_at = timezone.now()
    action_plan.evaluated_by = actor
    action_plan.save(
        update_fields=["evaluation_summary", "evaluated_at", "evaluated_by", "updated_at"]
    )
    _audit(actor, Action.CHANGE, action_plan, "ประเมินผลแผนปฏิบัติการประจำปี", office)
    return action_plan


@transaction.atomic
def action_plan_set_published(
    *, action_plan: ActionPlan, published: bool, actor: User
) -> ActionPlan:
    """Publish the year's evaluation report (once evaluated), or withdraw it."""
    office = action_plan.plan.area_office
    _check(actor, office)
    action_plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    if published and not action_plan.is_evaluated:
        raise ValidationError(_("ยังไม่ได้ประเมินผลแผนปฏิบัติการนี้"))
    if action_plan.is_published != published:
        action_plan.is_published = published
        action_plan.save(update_fields=["is_published", "updated_at"])
        _audit(
            actor,
            Action.PUBLISH if published else Action.UNPUBLISH,
            action_plan,
            "เผยแพร่รายงานผลแผนปฏิบัติการ" if published else "ยกเลิกการเผยแพร่รายงานผล",
            office,
        )
    return action_plan


def office_standard_set(office: AreaOffice, year: AcademicYear, actor: User) -> StandardSet:
    """The office's own standard set valid in ``year``; adopted from the seed-003 template
    when the office has none yet."""
    own = (
        StandardSet.objects.filter(
            area_office=office, level=StandardSet.Level.AREA_OFFICE, is_active=True
        )
        .valid_in(year.year)
        .order_by("-valid_from_year")
        .first()
    )
    if own is not None:
        return own
    template = (
        StandardSet.objects.templates().valid_in(year.year).order_by("-valid_from_year").first()
    )
    if template is None:
        raise ValidationError(_("ยังไม่มีมาตรฐานสำนักงานเขตพื้นที่การศึกษาในระบบ"))
    return standard_set_adopt(template=template, office=office, actor=actor)


@transaction.atomic
def office_assessment_open(
    *, office: AreaOffice, academic_year: AcademicYear, actor: User
) -> OfficeAssessment:
    _check(actor, office)
    existing = OfficeAssessment.objects.filter(area_office=office, academic_year=academic_year)
    if existing.exists():
        raise ValidationError(_("มีการประเมินตนเองของปีการศึกษานี้แล้ว"))
    standard_set = office_standard_set(office, academic_year, actor)
    assessment = OfficeAssessment.objects.create(
        area_office=office, academic_year=academic_year, standard_set=standard_set
    )
    OfficeAssessmentLevel.objects.bulk_create(
        OfficeAssessmentLevel(assessment=assessment, item=item)
        for item in Item.objects.assessed()
        .filter(standard__standard_set=standard_set)
        .order_by("standard__number", "order")
    )
    _audit(actor, Action.CREATE, assessment, "เริ่มการประเมินตนเองของสำนักงานเขตพื้นที่", office)
    return assessment


@transaction.atomic
def office_assessment_save(
    *,
    assessment: OfficeAssessment,
    levels: dict[int, tuple[int | None, str]],
    strengths: str,
    improvements: str,
    actor: User,
) -> OfficeAssessment:
    """``levels`` maps item ids of the assessment to (level or None, evidence)."""
    _check(actor, assessment.area_office)
    assessment = OfficeAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_final:
        raise ValidationError(_("การประเมินนี้สรุปผลแล้ว แก้ไขไม่ได้"))
    rows = {row.item_id: row for row in assessment.levels.all()}
    if set(levels) - set(rows):
        raise ValidationError(_("ตัวบ่งชี้ไม่ใช่ของการประเมินนี้"))
    valid = set(QualityLevel.values)
    for item_id, (level, text) in levels.items():
        if level is not None and level not in valid:
            raise ValidationError(_("ระดับคุณภาพไม่ถูกต้อง"))
        rows[item_id].level, rows[item_id].evidence = level, text.strip()
    OfficeAssessmentLevel.objects.bulk_update(rows.values(), ["level", "evidence"])
    assessment.strengths, assessment.improvements = strengths.strip(), improvements.strip()
    assessment.save(update_fields=["strengths", "improvements", "updated_at"])
    _audit(actor, Action.CHANGE, assessment, "บันทึกผลการประเมินตนเอง", assessment.area_office)
    return assessment


@transaction.atomic
def office_assessment_finalize(*, assessment: OfficeAssessment, actor: User) -> OfficeAssessment:
    """Close the year's assessment, keeping the system's figures as they are today."""
    _check(actor, assessment.area_office)
    assessment = (
        OfficeAssessment.objects.select_for_update()
        .select_related("area_office", "academic_year")
        .get(pk=assessment.pk)
    )
    if assessment.is_final:
        return assessment
    if assessment.levels.filter(level__isnull=True).exists():
        raise ValidationError(_("กรุณาระบุระดับคุณภาพให้ครบทุกตัวบ่งชี้ก่อนสรุปผล"))
    assessment.figures = office_figures(assessment.area_office, assessment.academic_year)
    assessment.status = OfficeAssessment.Status.FINAL
    assessment.finalized_at = timezone.now()
    assessment.finalized_by = actor
    assessment.save(
        update_fields=["figures", "status", "finalized_at", "finalized_by", "updated_at"]
    )
    _audit(actor, Action.CHANGE, assessment, "สรุปผลการประเมินตนเอง", assessment.area_office)
    return assessment
