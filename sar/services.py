"""The SAR workflow: open, save a draft, submit, return, accept, publish.

Every function is keyword-only, runs in one transaction, locks the report row, and
writes a ``SAREvent`` naming the actor. Status changes happen nowhere else: views,
the admin and the demo call these.

The content a school edits is the newest ``SARVersion``. Submitting freezes it. When the
district returns a SAR, the frozen version stays as it was; the school's next save (or
submit) starts a new version copied from it, so every version the district ever received
is kept unchanged.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from schools.models import AcademicYear, School
from standards.models import Item, Standard, StandardSet
from standards.services import targets_lock, targets_unlock

from .followup.models import Recommendation
from .followup.services import recommendation_give
from .models import HelpNeed, ItemResult, SAREvent, SARVersion, SelfAssessmentReport, StandardResult
from .notifications import sar_event_notify
from .validators import validate_sar_docx, validate_sar_pdf

if TYPE_CHECKING:
    pass

Status = SelfAssessmentReport.Status
Action = SAREvent.Action

STANDARD_TEXT_FIELDS = ("strengths", "improvements", "development_plan", "evidence_links")


class SARError(Exception):
    """A workflow rule refused the action; ``message`` is Thai, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StaleSARError(SARError):
    """Someone saved the SAR after the form was opened."""


class IncompleteSARError(SARError):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(_("ยังส่งรายงานไม่ได้ เพราะข้อมูลยังไม่ครบ"))
        self.missing = missing


# -- what a school reports against -------------------------------------------------------


def applicable_standard_sets(school: School, academic_year: AcademicYear) -> QuerySet[StandardSet]:
    return StandardSet.objects.applicable_to(school, academic_year.year)


def applicable_standards(school: School, academic_year: AcademicYear) -> QuerySet[Standard]:
    return Standard.objects.filter(
        standard_set__in=applicable_standard_sets(school, academic_year)
    ).order_by("standard_set__level", "standard_set__code", "number")


def applicable_items(school: School, academic_year: AcademicYear) -> QuerySet[Item]:
    return Item.objects.applicable_to(school, academic_year.year)


# -- helpers -------------------------------------------------------------------------------


def _locked(
    report: SelfAssessmentReport, *, lock_version: int | None = None
) -> SelfAssessmentReport:
    fresh = SelfAssessmentReport.objects.select_for_update().get(pk=report.pk)
    if lock_version is not None and int(lock_version) != fresh.lock_version:
        last = fresh.events.select_related("actor").order_by("-created_at", "-pk").first()
        who = last.actor.display_name if last and last.actor else _("ผู้ใช้อื่น")
        raise StaleSARError(
            _(
                "SAR นี้ถูกบันทึกโดย %(who)s หลังจากที่ท่านเปิดแบบฟอร์ม ระบบจึงยังไม่บันทึกข้อมูลของท่าน "
                "ข้อมูลที่ท่านกรอกยังอยู่ในหน้านี้ โปรดตรวจสอบกับข้อมูลล่าสุดแล้วกดบันทึกอีกครั้ง"
            )
            % {"who": who}
        )
    return fresh


def _bump(report: SelfAssessmentReport, **fields: object) -> None:
    report.lock_version += 1
    for name, value in fields.items():
        setattr(report, name, value)
    report.save(update_fields=["lock_version", "updated_at", *fields])


def _event(
    report: SelfAssessmentReport,
    *,
    actor: User,
    action: str,
    version: SARVersion | None = None,
    from_status: str = "",
    comment: str = "",
) -> SAREvent:
    event = SAREvent.objects.create(
        report=report,
        version=version,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=report.status,
        comment=comment,
    )
    sar_event_notify(event)  # the school or the supervisors, once per event
    return event


def _check_school_actor(report: SelfAssessmentReport, actor: User) -> None:
    if actor.is_superuser:
        return
    if not (actor.is_school_staff and actor.school_id == report.school_id):
        raise PermissionDenied


def _check_reviewer(report: SelfAssessmentReport, actor: User) -> None:
    if not actor.can_manage_quality:
        raise PermissionDenied
    if not SelfAssessmentReport.objects.visible_to(actor).filter(pk=report.pk).exists():
        raise PermissionDenied


