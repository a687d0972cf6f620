"""The district's own part of a district report ๗.๓ (its conclusion and acceleration
measures, written by a supervisor), its publication, and the standard levels a visit's
committee set itself instead of the rounded mean of the items."""

from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from iqa_district.accounts.models import User
from schools.models import TimeStampedModel
from standards.models import QualityLevel

from .visits import Visit


class DistrictReportQuerySet(models.QuerySet["DistrictReport"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """District staff: their office's reports; school staff: their office's published
        reports; committee members and visitors: none (the public reads ``published``)."""
        if not user.is_authenticated or user.is_committee_member:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            return self.published().filter(area_office__schools=user.school_id)
        return self.filter(area_office=user.area_office_id)

    def published(self) -> Self:
        return self.filter(published_at__isnull=False)


def district_report_path(instance, filename):
    return (
        f"supervision/district-reports/{instance.academic_year_id}/"
        f"{instance.area_office.code}/p{instance.process}-{filename}"
    )


class DistrictReport(TimeStampedModel):
    """One office's district report ๗.๓ of one process and academic year. The figures
    are computed from the visits and self-evaluations; this row holds what people wrote."""

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        related_name="district_reports",
        verbose_name=_("สำนักงานเขตพื้นที่"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="district_reports",
        verbose_name=_("ปีการศึกษา"),
    )
    process = models.PositiveSmallIntegerField(_("กระบวนการ"), default=2)
    conclusion = models.TextField(_("สรุปผลการติดตามตรวจสอบระดับเขตพื้นที่"), blank=True)
    acceleration_measures = models.TextField(
        _("มาตรการเร่งรัดการพัฒนาคุณภาพการศึกษาของเขตพื้นที่"), blank=True
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เขียนสรุปผล"),
    )
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เผยแพร่"),
    )

    # The PDF as published, frozen: the public and the schools read this file, not a
    # live rendering of figures that later visits would change.
    pdf = models.FileField(_("ไฟล์รายงานที่เผยแพร่ (PDF)"), upload_to=district_report_path, blank=True)
    pdf_sha256 = models.CharField(_("ค่าตรวจสอบ SHA-256"), max_length=64, blank=True)

    objects = DistrictReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("รายงานผลระดับเขตพื้นที่ (แบบ ๗.๓)")
        verbose_name_plural = _("รายงานผลระดับเขตพื้นที่ (แบบ ๗.๓)")
        ordering = ["-academic_year", "area_office", "process"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_office", "academic_year", "process"],
                name="unique_district_report_per_office_year_process",
            ),
        ]

    def __str__(self) -> str:
        return f"๗.๓ {self.area_office} {self.academic_year_id} ({self.process})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def can_be_written_by(self, user: User | AnonymousUser) -> bool:
        return (
            user.is_authenticated
            and user.can_manage_quality
            and (user.is_superuser or user.area_office_id == self.area_office_id)
        )


class VisitStandardLevel(models.Model):
    """The level a visit's committee gave a standard itself; without one, the standard's
    level is the rounded mean of its items (which the reports show beside it)."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="standard_levels", verbose_name=_("การนิเทศ")
    )
    standard = models.ForeignKey(
        "standards.Standard", on_delete=models.PROTECT, related_name="+", verbose_name=_("มาตรฐาน")
    )
    level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพที่คณะกรรมการกำหนด"), choices=QualityLevel.choices
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ระดับคุณภาพรายมาตรฐานที่คณะกรรมการกำหนด")
        verbose_name_plural = _("ระดับคุณภาพรายมาตรฐานที่คณะกรรมการกำหนด")
        ordering = ["visit", "standard"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "standard"], name="unique_visit_standard_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visit} {self.standard_id}: {self.level}"
