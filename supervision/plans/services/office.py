"""The area office's self-assessment against its own standards (seed 003)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from schools.models import AcademicYear, AreaOffice
from standards.models import Item, QualityLevel, StandardSet
from standards.services import standard_set_adopt

from ..models import OfficeAssessment, OfficeAssessmentLevel
from ..office_figures import office_figures
from ._access import Action, audit, check


def office_standard_set(office: AreaOffice, year: AcademicYear, actor: User) -> StandardSet:
    """The office's own standard set valid in ``year``; adopted from the seed-003 template
    when the office has none yet."""
    own = (
        StandardSet.objects.filter(
            area_office=office, level=StandardSet.Level.AREA_OFFICE, is_active=True
        )
        .valid_in(year.year)
        .order_by("-valid_from_year")
        .first()
    )
    if own is not None:
        return own
    template = (
        StandardSet.objects.templates().valid_in(year.year).order_by("-valid_from_year").first()
    )
    if template is None:
        raise ValidationError(_("ยังไม่มีมาตรฐานสำนักงานเขตพื้นที่การศึกษาในระบบ"))
    return standard_set_adopt(template=template, office=office, actor=actor)


@transaction.atomic
def office_assessment_open(
    *, office: AreaOffice, academic_year: AcademicYear, actor: User
) -> OfficeAssessment:
    check(actor, office)
    existing = OfficeAssessment.objects.filter(area_office=office, academic_year=academic_year)
    if existing.exists():
        raise ValidationError(_("มีการประเมินตนเองของปีการศึกษานี้แล้ว"))
    standard_set = office_standard_set(office, academic_year, actor)
    assessment = OfficeAssessment.objects.create(
        area_office=office, academic_year=academic_year, standard_set=standard_set
    )
    OfficeAssessmentLevel.objects.bulk_create(
        OfficeAssessmentLevel(assessment=assessment, item=item)
        for item in Item.objects.assessed()
        .filter(standard__standard_set=standard_set)
        .order_by("standard__number", "order")
    )
    audit(actor, Action.CREATE, assessment, "เริ่มการประเมินตนเองของสำนักงานเขตพื้นที่", office)
    return assessment


@transaction.atomic
def office_assessment_save(
    *,
    assessment: OfficeAssessment,
    levels: dict[int, tuple[int | None, str]],
    strengths: str,
    improvements: str,
    actor: User,
) -> OfficeAssessment:
    """``levels`` maps item ids of the assessment to (level or None, evidence)."""
    check(actor, assessment.area_office)
    assessment = OfficeAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_final:
        raise ValidationError(_("การประเมินนี้สรุปผลแล้ว แก้ไขไม่ได้"))
    rows = {row.item_id: row for row in assessment.levels.all()}
    if set(levels) - set(rows):
        raise ValidationError(_("ตัวบ่งชี้ไม่ใช่ของการประเมินนี้"))
    valid = set(QualityLevel.values)
    for item_id, (level, text) in levels.items():
        if level is not None and level not in valid:
            raise ValidationError(_("ระดับคุณภาพไม่ถูกต้อง"))
        rows[item_id].level, rows[item_id].evidence = level, text.strip()
    OfficeAssessmentLevel.objects.bulk_update(rows.values(), ["level", "evidence"])
    assessment.strengths, assessment.improvements = strengths.strip(), improvements.strip()
    assessment.save(update_fields=["strengths", "improvements", "updated_at"])
    audit(actor, Action.CHANGE, assessment, "บันทึกผลการประเมินตนเอง", assessment.area_office)
    return assessment


@transaction.atomic
def office_assessment_finalize(*, assessment: OfficeAssessment, actor: User) -> OfficeAssessment:
    """Close the year's assessment, keeping the system's figures as they are today."""
    check(actor, assessment.area_office)
    assessment = (
        OfficeAssessment.objects.select_for_update()
        .select_related("area_office", "academic_year")
        .get(pk=assessment.pk)
    )
    if assessment.is_final:
        return assessment
    if assessment.levels.filter(level__isnull=True).exists():
        raise ValidationError(_("กรุณาระบุระดับคุณภาพให้ครบทุกตัวบ่งชี้ก่อนสรุปผล"))
    assessment.figures = office_figures(assessment.area_office, assessment.academic_year)
    assessment.status = OfficeAssessment.Status.FINAL
    assessment.finalized_at = timezone.now()
    assessment.finalized_by = actor
    assessment.save(
        update_fields=["figures", "status", "finalized_at", "finalized_by", "updated_at"]
    )
    audit(actor, Action.CHANGE, assessment, "สรุปผลการประเมินตนเอง", assessment.area_office)
    return assessment