def _copy_version(previous: SARVersion, *, number: int) -> SARVersion:
    """A new editable version with the content of ``previous`` (files shared, not copied:
    a file is only ever replaced on the new version, never overwritten)."""
    version = SARVersion.objects.create(
        report=previous.report,
        number=number,
        pdf=previous.pdf.name,
        pdf_original_name=previous.pdf_original_name,
        docx=previous.docx.name,
        docx_original_name=previous.docx_original_name,
        board_approved_on=previous.board_approved_on,
        innovations=previous.innovations,
    )
    ItemResult.objects.bulk_create(
        ItemResult(
            version=version, item_id=r.item_id, result_percent=r.result_percent, level=r.level
        )
        for r in previous.item_results.all()
    )
    StandardResult.objects.bulk_create(
        StandardResult(
            version=version,
            standard_id=r.standard_id,
            level=r.level,
            **{name: getattr(r, name) for name in STANDARD_TEXT_FIELDS},
        )
        for r in previous.standard_results.all()
    )
    HelpNeed.objects.bulk_create(
        HelpNeed(version=version, category=h.category, description=h.description)
        for h in previous.help_needs.all()
    )
    return version


def _editable_version(report: SelfAssessmentReport, *, actor: User) -> SARVersion:
    latest = report.versions.order_by("-number").first()
    assert latest is not None, "sar_open creates version 1 with the report"
    if not latest.is_frozen:
        return latest
    version = _copy_version(latest, number=latest.number + 1)
    _event(report, actor=actor, action=Action.REVISED, version=version, from_status=report.status)
    return version


def _school_stored_bytes(school: School, *, leaving_out: str, pending: Iterable[str] = ()) -> int:
    """What the school's SAR files take in storage now, each stored file counted once;
    ``pending``: files stored in this request whose row is not saved yet."""
    names: set[str] = {name for name in pending if name and name != leaving_out}
    for pdf, docx in SARVersion.objects.filter(report__school=school).values_list("pdf", "docx"):
        names.update(name for name in (pdf, docx) if name and name != leaving_out)
    storage = SARVersion._meta.get_field("pdf").storage
    total = 0
    for name in names:
        try:
            total += storage.size(name)
        except OSError:
            continue  # a file gone from storage takes no room
    return total


def _check_school_quota(
    version: SARVersion, uploaded: UploadedFile[bytes], *, replacing: str | None
) -> None:
    """Refuse a file that would take the school past ``SAR_SCHOOL_QUOTA_MB``."""
    quota = settings.SAR_SCHOOL_QUOTA_MB * 1024 * 1024
    used = _school_stored_bytes(
        version.report.school,
        leaving_out=replacing or "",
        pending=(version.pdf.name or "", version.docx.name or ""),
    )
    if used + (uploaded.size or 0) > quota:
        raise ValidationError(
            _(
                "พื้นที่จัดเก็บไฟล์ของสถานศึกษาเต็มแล้ว (ใช้ไป %(used)s MB จาก %(quota)s MB) "
                "ระบบจึงไม่ได้บันทึกไฟล์นี้ โปรดลดขนาดไฟล์ หรือติดต่อสำนักงานเขตพื้นที่เพื่อขอเพิ่มพื้นที่"
            ),
            code="quota",
            params={"used": f"{used / (1024 * 1024):.1f}", "quota": settings.SAR_SCHOOL_QUOTA_MB},
        )


def _store_file(
    version: SARVersion,
    field_name: str,
    uploaded: UploadedFile[bytes],
    validator: Callable[[UploadedFile[bytes]], None],
) -> str:
    """Validate ``uploaded`` by content and store it under a generated name."""
    validator(uploaded)
    field: FieldFile = getattr(version, field_name)
    old_name = field.name
    _check_school_quota(version, uploaded, replacing=old_name)
    ext = "pdf" if field_name == "pdf" else "docx"
    field.save(f"upload.{ext}", uploaded, save=False)
    setattr(version, f"{field_name}_original_name", (uploaded.name or "")[:255])
    new_name = field.name
    assert new_name, "save() has named the file"
    storage = field.storage

    # Once the transaction commits, the replaced file goes, unless an earlier (frozen)
    # version still points at it. (The caller deletes the new one on failure.)
    def delete_old() -> None:
        if old_name and not SARVersion.objects.filter(**{field_name: old_name}).exists():
            storage.delete(old_name)

    transaction.on_commit(delete_old)
    return new_name


# -- services ------------------------------------------------------------------------------


@transaction.atomic
def sar_open(*, school: School, academic_year: AcademicYear, actor: User) -> SelfAssessmentReport:
    """Start this year's SAR of ``school`` (or return the one already started), with a
    first version holding one row per assessed item and per standard that applies."""
    existing = SelfAssessmentReport.objects.filter(school=school, academic_year=academic_year)
    if report := existing.first():
        return report
    if not actor.is_superuser and not (actor.is_school_staff and actor.school_id == school.pk):
        raise PermissionDenied
    try:
        with transaction.atomic():
            report = SelfAssessmentReport.objects.create(school=school, academic_year=academic_year)
    except IntegrityError:  # opened by a colleague a moment ago
        return existing.get()
    version = SARVersion.objects.create(report=report, number=1)
    ItemResult.objects.bulk_create(
        ItemResult(version=version, item=item) for item in applicable_items(school, academic_year)
    )
    StandardResult.objects.bulk_create(
        StandardResult(version=version, standard=standard)
        for standard in applicable_standards(school, academic_year)
    )
    _event(report, actor=actor, action=Action.CREATED, version=version)
    return report


