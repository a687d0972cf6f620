"""Every write of process 4: keyword-only, one transaction each, the actor checked through
one predicate per model, an event (project) or audit row naming who acted."""

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from schools.models import AcademicYear, AreaOffice, School
from standards.models import Item, Standard
from supervision.models import FormItem, FormTemplate

from .models import (
    Answer,
    Instrument,
    ResearchEvent,
    ResearchFile,
    ResearchProject,
    ResearchSynthesis,
    Response,
)

Status = ResearchProject.Status
AnswerType = FormItem.AnswerType

# The path of a project (seed process 4, steps 1.3–5.3). Who may take each step is
# ``_may_move``: the district decides approval, revision and dissemination.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.PROPOSAL: (Status.APPROVED, Status.REVISE),
    Status.REVISE: (Status.PROPOSAL,),
    Status.APPROVED: (Status.COLLECTING,),
    Status.COLLECTING: (Status.ANALYSING,),
    Status.ANALYSING: (Status.REPORTED, Status.COLLECTING),
    Status.REPORTED: (Status.DISSEMINATED, Status.ANALYSING),
    Status.DISSEMINATED: (),
}
DISTRICT_DECISIONS = {Status.APPROVED, Status.REVISE, Status.DISSEMINATED}


class AlreadyAnsweredError(ValidationError):
    """This person (or this single-use link) has answered already."""


def can_manage_office(actor: User, office_id: int | None) -> bool:
    return actor.is_superuser or (actor.can_manage_quality and actor.area_office_id == office_id)


def can_manage(actor: User, project: ResearchProject) -> bool:
    """The office's quality managers, and the owning school's staff for its own research."""
    if can_manage_office(actor, project.area_office_id):
        return True
    return bool(
        actor.is_school_staff and project.school_id and actor.school_id == project.school_id
    )


def can_propose(actor: User, *, office_id: int | None, school: School | None) -> bool:
    if can_manage_office(actor, office_id):
        return True
    return bool(actor.is_school_staff and school is not None and actor.school_id == school.pk)


def _may_move(actor: User, project: ResearchProject, to_status: str) -> bool:
    if to_status in DISTRICT_DECISIONS:
        return can_manage_office(actor, project.area_office_id)
    return can_manage(actor, project)


def _event(
    project: ResearchProject,
    *,
    actor: User | None,
    action: str,
    from_status: str = "",
    comment: str = "",
) -> None:
    ResearchEvent.objects.create(
        project=project,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=project.status,
        comment=comment,
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE if action == "created" else AuditEntry.Action.CHANGE,
        obj=project,
        detail=f"research.{action} {comment}"[:200],
    )


@transaction.atomic
def project_save(
    *,
    project: ResearchProject,
    actor: User,
    schools: Iterable[School] = (),
    standards: Iterable[Standard] = (),
    items: Iterable[Item] = (),
) -> ResearchProject:
    """Create (proposal) or edit a project with its schools and standards. School staff
    propose their own school's research; the district any of its office's."""
    creating = project.pk is None
    if creating:
        if not can_propose(actor, office_id=project.area_office_id, school=project.school):
            raise PermissionDenied
        project.status = Status.PROPOSAL
        project.created_by = actor
    else:
        current = ResearchProject.objects.select_for_update().get(pk=project.pk)
        if not can_manage(actor, current):
            raise PermissionDenied
        if not current.is_editable:
            raise ValidationError(_("งานวิจัยที่เผยแพร่แล้วแก้ไขไม่ได้"))
        project.status = current.status
        project.area_office_id = current.area_office_id
    schools = list(schools)
    if project.school is not None and project.school not in schools:
        schools.append(project.school)
    if any(s.area_office_id != project.area_office_id for s in schools):
        raise ValidationError(_("สถานศึกษาที่ร่วมวิจัยต้องอยู่ในสำนักงานเขตพื้นที่เดียวกัน"))
    if actor.is_school_staff and project.kind != ResearchProject.Kind.SCHOOL:
        raise ValidationError(_("สถานศึกษาเสนอได้เฉพาะงานวิจัยของสถานศึกษา"))
    project.full_clean()
    project.save()
    project.schools.set(schools)
    project.standards.set(list(standards))
    project.items.set(list(items))
    _event(project, actor=actor, action="created" if creating else "edited")
    return project


