"""Every write of process 3: schedule an evaluation, move it through its workflow, record
the oral report, file ONESQA's reports and the replies, enter ONESQA's levels per standard
and turn ONESQA's recommendations into follow-up rows. Keyword-only, one transaction
each, an event row and an audit entry naming the actor."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from sar.followup.models import Recommendation
from sar.followup.services import recommendation_give
from sar.validators import validate_sar_pdf
from schools.models import AcademicYear, AreaOffice, School
from standards.models import Standard
from supervision.models import Committee

from .imports import ResultRow, ResultsCheck, check_file
from .models import (
    EvaluationDocument,
    EvaluationEvent,
    ExternalEvaluation,
    OnesqaPackage,
    OnesqaRound,
    OnesqaStandardResult,
    RatingLevel,
)

Status = ExternalEvaluation.Status
DocKind = EvaluationDocument.Kind

# The workflow: from each status, where a service may move the evaluation.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.SCHEDULED: (Status.READINESS_CHECKED, Status.EVALUATED),
    Status.READINESS_CHECKED: (Status.EVALUATED,),
    Status.EVALUATED: (Status.ORAL_HELD, Status.DRAFT_RECEIVED),
    Status.ORAL_HELD: (Status.DRAFT_RECEIVED,),
    Status.DRAFT_RECEIVED: (Status.FINAL_RECEIVED, Status.REEVAL_REQUESTED),
    Status.FINAL_RECEIVED: (Status.CLOSED, Status.REEVAL_REQUESTED),
    Status.REEVAL_REQUESTED: (Status.CLOSED,),
    Status.CLOSED: (),
}

# Receiving a report moves the evaluation on when it has not got there yet.
DOCUMENT_STATUS = {
    DocKind.ORAL: Status.ORAL_HELD,
    DocKind.DRAFT: Status.DRAFT_RECEIVED,
    DocKind.FINAL: Status.FINAL_RECEIVED,
}
STATUS_ORDER = list(Status.values)


def can_manage_school(actor: User, school: School) -> bool:
    """Supervisors and district admins of the school's office run process 3."""
    return actor.is_superuser or (
        actor.can_manage_quality and actor.area_office_id == school.area_office_id
    )


def can_manage(actor: User, evaluation: ExternalEvaluation) -> bool:
    return can_manage_school(actor, evaluation.school)


def can_reply(actor: User, evaluation: ExternalEvaluation) -> bool:
    """The school's own staff (or the district) file comments and re-evaluation requests."""
    if actor.is_school_staff:
        return actor.school_id == evaluation.school_id
    return can_manage(actor, evaluation)


def _event(
    evaluation: ExternalEvaluation,
    *,
    actor: User,
    action: str,
    from_status: str = "",
    comment: str = "",
) -> None:
    EvaluationEvent.objects.create(
        evaluation=evaluation,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=evaluation.status,
        comment=comment,
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE if action == "scheduled" else AuditEntry.Action.CHANGE,
        obj=evaluation,
        area_office_id=evaluation.school.area_office_id,
        detail=f"{action} {evaluation.status} {comment}"[:500],
    )


@transaction.atomic
def evaluation_schedule(
    *,
    school: School,
    round: OnesqaRound,
    academic_year: AcademicYear,
    kind: str,
    mode: str,
    scheduled_from: datetime.date,
    scheduled_to: datetime.date,
    actor: User,
    assessors: str = "",
    reevaluation_of: ExternalEvaluation | None = None,
) -> ExternalEvaluation:
    if not can_manage_school(actor, school):
        raise PermissionDenied
    if reevaluation_of is not None and reevaluation_of.school_id != school.pk:
        raise ValidationError(_("การประเมินซ้ำต้องเป็นของสถานศึกษาเดียวกัน"))
    evaluation = ExternalEvaluation(
        school=school,
        round=round,
        academic_year=academic_year,
        kind=kind,
        mode=mode,
        scheduled_from=scheduled_from,
        scheduled_to=scheduled_to,
        assessors=assessors.strip(),
        reevaluation_of=reevaluation_of,
    )
    if scheduled_to < scheduled_from:
        raise ValidationError(_("วันสิ้นสุดกำหนดการต้องไม่ก่อนวันเริ่ม"))
    evaluation.full_clean()
    evaluation.save()
    _event(evaluation, actor=actor, action="scheduled")
    return evaluation


