"""The area office's self-assessment against its own standards (seed 003): per academic
year, a level and evidence for each indicator of the office's standard set, strengths and
points to improve. The figures the system holds (SAR submission, levels, visits,
self-evaluations) are computed by ``office_figures``; ``figures`` keeps them as they were
when the assessment was finalised, so a past year's report does not drift."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schools.models import OfficeStaffQuerySet, TimeStampedModel
from standards.models import QualityLevel

if TYPE_CHECKING:
    pass


class OfficeAssessment(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        FINAL = "final", _("สรุปผลแล้ว")

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        related_name="office_assessments",
        verbose_name=_("สำนักงานเขตพื้นที่"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="office_assessments",
        verbose_name=_("ปีการศึกษา"),
    )
    standard_set = models.ForeignKey(
        "standards.StandardSet",
        on_delete=models.PROTECT,
        related_name="office_assessments",
        verbose_name=_("มาตรฐานสำนักงานเขตพื้นที่"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    strengths = models.TextField(_("จุดเด่น"), blank=True)
    improvements = models.TextField(_("จุดที่ควรพัฒนา"), blank=True)
    figures = models.JSONField(_("ข้อมูลจากระบบ ณ วันสรุปผล"), default=dict, blank=True)
    finalized_at = models.DateTimeField(_("สรุปผลเมื่อ"), null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OfficeStaffQuerySet["OfficeAssessment"].as_manager()

    class Meta:
        verbose_name = _("การประเมินตนเองของสำนักงานเขตพื้นที่")
        verbose_name_plural = _("การประเมินตนเองของสำนักงานเขตพื้นที่")
        ordering = ["-academic_year", "area_office"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_office", "academic_year"], name="one_office_assessment_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"การประเมินตนเอง {self.area_office} ปีการศึกษา {self.academic_year_id}"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class OfficeAssessmentLevel(models.Model):
    """The level the office gives itself on one indicator (ตัวบ่งชี้) and its evidence."""

    assessment = models.ForeignKey(
        OfficeAssessment, on_delete=models.CASCADE, related_name="levels"
    )
    item = models.ForeignKey("standards.Item", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพ"), choices=QualityLevel.choices, null=True, blank=True
    )
    evidence = models.TextField(_("หลักฐาน/ร่องรอย"), blank=True)

    class Meta:
        ordering = ["assessment", "item__standard__number", "item__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"], name="one_level_per_office_item"
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=5),
                name="office_level_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.get_level_display() or '-'}"
