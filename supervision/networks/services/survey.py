"""Writes of process 5: open and close a cluster's needs survey, a school's answer.
Keyword-only, one transaction each, the actor checked and recorded in the audit log."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from schools.models import AcademicYear, Cluster, School

from ..models import NeedArea, NeedsResponse, NeedsResponseItem, NeedsSurvey, Support


def can_manage_cluster(actor: User, cluster: Cluster) -> bool:
    """The cluster's own supervisors and their office's district admins (or a superuser)
    run its network: cluster supervisors manage their clusters, not their colleagues'."""
    if actor.is_superuser:
        return True
    if actor.area_office_id != cluster.area_office_id:
        return False
    if actor.is_district_admin:
        return True
    return actor.role == User.Role.SUPERVISOR and cluster.supervisors.filter(pk=actor.pk).exists()


def can_answer(actor: User, survey: NeedsSurvey, school: School) -> bool:
    """A school's own staff answer for it, and only in its own cluster's survey."""
    if school.cluster_id != survey.cluster_id:
        return False
    return actor.is_superuser or (actor.is_school_staff and actor.school_id == school.pk)


@transaction.atomic
def survey_open(
    *,
    cluster: Cluster,
    academic_year: AcademicYear,
    actor: User,
    closes_on: datetime.date | None = None,
) -> NeedsSurvey:
    if not can_manage_cluster(actor, cluster):
        raise PermissionDenied
    if NeedsSurvey.objects.filter(cluster=cluster, academic_year=academic_year).exists():
        raise ValidationError(_("สหวิทยาเขตนี้มีแบบสำรวจความต้องการของปีการศึกษานี้แล้ว"))
    survey = NeedsSurvey(
        cluster=cluster, academic_year=academic_year, closes_on=closes_on, opened_by=actor
    )
    survey.full_clean()
    survey.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        detail="เปิดแบบสำรวจความต้องการ",
        obj=survey,
        area_office_id=cluster.area_office_id,
    )
    return survey


@transaction.atomic
def survey_close(*, survey: NeedsSurvey, actor: User) -> NeedsSurvey:
    if not can_manage_cluster(actor, survey.cluster):
        raise PermissionDenied
    survey = NeedsSurvey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_open:
        survey.status = NeedsSurvey.Status.CLOSED
        survey.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CHANGE,
            detail="ปิดรับคำตอบแบบสำรวจความต้องการ",
            obj=survey,
            area_office_id=survey.cluster.area_office_id,
        )
    return survey


@transaction.atomic
def survey_answer(
    *,
    survey: NeedsSurvey,
    school: School,
    priorities: dict[str, int],
    supports: list[str],
    comments: str,
    actor: User,
) -> NeedsResponse:
    """Record (or replace) ``school``'s answer: ``priorities`` maps need areas to 1–5;
    areas left out are not needs of the school."""
    if not can_answer(actor, survey, school):
        raise PermissionDenied
    survey = NeedsSurvey.objects.select_for_update().get(pk=survey.pk)
    if not survey.is_open:
        raise ValidationError(_("แบบสำรวจนี้ปิดรับคำตอบแล้ว"))
    if not priorities:
        raise ValidationError(_("กรุณาระบุความต้องการอย่างน้อย 1 ด้าน"))
    if set(priorities) - set(NeedArea.values) or any(
        not 1 <= value <= 5 for value in priorities.values()
    ):
        raise ValidationError(_("ด้านหรือระดับความต้องการไม่ถูกต้อง"))
    if set(supports) - set(Support.values):
        raise ValidationError(_("รูปแบบการสนับสนุนไม่ถูกต้อง"))
    response, _created = NeedsResponse.objects.update_or_create(
        survey=survey,
        school=school,
        defaults={
            "supports": [value for value in Support.values if value in supports],
            "comments": comments.strip(),
            "answered_by": actor,
        },
    )
    response.needs.all().delete()
    NeedsResponseItem.objects.bulk_create(
        NeedsResponseItem(response=response, area=area, priority=priority)
        for area, priority in priorities.items()
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CHANGE,
        detail="ตอบแบบสำรวจความต้องการ",
        obj=response,
        area_office_id=school.area_office_id,
    )
    return response