def _locked(evaluation: ExternalEvaluation) -> ExternalEvaluation:
    return (
        ExternalEvaluation.objects.select_for_update(of=("self",))
        .select_related("school", "round")
        .get(pk=evaluation.pk)
    )


@transaction.atomic
def evaluation_transition(
    *, evaluation: ExternalEvaluation, to_status: str, actor: User, comment: str = ""
) -> ExternalEvaluation:
    """Move the evaluation one legal step; anything else is refused with a Thai reason.
    The school may itself ask for a re-evaluation."""
    current = _locked(evaluation)
    allowed = can_manage(actor, current) or (
        to_status == Status.REEVAL_REQUESTED and can_reply(actor, current)
    )
    if not allowed:
        raise PermissionDenied
    if to_status not in TRANSITIONS.get(current.status, ()):
        raise ValidationError(
            _("เปลี่ยนสถานะจาก “%(from)s” เป็น “%(to)s” ไม่ได้")
            % {
                "from": Status(current.status).label,
                "to": Status(to_status).label if to_status in Status.values else to_status,
            }
        )
    previous = current.status
    current.status = to_status
    current.save(update_fields=["status", "updated_at"])
    _event(current, actor=actor, action="status", from_status=previous, comment=comment)
    return current


@transaction.atomic
def evaluation_record_dates(
    *,
    evaluation: ExternalEvaluation,
    actor: User,
    actual_from: datetime.date | None,
    actual_to: datetime.date | None,
    assessors: str,
) -> ExternalEvaluation:
    current = _locked(evaluation)
    if not can_manage(actor, current):
        raise PermissionDenied
    if actual_from and actual_to and actual_to < actual_from:
        raise ValidationError(_("วันสิ้นสุดการประเมินต้องไม่ก่อนวันเริ่ม"))
    current.actual_from, current.actual_to = actual_from, actual_to
    current.assessors = assessors.strip()
    current.full_clean()
    current.save()
    _event(current, actor=actor, action="dates")
    return current


@transaction.atomic
def evaluation_record_oral_report(
    *,
    evaluation: ExternalEvaluation,
    committee: Committee | None,
    held_on: datetime.date,
    place: str,
    notes: str,
    actor: User,
) -> ExternalEvaluation:
    """The district's committee attended ONESQA's oral report (step 6)."""
    current = _locked(evaluation)
    if not can_manage(actor, current):
        raise PermissionDenied
    if committee is not None:
        if committee.kind != Committee.Kind.ONESQA_ORAL:
            raise ValidationError(_("ต้องเป็นคณะกรรมการร่วมรับฟังรายงานด้วยวาจาจาก สมศ."))
        if committee.area_office_id != current.school.area_office_id:
            raise ValidationError(_("คณะกรรมการต้องเป็นของสำนักงานเขตพื้นที่เดียวกัน"))
    previous = current.status
    if previous in (Status.SCHEDULED, Status.READINESS_CHECKED):
        raise ValidationError(_("ยังไม่ได้รับการประเมิน จึงยังบันทึกรายงานด้วยวาจาไม่ได้"))
    if previous == Status.EVALUATED:
        current.status = Status.ORAL_HELD
    current.oral_committee = committee
    current.oral_report_on = held_on
    current.oral_report_place = place.strip()
    current.oral_report_notes = notes.strip()
    current.save()
    _event(current, actor=actor, action="oral_report", from_status=previous)
    return current


