"""Changing and deleting a plan's indicators and an action plan's projects.

Two quality managers may have the same row open on two PCs: each form carries the row's
``updated_at`` as it was shown, and a save or delete typed on an older copy raises
``StaleEditError`` (naming when the other change was made) and changes nothing."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iqa_district import thai
from iqa_district.accounts.models import User

from ..models import ActionPlan, IndicatorResult, PlanIndicator, PlanProject, PlanStrategy
from ._access import Action, audit, check
from .plans import check_open


class StaleEditError(ValidationError):
    """The row changed after the page showing it was loaded."""


def _check_fresh(current_updated_at: datetime.datetime, shown: datetime.datetime | None) -> None:
    if shown is not None and shown != current_updated_at:
        raise StaleEditError(
            _("รายการนี้ถูกแก้ไขจากเครื่องอื่นเมื่อ %(at)s กรุณาเปิดหน้านี้ใหม่เพื่อดูข้อมูลล่าสุดก่อนบันทึกหรือลบ")
            % {"at": thai.format_datetime_page(current_updated_at)}
        )


@transaction.atomic
def indicator_update(
    *,
    indicator: PlanIndicator,
    code: str,
    title: str,
    unit: str,
    baseline: Decimal | None,
    targets: tuple[Decimal, Decimal, Decimal],
    shown_updated_at: datetime.datetime | None = None,
    actor: User,
) -> PlanIndicator:
    current = (
        PlanIndicator.objects.select_for_update()
        .select_related("strategy__plan__area_office")
        .get(pk=indicator.pk)
    )
    plan = current.strategy.plan
    check(actor, plan.area_office)
    _check_fresh(current.updated_at, shown_updated_at)
    code = code.strip()
    if PlanIndicator.objects.filter(strategy__plan=plan, code=code).exclude(pk=current.pk).exists():
        raise ValidationError(_("มีตัวชี้วัดรหัสนี้ในแผนแล้ว"))
    current.code, current.title, current.unit = code, title.strip(), unit.strip() or "ร้อยละ"
    current.baseline = baseline
    current.target_year1, current.target_year2, current.target_year3 = targets
    current.full_clean()
    current.save()
    audit(actor, Action.CHANGE, current, "แก้ไขตัวชี้วัดและค่าเป้าหมาย", plan.area_office)
    return current


@transaction.atomic
def indicator_delete(
    *, indicator: PlanIndicator, shown_updated_at: datetime.datetime | None = None, actor: User
) -> None:
    """Delete an indicator not yet evaluated; the projects that served it keep running."""
    current = (
        PlanIndicator.objects.select_for_update()
        .select_related("strategy__plan__area_office")
        .get(pk=indicator.pk)
    )
    office = current.strategy.plan.area_office
    check(actor, office)
    _check_fresh(current.updated_at, shown_updated_at)
    if IndicatorResult.objects.filter(indicator=current).exists():
        raise ValidationError(_("ตัวชี้วัดนี้มีผลการประเมินแผนปฏิบัติการแล้ว จึงลบไม่ได้ (แก้ไขได้)"))
    audit(actor, Action.DELETE, current, f"ลบตัวชี้วัด {current.code} {current.title}", office)
    current.delete()


@transaction.atomic
def project_update(
    *,
    project: PlanProject,
    strategy: PlanStrategy,
    title: str,
    owner: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    budget: Decimal,
    indicators: list[PlanIndicator],
    shown_updated_at: datetime.datetime | None = None,
    actor: User,
) -> PlanProject:
    current = (
        PlanProject.objects.select_for_update()
        .select_related("action_plan__plan__area_office")
        .get(pk=project.pk)
    )
    action_plan: ActionPlan = current.action_plan
    office = action_plan.plan.area_office
    check(actor, office)
    check_open(action_plan)
    _check_fresh(current.updated_at, shown_updated_at)
    if any(i.strategy.plan_id != action_plan.plan_id for i in indicators):
        raise ValidationError(_("ตัวชี้วัดต้องเป็นของแผนพัฒนาเดียวกัน"))
    if budget < current.spent:
        raise ValidationError(_("งบประมาณต้องไม่น้อยกว่างบประมาณที่ใช้ไปแล้ว"))
    current.strategy, current.title, current.owner = strategy, title.strip(), owner.strip()
    current.starts_on, current.ends_on, current.budget = starts_on, ends_on, budget
    current.full_clean()
    current.save()
    current.indicators.set(indicators)
    audit(actor, Action.CHANGE, current, "แก้ไขโครงการในแผนปฏิบัติการ", office)
    return current


@transaction.atomic
def project_delete(
    *, project: PlanProject, shown_updated_at: datetime.datetime | None = None, actor: User
) -> None:
    """Delete a project of an action plan not yet evaluated, with its progress reports."""
    current = (
        PlanProject.objects.select_for_update()
        .select_related("action_plan__plan__area_office")
        .get(pk=project.pk)
    )
    office = current.action_plan.plan.area_office
    check(actor, office)
    check_open(current.action_plan)
    _check_fresh(current.updated_at, shown_updated_at)
    audit(actor, Action.DELETE, current, f"ลบโครงการ {current.number}. {current.title}", office)
    current.delete()