class _Unset(enum.Enum):
    UNSET = enum.auto()


# "Not given", which None (clear the date) cannot say.
_UNSET: Final = _Unset.UNSET


@transaction.atomic
def sar_save_draft(
    *,
    report: SelfAssessmentReport,
    actor: User,
    lock_version: int,
    board_approved_on: datetime.date | None | Literal[_Unset.UNSET] = _UNSET,
    innovations: str | Literal[_Unset.UNSET] = _UNSET,
    item_results: Mapping[int, Mapping[str, Any]] | None = None,
    standard_results: Mapping[int, Mapping[str, Any]] | None = None,
    help_needs: Iterable[tuple[str, str]] | None = None,
    pdf: UploadedFile[bytes] | None = None,
    docx: UploadedFile[bytes] | None = None,
) -> SARVersion:
    """Save what the school typed. ``item_results``: {item_id: {"result_percent",
    "level"}}; ``standard_results``: {standard_id: {field: value}}; ``help_needs``: a list
    of (category, description) that replaces the version's list. Rows for items or
    standards the version does not have are ignored. Raises ``StaleSARError`` if the
    report changed since ``lock_version`` was read."""
    _check_school_actor(report, actor)
    report = _locked(report, lock_version=lock_version)
    if not report.is_editable_by_school:
        raise SARError(_("SAR นี้ส่งแล้ว แก้ไขไม่ได้จนกว่าสำนักงานเขตพื้นที่จะส่งกลับให้แก้ไข"))
    version = _editable_version(report, actor=actor)

    if board_approved_on is not _UNSET:
        version.board_approved_on = board_approved_on
    if innovations is not _UNSET:
        version.innovations = innovations
    stored: list[tuple[str, str]] = []
    try:
        if pdf is not None:
            stored.append(("pdf", _store_file(version, "pdf", pdf, validate_sar_pdf)))
        if docx is not None:
            stored.append(("docx", _store_file(version, "docx", docx, validate_sar_docx)))
        version.save()

        if item_results:
            item_rows = list(version.item_results.filter(item_id__in=item_results))
            for item_row in item_rows:
                values = item_results[item_row.item_id]
                item_row.result_percent = values.get("result_percent")
                item_row.level = values.get("level")
            ItemResult.objects.bulk_update(item_rows, ["result_percent", "level"])
        if standard_results:
            standard_rows = list(version.standard_results.filter(standard_id__in=standard_results))
            for standard_row in standard_rows:
                values = standard_results[standard_row.standard_id]
                standard_row.level = values.get("level")
                for name in STANDARD_TEXT_FIELDS:
                    setattr(standard_row, name, (values.get(name) or "").strip())
            StandardResult.objects.bulk_update(standard_rows, ["level", *STANDARD_TEXT_FIELDS])
        if help_needs is not None:
            version.help_needs.all().delete()
            HelpNeed.objects.bulk_create(
                HelpNeed(version=version, category=category, description=description.strip())
                for category, description in help_needs
                if description and description.strip()
            )
        _bump(report)
        _event(report, actor=actor, action=Action.SAVED, version=version, from_status=report.status)
    except Exception:
        for field_name, name in stored:
            getattr(version, field_name).storage.delete(name)
        raise
    return version


def missing_for_submission(version: SARVersion) -> list[str]:
    """What still has to be filled in before ``version`` can be sent, in Thai."""
    missing = []
    if not version.pdf:
        missing.append(_("แนบไฟล์ SAR (PDF) ที่ลงนามแล้ว"))
    if not version.board_approved_on:
        missing.append(_("ระบุวันที่คณะกรรมการสถานศึกษาให้ความเห็นชอบ"))
    missing.extend(
        _("ระบุระดับคุณภาพของประเด็น %(code)s (%(set)s)")
        % {"code": row.item.code, "set": row.item.standard.standard_set.name_th}
        for row in version.item_results.select_related("item__standard__standard_set")
        if row.level is None
    )
    labels = {
        "strengths": _("จุดเด่น"),
        "improvements": _("จุดที่ควรพัฒนา"),
    }
    for row in version.standard_results.select_related("standard__standard_set"):
        name = _("มาตรฐานที่ %(number)s (%(set)s)") % {
            "number": row.standard.number,
            "set": row.standard.standard_set.name_th,
        }
        if row.level is None:
            missing.append(_("ระบุระดับคุณภาพของ%(name)s") % {"name": name})
        for field, label in labels.items():
            if not getattr(row, field).strip():
                missing.append(_("ระบุ%(label)sของ%(name)s") % {"label": label, "name": name})
    return missing


