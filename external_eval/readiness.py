"""Readiness for ONESQA's evaluation (steps 4–5 of process 3). Form ๗.๑ of process 3 is a
template of supervision's form engine, filled on a visit planned from the evaluation
(the engine's phone page with autosave, its report and PDF); this module plans that visit
and reads each evaluation's readiness score: the share of the form's มี/ไม่มี rows
answered มี (an unanswered row counts as not done), with the verdict row's answer, the
same figures as ``supervision.reports.readiness_figures`` computes for one visit."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, Q, When
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from supervision.models import FormItem, FormTemplate, Visit, VisitAnswer
from supervision.services import visit_plan

from .models import ExternalEvaluation
from .services import _event, can_manage

YES_NO = FormItem.AnswerType.YES_NO
VERDICT = FormItem.AnswerType.VERDICT


@dataclass(frozen=True)
class Readiness:
    yes: int
    total: int
    ready: bool | None

    @property
    def percent(self) -> Decimal | None:
        if not self.total:
            return None
        return (Decimal(100 * self.yes) / self.total).quantize(Decimal("0.01"), ROUND_HALF_UP)


def readiness_of(evaluations: Iterable[ExternalEvaluation]) -> dict[int, Readiness]:
    """Each evaluation's readiness (by evaluation pk) where a readiness form was planned:
    one query, whatever the number of evaluations."""
    visit_of = {e.readiness_visit_id: e.pk for e in evaluations if e.readiness_visit_id}
    if not visit_of:
        return {}
    rows = (
        VisitAnswer.objects.filter(visit__in=visit_of, form_item__isnull=False)
        .values("visit")
        .annotate(
            total=Count("pk", filter=Q(form_item__answer_type=YES_NO)),
            yes=Count("pk", filter=Q(form_item__answer_type=YES_NO, has_evidence=True)),
            verdict=Max(
                Case(
                    When(form_item__answer_type=VERDICT, has_evidence=True, then=2),
                    When(form_item__answer_type=VERDICT, has_evidence=False, then=1),
                    output_field=IntegerField(),
                )
            ),
        )
        .order_by()
    )
    verdicts = {2: True, 1: False, None: None}
    return {
        visit_of[row["visit"]]: Readiness(row["yes"], row["total"], verdicts[row["verdict"]])
        for row in rows
    }


@transaction.atomic
def readiness_plan(
    *,
    evaluation: ExternalEvaluation,
    date: datetime.date,
    supervisors: Iterable[User] = (),
    actor: User,
) -> Visit:
    """Plan the readiness check (form ๗.๑ of process 3) of an evaluation: one visit of the
    form engine, linked to the evaluation; a second one is refused."""
    if not can_manage(actor, evaluation):
        raise PermissionDenied
    current = (
        ExternalEvaluation.objects.select_for_update(of=("self",))
        .select_related("school")
        .get(pk=evaluation.pk)
    )
    if current.readiness_visit_id is not None:
        raise ValidationError(_("การประเมินนี้มีการนิเทศติดตามความพร้อมแล้ว"))
    template = FormTemplate.objects.readiness_form_of(current.school.area_office_id)
    if template is None:
        raise ValidationError(_("ยังไม่มีแบบ 7.1 ของกระบวนการที่ 3 ที่ใช้งานได้ โปรดติดต่อผู้ดูแลระบบ"))
    visit = visit_plan(
        school=current.school,
        kind=Visit.Kind.ONESQA_READINESS,
        date=date,
        template=template,
        supervisors=list(supervisors) or [actor],
        actor=actor,
    )
    current.readiness_visit = visit
    current.save(update_fields=["readiness_visit", "updated_at"])
    _event(current, actor=actor, action="readiness_planned", comment=date.isoformat())
    return visit
