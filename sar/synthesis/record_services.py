"""Writes of what happens to a synthesis: recording that it was sent to OBEC or ONESQA
(with a copy of the PDF sent and its checksum), and the per-school issues the district
and stakeholders want evaluated. Each runs in one transaction, checks the actor and
leaves an audit entry."""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from schools.models import AcademicYear, School
from standards.models import Standard

from ..models import SynthesisRun
from .models import EvaluationIssue, SynthesisDispatch


@transaction.atomic
def synthesis_dispatch_record(
    *,
    run: SynthesisRun,
    recipient: str,
    sent_on: datetime.date,
    reference: str = "",
    note: str = "",
    actor: User,
) -> SynthesisDispatch:
    """Record that the district sent ``run``'s report to ``recipient`` on ``sent_on``.
    The PDF of the run is copied as it is now, so a later re-run cannot change what the
    record says was sent."""
    run = SynthesisRun.objects.select_for_update().select_related("area_office").get(pk=run.pk)
    if not run.can_be_managed_by(actor):
        raise PermissionDenied
    if recipient not in SynthesisDispatch.Recipient.values:
        raise ValidationError(_("โปรดเลือกหน่วยงานที่ส่งถึง"))
    if run.status != SynthesisRun.Status.DONE or not run.pdf:
        raise ValidationError(_("การสังเคราะห์นี้ยังไม่เสร็จ จึงยังไม่มีรายงานให้ส่ง"))
    if sent_on > timezone.localdate():
        raise ValidationError(_("วันที่ส่งต้องไม่เป็นวันในอนาคต"))
    if run.finished_at and sent_on < timezone.localtime(run.finished_at).date():
        raise ValidationError(_("วันที่ส่งต้องไม่ก่อนวันที่สังเคราะห์เสร็จ"))
    try:
        with run.pdf.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError as exc:
        raise ValidationError(_("ไม่พบไฟล์รายงาน PDF ของการสังเคราะห์นี้")) from exc
    dispatch = SynthesisDispatch(
        run=run,
        recipient=recipient,
        sent_on=sent_on,
        reference=reference.strip(),
        note=note.strip(),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        recorded_by=actor,
    )
    dispatch.file.save(f"{sent_on:%Y%m%d}.pdf", ContentFile(content), save=False)
    dispatch.full_clean()
    dispatch.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=dispatch,
        detail=_("ส่งรายงานการสังเคราะห์ถึง %(to)s (SHA-256 %(sha)s)")
        % {"to": dispatch.get_recipient_display(), "sha": dispatch.sha256},
        area_office_id=run.area_office_id,
    )
    return dispatch


def _may_manage_school(actor: User, school: School) -> bool:
    return (
        actor.is_authenticated
        and actor.can_manage_quality
        and (actor.is_superuser or actor.area_office_id == school.area_office_id)
    )


@transaction.atomic
def evaluation_issue_add(
    *,
    school: School,
    academic_year: AcademicYear,
    source: str,
    text: str,
    source_name: str = "",
    standard: Standard | None = None,
    actor: User,
) -> EvaluationIssue:
    """A supervisor records an issue the district or a stakeholder wants evaluated at
    ``school`` in ``academic_year``; it goes to the end of the school's list."""
    if not _may_manage_school(actor, school):
        raise PermissionDenied
    last = EvaluationIssue.objects.filter(school=school, academic_year=academic_year).aggregate(
        Max("order")
    )["order__max"]
    issue = EvaluationIssue(
        school=school,
        academic_year=academic_year,
        source=source,
        source_name=source_name.strip(),
        standard=standard,
        text=text.strip(),
        order=(last or 0) + 1,
        created_by=actor,
    )
    issue.full_clean()
    issue.save()
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=issue)
    return issue


@transaction.atomic
def evaluation_issue_remove(*, issue: EvaluationIssue, actor: User) -> None:
    issue = EvaluationIssue.objects.select_for_update().select_related("school").get(pk=issue.pk)
    if not _may_manage_school(actor, issue.school):
        raise PermissionDenied
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=issue, detail=issue.text[:200])
    issue.delete()