@transaction.atomic
def sar_submit(
    *, report: SelfAssessmentReport, actor: User, lock_version: int | None = None
) -> SARVersion:
    """Send the SAR to the district: checks completeness, freezes the version and the
    school's targets of the year (until a return; accepting keeps them frozen)."""
    _check_school_actor(report, actor)
    report = _locked(report, lock_version=lock_version)
    if not report.is_editable_by_school:
        raise SARError(_("SAR นี้ส่งแล้ว"))
    version = _editable_version(report, actor=actor)
    missing = missing_for_submission(version)
    if missing:
        raise IncompleteSARError(missing)
    now = timezone.now()
    version.submitted_at = now
    version.submitted_by = actor
    version.save(update_fields=["submitted_at", "submitted_by", "updated_at"])
    from_status = report.status
    _bump(
        report,
        status=Status.SUBMITTED,
        first_submitted_at=report.first_submitted_at or now,
        last_submitted_at=now,
    )
    targets_lock(school=report.school, academic_year=report.academic_year)
    _event(report, actor=actor, action=Action.SUBMITTED, version=version, from_status=from_status)
    return version


@transaction.atomic
def sar_return(*, report: SelfAssessmentReport, actor: User, comment: str) -> SelfAssessmentReport:
    """Send the SAR back to the school for changes; the comment says what to change.
    The school's targets of the year are editable again."""
    _check_reviewer(report, actor)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("โปรดระบุสิ่งที่สถานศึกษาต้องแก้ไขก่อนส่งกลับ"))
    report = _locked(report)
    if report.status != Status.SUBMITTED:
        raise SARError(_("ส่งกลับได้เฉพาะ SAR ที่ส่งแล้วและรอตรวจเท่านั้น"))
    _bump(report, status=Status.RETURNED)
    targets_unlock(school=report.school, academic_year=report.academic_year)
    _event(
        report,
        actor=actor,
        action=Action.RETURNED,
        version=report.latest_submitted_version,
        from_status=Status.SUBMITTED,
        comment=comment,
    )
    return report


@transaction.atomic
def sar_accept(
    *,
    report: SelfAssessmentReport,
    actor: User,
    comment: str = "",
    recommendations: Sequence[str] = (),
    due_on: datetime.date | None = None,
) -> SelfAssessmentReport:
    """Accept the submitted version: it is the one the synthesis reads. Each of
    ``recommendations`` becomes one the school follows up (source: the SAR review)."""
    _check_reviewer(report, actor)
    report = _locked(report)
    if report.status != Status.SUBMITTED:
        raise SARError(_("รับรายงานได้เฉพาะ SAR ที่ส่งแล้วและรอตรวจเท่านั้น"))
    _bump(report, status=Status.ACCEPTED, accepted_at=timezone.now())
    _event(
        report,
        actor=actor,
        action=Action.ACCEPTED,
        version=report.latest_submitted_version,
        from_status=Status.SUBMITTED,
        comment=(comment or "").strip(),
    )
    for text in recommendations:
        recommendation_give(
            school=report.school,
            academic_year=report.academic_year,
            source=Recommendation.Source.SAR_REVIEW,
            source_object=report,
            text=text,
            due_on=due_on,
            actor=actor,
        )
    return report


@transaction.atomic
def sar_set_public(
    *, report: SelfAssessmentReport, actor: User, is_public: bool
) -> SelfAssessmentReport:
    """Show or hide the SAR on the public disclosure page (the school or a supervisor)."""
    if not (actor.can_manage_quality or actor.is_superuser):
        _check_school_actor(report, actor)
    elif not SelfAssessmentReport.objects.visible_to(actor).filter(pk=report.pk).exists():
        raise PermissionDenied
    report = _locked(report)
    if report.is_public == bool(is_public):
        return report
    _bump(report, is_public=bool(is_public))
    _event(
        report,
        actor=actor,
        action=Action.VISIBILITY,
        from_status=report.status,
        comment=_("เผยแพร่ต่อสาธารณะ") if is_public else _("ไม่เผยแพร่ต่อสาธารณะ"),
    )
    return report


# The comparison of two versions is a read; it lives in sar/comparison.py.
from .comparison import LevelChange as LevelChange  # noqa: E402
from .comparison import level_changes as level_changes  # noqa: E402