@transaction.atomic
def document_upload(
    *,
    evaluation: ExternalEvaluation,
    kind: str,
    uploaded: UploadedFile,
    actor: User,
    received_on: datetime.date | None = None,
    note: str = "",
) -> EvaluationDocument:
    """Keep a new version of a report (validated by content like the SAR's PDF). ONESQA's
    reports are filed by the district; comments and re-evaluation requests by the school
    too. A draft or final moves the evaluation on."""
    current = _locked(evaluation)
    if kind in EvaluationDocument.ONESQA_KINDS:
        if not can_manage(actor, current):
            raise PermissionDenied
    elif kind in DocKind.values:
        if not can_reply(actor, current):
            raise PermissionDenied
    else:
        raise ValidationError(_("ประเภทเอกสารไม่ถูกต้อง"))
    validate_sar_pdf(uploaded)
    number = (current.documents.filter(kind=kind).aggregate(n=Max("number"))["n"] or 0) + 1
    document = EvaluationDocument(
        evaluation=current,
        kind=kind,
        number=number,
        original_name=(uploaded.name or "")[:255],
        received_on=received_on or timezone.localdate(),
        note=note.strip(),
        uploaded_by=actor,
    )
    document.file.save("upload.pdf", uploaded, save=False)
    document.save()
    previous = current.status
    target = DOCUMENT_STATUS.get(kind)  # type: ignore[call-overload]
    if target and STATUS_ORDER.index(previous) < STATUS_ORDER.index(target):
        if previous in (Status.SCHEDULED, Status.READINESS_CHECKED):
            raise ValidationError(_("ยังไม่ได้รับการประเมิน จึงยังรับรายงานของ สมศ. ไม่ได้"))
        current.status = target
    if kind == DocKind.DRAFT and current.draft_received_on is None:
        current.draft_received_on = document.received_on
    current.save()
    _event(
        current,
        actor=actor,
        action=f"document_{kind}",
        from_status=previous,
        comment=f"{document}",
    )
    return document


@transaction.atomic
def result_save(
    *,
    evaluation: ExternalEvaluation,
    standard: Standard,
    level: RatingLevel,
    source: str,
    actor: User,
    strengths: str = "",
    improvements: str = "",
    innovation: str = "",
) -> OnesqaStandardResult:
    """Form ๗.๒: ONESQA's level for a standard of the round's frameworks."""
    current = _locked(evaluation)
    if not can_manage(actor, current):
        raise PermissionDenied
    if level.scale_id != current.round.scale_id:
        raise ValidationError(_("ระดับคุณภาพไม่อยู่ในมาตรวัดของรอบการประเมินนี้"))
    if not current.round.frameworks.filter(pk=standard.standard_set_id).exists():
        raise ValidationError(_("มาตรฐานนี้ไม่อยู่ในกรอบการประเมินของรอบนี้"))
    if source not in EvaluationDocument.ONESQA_KINDS:
        raise ValidationError(_("กรุณาระบุว่าผลมาจากรายงานฉบับใด"))
    result, _created = OnesqaStandardResult.objects.update_or_create(
        evaluation=current,
        standard=standard,
        defaults={
            "level": level,
            "source": source,
            "strengths": strengths.strip(),
            "improvements": improvements.strip(),
            "innovation": innovation.strip(),
            "updated_by": actor,
        },
    )
    _event(current, actor=actor, action="result", comment=f"{standard.number}: {level.label}")
    return result


def recommendation_from_onesqa(
    *,
    evaluation: ExternalEvaluation,
    text: str,
    actor: User,
    standard: Standard | None = None,
    due_on: datetime.date | None = None,
) -> Recommendation:
    """One of ONESQA's recommendations, followed up on the project's one follow-up model."""
    if not can_manage(actor, evaluation):
        raise PermissionDenied
    return recommendation_give(
        school=evaluation.school,
        academic_year=evaluation.academic_year,
        source=Recommendation.Source.ONESQA,
        source_object=evaluation,
        standard=standard,
        text=text,
        due_on=due_on,
        actor=actor,
    )