@transaction.atomic
def project_move(
    *, project: ResearchProject, to_status: str, actor: User, comment: str = ""
) -> ResearchProject:
    current = ResearchProject.objects.select_for_update().get(pk=project.pk)
    if not _may_move(actor, current, to_status):
        raise PermissionDenied
    if to_status not in TRANSITIONS.get(current.status, ()):
        raise ValidationError(_("เปลี่ยนสถานะจากสถานะปัจจุบันเป็นสถานะนี้ไม่ได้"))
    if to_status == Status.REVISE and not comment.strip():
        raise ValidationError(_("กรุณาระบุสิ่งที่ต้องปรับปรุง"))
    if to_status == Status.REPORTED and not current.findings.strip():
        raise ValidationError(_("กรุณาบันทึกผลการวิจัยก่อนรายงานผล"))
    previous = current.status
    current.status = to_status
    current.save(update_fields=["status", "updated_at"])
    _event(current, actor=actor, action="moved", from_status=previous, comment=comment.strip())
    return current


@transaction.atomic
def project_add_note(*, project: ResearchProject, note: str, actor: User) -> ResearchProject:
    """A supervision note by the district (seed step 3.1)."""
    if not can_manage_office(actor, project.area_office_id):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError(_("กรุณาระบุบันทึกการนิเทศ"))
    current = ResearchProject.objects.select_for_update().get(pk=project.pk)
    stamp = f"[{actor.display_name}] {note.strip()}"
    current.supervision_notes = "\n".join(filter(None, [current.supervision_notes, stamp]))
    current.save(update_fields=["supervision_notes", "updated_at"])
    _event(current, actor=actor, action="noted", comment=note.strip())
    return current


@transaction.atomic
def file_add(
    *, project: ResearchProject, kind: str, uploaded: UploadedFile, actor: User
) -> ResearchFile:
    """Attach a file the form has already validated by content (sar.validators)."""
    if not can_manage(actor, project):
        raise PermissionDenied
    row = ResearchFile(
        project=project, kind=kind, original_name=uploaded.name or "", uploaded_by=actor
    )
    row.file.save(uploaded.name or "file", uploaded, save=False)
    row.full_clean()
    row.save()
    _event(project, actor=actor, action="file_added", comment=row.original_name)
    return row


@transaction.atomic
def instrument_save(*, instrument: Instrument, actor: User) -> Instrument:
    if not can_manage(actor, instrument.project):
        raise PermissionDenied
    if instrument.template.process != FormTemplate.Process.RESEARCH:
        raise ValidationError(_("แบบเก็บข้อมูลต้องเป็นแบบฟอร์มของกระบวนการที่ 4"))
    if instrument.school and instrument.school.area_office_id != instrument.project.area_office_id:
        raise ValidationError(_("สถานศึกษาของลิงก์ต้องอยู่ในสำนักงานเขตพื้นที่เดียวกัน"))
    creating = instrument.pk is None
    instrument.full_clean()
    instrument.save()
    _event(
        instrument.project,
        actor=actor,
        action="instrument_added" if creating else "instrument_edited",
        comment=instrument.title,
    )
    return instrument


@transaction.atomic
def instrument_set_open(*, instrument: Instrument, is_open: bool, actor: User) -> Instrument:
    if not can_manage(actor, instrument.project):
        raise PermissionDenied
    instrument.is_open = is_open
    instrument.save(update_fields=["is_open", "updated_at"])
    _event(
        instrument.project,
        actor=actor,
        action="link_opened" if is_open else "link_closed",
        comment=instrument.title,
    )
    return instrument


