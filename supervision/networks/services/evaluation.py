"""Form ๒ (the evaluation of an activity) and its satisfaction link; form ๓ (the cluster
supervisor's report) and its publication."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from schools.models import AcademicYear, Cluster

from ..models import (
    SATISFACTION_QUESTIONS,
    Activity,
    ActivityEvaluation,
    ClusterReport,
    ObjectiveRating,
    ParticipantRole,
    SatisfactionResponse,
)
from .survey import can_manage_cluster


class AlreadyAnsweredError(Exception):
    """This browser has already answered the satisfaction form of the activity."""


@transaction.atomic
def evaluation_save(
    *,
    activity: Activity,
    scale: str,
    ratings: dict[int, int | bool],
    evaluator_name: str,
    signed_on: datetime.date,
    actor: User,
    evaluator_position: str = "",
    receiver_name: str = "",
    receiver_position: str = "",
    strengths: str = "",
    improvements: str = "",
    recommendations: str = "",
) -> ActivityEvaluation:
    """Form ๒: ``ratings`` maps each objective's number (1…) to a level 1–5 (scale
    ``five``) or to met/not met (scale ``met``); every objective must be rated."""
    cluster = activity.plan.cluster
    if not can_manage_cluster(actor, cluster):
        raise PermissionDenied
    if activity.status != Activity.Status.DONE:
        raise ValidationError(_("บันทึกผลการดำเนินกิจกรรมก่อนจึงประเมินได้"))
    objectives = activity.objective_lines()
    if set(ratings) != set(range(1, len(objectives) + 1)):
        raise ValidationError(_("กรุณาประเมินทุกวัตถุประสงค์"))
    if scale == ActivityEvaluation.Scale.FIVE:
        if any(isinstance(v, bool) or not 1 <= int(v) <= 5 for v in ratings.values()):
            raise ValidationError(_("ระดับคุณภาพต้องอยู่ระหว่าง 1 ถึง 5"))
    elif scale == ActivityEvaluation.Scale.MET:
        if any(not isinstance(v, bool) for v in ratings.values()):
            raise ValidationError(_("ระบุบรรลุหรือไม่บรรลุในทุกวัตถุประสงค์"))
    else:
        raise ValidationError(_("รูปแบบการประเมินไม่ถูกต้อง"))
    if not evaluator_name.strip():
        raise ValidationError(_("กรุณาระบุชื่อผู้นิเทศ/ผู้ประเมิน"))
    evaluation, created = ActivityEvaluation.objects.update_or_create(
        activity=activity,
        defaults={
            "scale": scale,
            "strengths": strengths.strip(),
            "improvements": improvements.strip(),
            "recommendations": recommendations.strip(),
            "evaluator_name": evaluator_name.strip(),
            "evaluator_position": evaluator_position.strip(),
            "receiver_name": receiver_name.strip(),
            "receiver_position": receiver_position.strip(),
            "signed_on": signed_on,
            "evaluated_by": actor,
        },
    )
    evaluation.ratings.all().delete()
    ObjectiveRating.objects.bulk_create(
        ObjectiveRating(
            evaluation=evaluation,
            number=number,
            objective=objectives[number - 1],
            level=None if scale == ActivityEvaluation.Scale.MET else int(ratings[number]),
            met=bool(ratings[number]) if scale == ActivityEvaluation.Scale.MET else None,
        )
        for number in sorted(ratings)
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.CHANGE,
        detail="แบบนิเทศ/ประเมินกิจกรรม (แบบ ๒)",
        obj=evaluation,
        area_office_id=cluster.area_office_id,
    )
    return evaluation


@transaction.atomic
def satisfaction_set_open(*, activity: Activity, is_open: bool, actor: User) -> Activity:
    cluster = activity.plan.cluster
    if not can_manage_cluster(actor, cluster):
        raise PermissionDenied
    activity.satisfaction_open = is_open
    activity.save(update_fields=["satisfaction_open", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CHANGE,
        detail="เปิดแบบสอบถามความพึงพอใจ" if is_open else "ปิดแบบสอบถามความพึงพอใจ",
        obj=activity,
        area_office_id=cluster.area_office_id,
    )
    return activity


@transaction.atomic
def satisfaction_submit(
    *, activity: Activity, role: str, ratings: list[int], comment: str, respondent_key: str
) -> SatisfactionResponse:
    """A participant's answer through the public link: no account, one per browser."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not activity.satisfaction_open:
        raise ValidationError(_("แบบสอบถามนี้ปิดรับคำตอบแล้ว"), code="closed")
    if role not in ParticipantRole.values:
        raise ValidationError(_("กรุณาเลือกบทบาท"))
    if len(ratings) != len(SATISFACTION_QUESTIONS) or any(not 1 <= r <= 5 for r in ratings):
        raise ValidationError(_("กรุณาตอบทุกข้อ (1–5)"))
    if SatisfactionResponse.objects.filter(
        activity=activity, respondent_key=respondent_key
    ).exists():
        raise AlreadyAnsweredError
    try:
        with transaction.atomic():
            return SatisfactionResponse.objects.create(
                activity=activity,
                role=role,
                ratings=ratings,
                comment=comment.strip()[:2000],
                respondent_key=respondent_key,
            )
    except IntegrityError as exc:
        raise AlreadyAnsweredError from exc


@transaction.atomic
def report_save(
    *,
    cluster: Cluster,
    academic_year: AcademicYear,
    period_start: datetime.date,
    period_end: datetime.date,
    actor: User,
    outcomes_teachers: str = "",
    outcomes_schools: str = "",
    problems: str = "",
    next_directions: str = "",
) -> ClusterReport:
    """Form ๓ of the cluster and year: created, or its written parts changed."""
    if not can_manage_cluster(actor, cluster):
        raise PermissionDenied
    if period_end < period_start:
        raise ValidationError(_("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"))
    report, created = ClusterReport.objects.update_or_create(
        cluster=cluster,
        academic_year=academic_year,
        defaults={
            "period_start": period_start,
            "period_end": period_end,
            "outcomes_teachers": outcomes_teachers.strip(),
            "outcomes_schools": outcomes_schools.strip(),
            "problems": problems.strip(),
            "next_directions": next_directions.strip(),
            "written_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.CHANGE,
        detail="รายงานผลของศึกษานิเทศก์ประจำสหวิทยาเขต (แบบ ๓)",
        obj=report,
        area_office_id=cluster.area_office_id,
    )
    return report


@transaction.atomic
def report_set_public(*, report: ClusterReport, public: bool, actor: User) -> ClusterReport:
    if not can_manage_cluster(actor, report.cluster):
        raise PermissionDenied
    report.is_public = public
    report.published_at = timezone.now() if public else None
    report.save(update_fields=["is_public", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.PUBLISH if public else AuditEntry.Action.UNPUBLISH,
        detail="แบบ ๓ รายงานผลของศึกษานิเทศก์ประจำสหวิทยาเขต",
        obj=report,
        area_office_id=report.cluster.area_office_id,
    )
    return report
