"""Process 1 steps 4.1 and 5.5: the district's training and sharing events, their
attendance by school and materials; SAR innovations chosen for sharing and published."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from sar.models import SARVersion
from schools.models import AcademicYear, AreaOffice, School

from ..models import SharedPractice, TrainingAttendee, TrainingEvent, TrainingMaterial
from ..validators import validate_document


def can_manage_training(actor: User, office_id: int | None) -> bool:
    """The office's district admins and supervisors run its events (or a superuser)."""
    if actor.is_superuser:
        return True
    return (
        actor.area_office_id == office_id
        and office_id is not None
        and actor.role in (User.Role.DISTRICT_ADMIN, User.Role.SUPERVISOR)
    )


def _check(actor: User, office_id: int | None) -> None:
    if not can_manage_training(actor, office_id):
        raise PermissionDenied


@transaction.atomic
def training_save(
    *,
    office: AreaOffice,
    academic_year: AcademicYear,
    kind: str,
    title: str,
    held_on: datetime.date,
    actor: User,
    place: str = "",
    description: str = "",
    event: TrainingEvent | None = None,
) -> TrainingEvent:
    _check(actor, office.pk)
    if event is not None and event.area_office_id != office.pk:
        raise PermissionDenied
    created = event is None
    target = event or TrainingEvent(area_office=office, created_by=actor)
    target.academic_year = academic_year
    target.kind = kind
    target.title = title.strip()
    target.held_on = held_on
    target.place = place.strip()
    target.description = description.strip()
    target.full_clean()
    target.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.CHANGE,
        detail="การอบรม/เวทีแลกเปลี่ยนเรียนรู้ของเขต",
        obj=target,
    )
    return target


@transaction.atomic
def training_attendee_add(
    *, event: TrainingEvent, school: School, name: str, actor: User, position: str = ""
) -> TrainingAttendee:
    _check(actor, event.area_office_id)
    if school.area_office_id != event.area_office_id:
        raise ValidationError(_("สถานศึกษาต้องอยู่ในสำนักงานเขตพื้นที่นี้"))
    name = name.strip()
    if not name:
        raise ValidationError(_("กรุณาระบุชื่อผู้เข้ารับการอบรม"))
    if TrainingAttendee.objects.filter(event=event, school=school, name=name).exists():
        raise ValidationError(_("มีผู้เข้ารับการอบรมชื่อนี้แล้ว"))
    attendee = TrainingAttendee.objects.create(
        event=event, school=school, name=name, position=position.strip()
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        detail="เพิ่มผู้เข้ารับการอบรม",
        obj=attendee,
        area_office_id=event.area_office_id,
    )
    return attendee


@transaction.atomic
def training_attendance_set(
    *, event: TrainingEvent, attended_ids: Iterable[int], actor: User
) -> int:
    _check(actor, event.area_office_id)
    ids = set(attended_ids)
    event.attendees.filter(pk__in=ids).update(attended=True)
    event.attendees.exclude(pk__in=ids).update(attended=False)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CHANGE,
        detail="บันทึกการเข้ารับการอบรม",
        obj=event,
    )
    return event.attendees.filter(attended=True).count()


@transaction.atomic
def training_material_add(
    *, event: TrainingEvent, uploaded: UploadedFile, actor: User
) -> TrainingMaterial:
    _check(actor, event.area_office_id)
    validate_document(uploaded)
    row = TrainingMaterial(
        event=event, original_name=(uploaded.name or "")[:200], uploaded_by=actor
    )
    row.file.save(uploaded.name or "file", uploaded, save=False)
    row.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        detail="แนบเอกสารประกอบการอบรม",
        obj=row,
        area_office_id=event.area_office_id,
    )
    return row


@transaction.atomic
def practice_share(*, version: SARVersion, public: bool, actor: User) -> SharedPractice:
    """Choose a school's innovations (from its submitted SAR) for sharing; ``public``
    shows it on the public pages. The text is copied from the SAR at that moment."""
    school = version.report.school
    _check(actor, school.area_office_id)
    if version.submitted_at is None or not version.innovations.strip():
        raise ValidationError(_("SAR ฉบับนี้ยังไม่ได้ส่งหรือไม่มีนวัตกรรม/แบบอย่างที่ดี"))
    practice, created = SharedPractice.objects.update_or_create(
        school=school,
        academic_year_id=version.report.academic_year_id,
        defaults={
            "version": version,
            "text": version.innovations.strip(),
            "is_public": public,
            "chosen_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.PUBLISH if public else AuditEntry.Action.UNPUBLISH,
        detail="แบบอย่างที่ดีเพื่อการแลกเปลี่ยนเรียนรู้",
        obj=practice,
        area_office_id=school.area_office_id,
    )
    return practice
