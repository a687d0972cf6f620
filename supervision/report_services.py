"""Writes of the process-2 district report ๗.๓: the supervisor's conclusion and measures,
publishing it, and the committee's own level for a standard of a visit. Each runs in a
transaction and leaves a record of who acted."""

import hashlib
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from schools.models import AcademicYear, AreaOffice

from .models import DistrictReport, Visit, VisitStandardLevel
from .services import _mark_started


@transaction.atomic
def district_report_write(
    *, office: AreaOffice, year: AcademicYear, conclusion: str, measures: str, actor: User
) -> DistrictReport:
    """The supervisor's conclusion and acceleration measures of the office's ๗.๓."""
    report, _created = DistrictReport.objects.select_for_update().get_or_create(
        area_office=office, academic_year=year, process=2
    )
    if not report.can_be_written_by(actor):
        raise PermissionDenied
    report.conclusion, report.acceleration_measures = conclusion.strip(), measures.strip()
    report.written_by = actor
    report.full_clean()
    report.save()
    audit_record(actor=actor, action=AuditEntry.Action.CHANGE, obj=report)
    return report


@transaction.atomic
def district_report_set_published(
    *, report: DistrictReport, published: bool, actor: User
) -> DistrictReport:
    """Publish the ๗.๓ (its schools and the public may read it) or withdraw it. The
    district's conclusion must be written first: the seed's report ends with it."""
    report = DistrictReport.objects.select_for_update().get(pk=report.pk)
    if not report.can_be_written_by(actor):
        raise PermissionDenied
    if published and not report.conclusion:
        raise ValidationError(_("ยังเผยแพร่ไม่ได้ โปรดบันทึกสรุปผลการติดตามตรวจสอบระดับเขตพื้นที่ก่อน"))
    report.published_at = timezone.now() if published else None
    report.published_by = actor
    if published:
        _freeze(report)
    else:
        # Withdrawn: the frozen file goes; publishing again freezes the figures of then.
        report.pdf.delete(save=False)
        report.pdf_sha256 = ""
    report.save(update_fields=["published_at", "published_by", "pdf", "pdf_sha256", "updated_at"])
    action = AuditEntry.Action.PUBLISH if published else AuditEntry.Action.UNPUBLISH
    detail = f"SHA-256 {report.pdf_sha256}" if published else ""
    audit_record(actor=actor, action=action, obj=report, detail=detail)
    return report


def _freeze(report: DistrictReport) -> None:
    """Render the ๗.๓ as it stands and keep the file with its checksum."""
    from . import pdf, reports

    context = reports.process2_district_report(office=report.area_office, year=report.academic_year)
    content = pdf.district_report_pdf(report.process, context)
    if report.pdf:
        report.pdf.delete(save=False)
    report.pdf.save(f"{report.academic_year_id}.pdf", ContentFile(content), save=False)
    report.pdf_sha256 = hashlib.sha256(content).hexdigest()


@transaction.atomic
def district_report_freeze(*, report: DistrictReport) -> DistrictReport:
    """Freeze a report published before frozen files existed (once; idempotent)."""
    report = DistrictReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published and not report.pdf:
        _freeze(report)
        report.save(update_fields=["pdf", "pdf_sha256", "updated_at"])
        audit_record(
            actor=None,
            action=AuditEntry.Action.PUBLISH,
            obj=report,
            detail=f"SHA-256 {report.pdf_sha256}",
        )
    return report


@transaction.atomic
def visit_set_standard_levels(
    *, visit: Visit, levels: Mapping[int, int | None], actor: User
) -> None:
    """The committee sets a standard's level itself (``None``: back to the rounded mean
    of its items). Only standards the visit's form rows cover."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if not visit.can_be_filled_by(actor):
        raise PermissionDenied
    covered = set(visit.answers.values_list("standard_item__standard", flat=True))
    if set(levels) - covered:
        raise ValidationError(_("มาตรฐานนี้ไม่อยู่ในแบบติดตามของการตรวจเยี่ยมครั้งนี้"))
    for standard_id, level in levels.items():
        if level is None:
            VisitStandardLevel.objects.filter(visit=visit, standard_id=standard_id).delete()
        else:
            VisitStandardLevel.objects.update_or_create(
                visit=visit, standard_id=standard_id, defaults={"level": level, "set_by": actor}
            )
    _mark_started(visit, actor)