def clean_answers(
    instrument: Instrument, raw: Mapping[str, str]
) -> dict[int, tuple[Decimal | None, str]]:
    """{item id: (value, text)} from the posted strings ``item-<id>``; a ValidationError
    naming every bad or missing answer (open questions may be left blank)."""
    items = FormItem.objects.filter(section__template=instrument.template_id)
    errors: list[str] = []
    cleaned: dict[int, tuple[Decimal | None, str]] = {}
    for item in items:
        text = (raw.get(f"item-{item.pk}") or "").strip()
        label = item.code or item.text[:40]
        if item.answer_type == AnswerType.TEXT:
            cleaned[item.pk] = (None, text[:2000])
            continue
        if not text:
            errors.append(_("ข้อ %(item)s ยังไม่ได้ตอบ") % {"item": label})
            continue
        try:
            value = Decimal(text)
        except InvalidOperation:
            errors.append(_("ข้อ %(item)s คำตอบไม่ถูกต้อง") % {"item": label})
            continue
        allowed = {
            AnswerType.LIKERT: {1, 2, 3, 4, 5},
            AnswerType.RUBRIC: {1, 2, 3, 4, 5},
            AnswerType.YES_NO: {0, 1},
        }.get(item.answer_type)  # type: ignore[call-overload]
        if allowed is not None and value not in allowed:
            errors.append(_("ข้อ %(item)s คำตอบไม่ถูกต้อง") % {"item": label})
        elif item.answer_type == AnswerType.PERCENT and not 0 <= value <= 100:
            errors.append(_("ข้อ %(item)s ต้องเป็นร้อยละ 0–100") % {"item": label})
        elif not value.is_finite() or abs(value) >= 10**10:
            errors.append(_("ข้อ %(item)s ตัวเลขไม่ถูกต้อง") % {"item": label})
        else:
            cleaned[item.pk] = (value, "")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def response_submit(
    *,
    instrument: Instrument,
    raw: Mapping[str, str],
    respondent_key: str,
    school: School | None = None,
    actor: User | None = None,
) -> Response:
    """Store one respondent's answers, all or nothing. ``actor`` None is an online
    respondent through an open link; a user keys in a paper questionnaire."""
    if actor is None:
        if not Instrument.objects.filter(pk=instrument.pk, is_open=True).exists():
            raise ValidationError(_("แบบสอบถามนี้ปิดรับคำตอบแล้ว"), code="closed")
        if instrument.limit == Instrument.Limit.PER_LINK:
            respondent_key = "link"
    elif not can_manage(actor, instrument.project):
        raise PermissionDenied
    if school is None:
        school = instrument.school
    if school is not None and school.area_office_id != instrument.project.area_office_id:
        raise ValidationError(_("สถานศึกษาไม่ถูกต้อง"))
    answers = clean_answers(instrument, raw)
    response = Response(
        instrument=instrument,
        school=school,
        respondent_key=respondent_key[:64],
        source=Response.Source.ONLINE if actor is None else Response.Source.PAPER,
        keyed_by=actor,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise AlreadyAnsweredError(_("ได้รับคำตอบของท่านแล้ว ขอบคุณที่ให้ข้อมูล"), code="answered") from None
    Answer.objects.bulk_create(
        Answer(response=response, item_id=item_id, value=value, text=text)
        for item_id, (value, text) in answers.items()
    )
    if actor is not None:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=instrument.project,
            detail=f"research.response_keyed {instrument.title}"[:200],
        )
    return response


@transaction.atomic
def synthesis_save(
    *, office: AreaOffice, academic_year: AcademicYear, summary: str, actor: User
) -> ResearchSynthesis:
    if not can_manage_office(actor, office.pk):
        raise PermissionDenied
    synthesis, _created = ResearchSynthesis.objects.select_for_update().get_or_create(
        area_office=office, academic_year=academic_year
    )
    synthesis.summary = summary.strip()
    synthesis.written_by = actor
    synthesis.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CHANGE,
        obj=synthesis,
        detail="research.synthesis_saved",
    )
    return synthesis
