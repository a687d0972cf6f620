"""Writes of the 3-year plan, its strategies and indicators, the action plans, their
projects, progress and year-end evaluation."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district import thai
from iqa_district.accounts.models import User
from sar.models import SynthesisRun
from schools.models import AreaOffice

from .. import evidence
from ..models import (
    ActionPlan,
    DevelopmentPlan,
    IndicatorResult,
    PlanIndicator,
    PlanProject,
    PlanStrategy,
    ProjectProgress,
)
from ._access import Action, audit, check


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
    check(actor, office)
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
    audit(actor, Action.CREATE, plan, "จัดทำแผนพัฒนาคุณภาพการจัดการศึกษา (ระยะ ๓ ปี)", office)
    return plan


@transaction.atomic
def plan_update(
    *, plan: DevelopmentPlan, title: str, vision: str, goals: str, actor: User
) -> DevelopmentPlan:
    check(actor, plan.area_office)
    plan.title, plan.vision, plan.goals = title.strip(), vision.strip(), goals.strip()
    plan.full_clean()
    plan.save(update_fields=["title", "vision", "goals", "updated_at"])
    audit(actor, Action.CHANGE, plan, "แก้ไขแผนพัฒนา", plan.area_office)
    return plan


@transaction.atomic
def plan_set_published(*, plan: DevelopmentPlan, published: bool, actor: User) -> DevelopmentPlan:
    """Publish the plan (and with it its action plans) on the public pages, or withdraw it."""
    check(actor, plan.area_office)
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if published and not plan.strategies.exists():
        raise ValidationError(_("แผนยังไม่มียุทธศาสตร์ จึงยังเผยแพร่ไม่ได้"))
    if plan.is_published != published:
        plan.is_published = published
        plan.published_at = timezone.now() if published else None
        plan.save(update_fields=["is_published", "published_at", "updated_at"])
        audit(
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
    check(actor, plan.area_office)
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
    audit(
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
    check(actor, office)
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
    audit(actor, Action.CREATE, indicator, "เพิ่มตัวชี้วัดและค่าเป้าหมาย", office)
    return indicator


@transaction.atomic
def action_plan_create(*, plan: DevelopmentPlan, fiscal_year: int, actor: User) -> ActionPlan:
    check(actor, plan.area_office)
    if ActionPlan.objects.filter(plan=plan, fiscal_year=fiscal_year).exists():
        raise ValidationError(_("มีแผนปฏิบัติการของปีงบประมาณนี้แล้ว"))
    action_plan = ActionPlan(plan=plan, fiscal_year=fiscal_year)
    action_plan.full_clean()
    action_plan.save()
    audit(actor, Action.CREATE, action_plan, "จัดทำแผนปฏิบัติการประจำปี", plan.area_office)
    return action_plan


def check_open(action_plan: ActionPlan) -> None:
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
    check(actor, office)
    action_plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    check_open(action_plan)
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
    audit(actor, Action.CREATE, project, "เพิ่มโครงการในแผนปฏิบัติการ", office)
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
    check(actor, office)
    project = (
        PlanProject.objects.select_for_update().select_related("action_plan").get(pk=project.pk)
    )
    check_open(project.action_plan)
    start, end = thai.fiscal_year_bounds(project.action_plan.fiscal_year)
    if not start <= reported_on <= end:
        raise ValidationError(_("วันที่รายงานต้องอยู่ในปีงบประมาณของแผนปฏิบัติการ"))
    if not 0 <= percent <= 100 or spent < 0:
        raise ValidationError(_("ความก้าวหน้าต้องอยู่ระหว่าง 0–100 และงบประมาณต้องไม่ติดลบ"))
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
    audit(actor, Action.CHANGE, project, f"รายงานความก้าวหน้าโครงการ ร้อยละ {percent}", office)
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
    check(actor, office)
    action_plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    own = set(
        PlanIndicator.objects.filter(strategy__plan=action_plan.plan_id).values_list(
            "pk", flat=True
        )
    )
    if set(actuals) - own:
        raise ValidationError(_("ตัวชี้วัดไม่ใช่ของแผนนี้"))
    if not actuals:
        raise ValidationError(_("กรุณากรอกผลการดำเนินงานอย่างน้อย 1 ตัวชี้วัด"))
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
    audit(actor, Action.CHANGE, action_plan, "ประเมินผลแผนปฏิบัติการประจำปี", office)
    return action_plan


@transaction.atomic
def action_plan_set_published(
    *, action_plan: ActionPlan, published: bool, actor: User
) -> ActionPlan:
    """Publish the year's evaluation report (once evaluated), or withdraw it."""
    office = action_plan.plan.area_office
    check(actor, office)
    action_plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    if published and not action_plan.is_evaluated:
        raise ValidationError(_("ยังไม่ได้ประเมินผลแผนปฏิบัติการนี้"))
    if action_plan.is_published != published:
        action_plan.is_published = published
        action_plan.save(update_fields=["is_published", "updated_at"])
        audit(
            actor,
            Action.PUBLISH if published else Action.UNPUBLISH,
            action_plan,
            "เผยแพร่รายงานผลแผนปฏิบัติการ" if published else "ยกเลิกการเผยแพร่รายงานผล",
            office,
        )
    return action_plan