@transaction.atomic
def results_import_apply(
    *,
    onesqa_round: OnesqaRound,
    office: AreaOffice,
    data: bytes,
    filename: str,
    source: str,
    actor: User,
    skip_errors: bool = False,
) -> ResultsCheck:
    """Form ๗.๒ from a file: the whole file is checked again, and nothing is written if a
    row is wrong unless the user chose to skip the wrong rows. One event per evaluation;
    each row's recommendation joins the follow-up once (a second import adds none)."""
    if not (actor.is_superuser or (actor.can_manage_quality and actor.area_office_id == office.pk)):
        raise PermissionDenied
    if source not in EvaluationDocument.ONESQA_KINDS:
        raise ValidationError(_("กรุณาระบุว่าผลมาจากรายงานฉบับใด"))
    check = check_file(onesqa_round, office, data, filename)
    if check.has_errors and not skip_errors:
        raise ValidationError(
            _("มีแถวที่ผิดพลาด %(n)s แถว จึงยังไม่นำเข้าข้อมูลใด ๆ") % {"n": check.counts["error"]}
        )
    rows = check.valid_rows
    if not rows:
        raise ValidationError(_("ไม่มีแถวที่นำเข้าได้"))
    per_evaluation: dict[int, list[ResultRow]] = {}
    for row in rows:
        assert row.evaluation is not None  # noqa: S101 - valid rows have one
        per_evaluation.setdefault(row.evaluation.pk, []).append(row)
    locked = {
        e.pk: e
        for e in ExternalEvaluation.objects.select_for_update(of=("self",))
        .select_related("school", "round", "academic_year")
        .filter(pk__in=per_evaluation)
    }
    given = set(
        Recommendation.objects.filter(
            source=Recommendation.Source.ONESQA,
            source_type=ContentType.objects.get_for_model(ExternalEvaluation),
            source_id__in=per_evaluation,
        ).values_list("source_id", "standard_id", "text")
    )
    for evaluation_pk, evaluation_rows in per_evaluation.items():
        evaluation = locked[evaluation_pk]
        for row in evaluation_rows:
            standard, level = row.standard, row.level
            if standard is None or level is None:  # a valid row has both
                continue
            if row.status in ("new", "updated"):
                OnesqaStandardResult.objects.update_or_create(
                    evaluation=evaluation,
                    standard=standard,
                    defaults={
                        "level": level,
                        "source": source,
                        "updated_by": actor,
                        **row.texts,
                    },
                )
            text = row.recommendation.strip()
            if text and (evaluation.pk, standard.pk, text) not in given:
                given.add((evaluation.pk, standard.pk, text))
                recommendation_give(
                    school=evaluation.school,
                    academic_year=evaluation.academic_year,
                    source=Recommendation.Source.ONESQA,
                    source_object=evaluation,
                    standard=standard,
                    text=text,
                    actor=actor,
                )
        _event(
            evaluation,
            actor=actor,
            action="import",
            comment=f"{filename[:100]} ({len(evaluation_rows)})",
        )
    return check


@transaction.atomic
def package_record_sent(
    *,
    office: AreaOffice,
    onesqa_round: OnesqaRound,
    sent_on: datetime.date,
    reference: str = "",
    note: str = "",
    actor: User,
) -> OnesqaPackage:
    """Record the date the round's package went to ONESQA; a second record (sent again)
    replaces the date, and the audit log keeps both."""
    if not (actor.is_superuser or (actor.can_manage_quality and actor.area_office_id == office.pk)):
        raise PermissionDenied
    if sent_on > timezone.localdate():
        raise ValidationError(_("วันที่ส่งต้องไม่เป็นวันในอนาคต"))
    package, created = OnesqaPackage.objects.update_or_create(
        area_office=office,
        round=onesqa_round,
        defaults={
            "sent_on": sent_on,
            "reference": reference.strip(),
            "note": note.strip(),
            "sent_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.CHANGE,
        obj=package,
        area_office_id=office.pk,
        detail=f"sent to ONESQA {sent_on.isoformat()} {reference}"[:500],
    )
    return package
