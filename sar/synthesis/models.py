"""What happens to a synthesis after it is made (seed step ๔.๗.๔ and the district's
step ๒): when the district sent it to OBEC and to ONESQA, with a copy of the file sent,
and, per school and year, the issues the district and stakeholders want evaluated
(ประเด็นที่ต้องการให้มีการประเมินผลและการติดตามตรวจสอบ), which the report prints and the
package to ONESQA reuses."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schools.models import OfficeStaffQuerySet, TimeStampedModel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


class SynthesisDispatchQuerySet(OfficeStaffQuerySet["SynthesisDispatch"]):
    office_lookup = "run__area_office"


def dispatch_path(instance, filename):
    run = instance.run
    return (
        f"synthesis/{run.academic_year_id}/{run.area_office.code}/"
        f"run-{run.pk}-sent-{instance.recipient}-{filename}"
    )


class SynthesisDispatch(models.Model):
    """The district sent a finished synthesis to OBEC or ONESQA. The PDF sent is kept as
    it was, with its SHA-256, so what the recipient holds can be proved later."""

    class Recipient(models.TextChoices):
        OBEC = "obec", _("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน (สพฐ.)")
        ONESQA = "onesqa", _("สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา (สมศ.)")

    run = models.ForeignKey(
        "sar.SynthesisRun",
        on_delete=models.PROTECT,
        related_name="dispatches",
        verbose_name=_("การสังเคราะห์"),
    )
    recipient = models.CharField(_("ส่งถึง"), max_length=10, choices=Recipient.choices)
    sent_on = models.DateField(_("วันที่ส่ง"))
    reference = models.CharField(_("เลขที่หนังสือนำส่ง"), max_length=100, blank=True)
    note = models.CharField(_("ช่องทาง/หมายเหตุ"), max_length=255, blank=True)
    file = models.FileField(_("ไฟล์ที่ส่ง (PDF)"), upload_to=dispatch_path)
    sha256 = models.CharField(_("ค่าตรวจสอบ SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("ขนาด (ไบต์)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )
    recorded_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)

    objects = SynthesisDispatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("การส่งรายงานการสังเคราะห์")
        verbose_name_plural = _("การส่งรายงานการสังเคราะห์")
        ordering = ["run", "sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.run} → {self.get_recipient_display()} {self.sent_on}"


class EvaluationIssueQuerySet(models.QuerySet["EvaluationIssue"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """District staff: their office's schools'; school staff: their own school's."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            return self.filter(school=user.school_id)
        if user.is_district_staff:
            return self.filter(school__area_office=user.area_office_id)
        return self.none()

    def of_office_year(self, office_id: int, year: int) -> Self:
        """An office's issues of a year, school by school (the report and the package to
        ONESQA print them in this order)."""
        return (
            self.filter(school__area_office=office_id, academic_year=year)
            .select_related("school", "standard")
            .order_by("school__code", "order", "pk")
        )


class EvaluationIssue(TimeStampedModel):
    """One issue the district or a stakeholder wants evaluated and followed up at a
    school in a year, entered by a supervisor."""

    class Source(models.TextChoices):
        DISTRICT = "district", _("สำนักงานเขตพื้นที่การศึกษา")
        AGENCY = "agency", _("หน่วยงานที่เกี่ยวข้อง")
        STAKEHOLDER = "stakeholder", _("ผู้มีส่วนได้ส่วนเสียกับสถานศึกษา")

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="evaluation_issues",
        verbose_name=_("สถานศึกษา"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ปีการศึกษา"),
    )
    source = models.CharField(_("ผู้เสนอ"), max_length=12, choices=Source.choices)
    source_name = models.CharField(
        _("ชื่อหน่วยงาน/ผู้เสนอ"),
        max_length=200,
        blank=True,
        help_text=_("เช่น คณะกรรมการสถานศึกษาขั้นพื้นฐาน องค์การบริหารส่วนตำบล เครือข่ายผู้ปกครอง"),
    )
    standard = models.ForeignKey(
        "standards.Standard",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("มาตรฐานที่เกี่ยวข้อง"),
    )
    text = models.TextField(_("ประเด็นที่ต้องการให้มีการประเมิน"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )

    objects = EvaluationIssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("ประเด็นที่ต้องการให้มีการประเมิน")
        verbose_name_plural = _("ประเด็นที่ต้องการให้มีการประเมิน")
        ordering = ["school", "academic_year", "order", "pk"]
        indexes = [models.Index(fields=["academic_year", "school"])]

    def __str__(self) -> str:
        return f"{self.school} {self.academic_year_id}: {self.text[:60]}"


class NationalBatch(models.Model):
    """The synthesis of every area office of a year, started at once (the yearly beat,
    ``manage.py synthesize_national`` or the national page). Each office is an ordinary
    ``SynthesisRun`` with its own claim, heartbeat and reconciler; the batch only ties
    them together, so its progress is counted from their rows."""

    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ปีการศึกษา"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้สั่งสังเคราะห์"),
    )
    created_at = models.DateTimeField(_("สั่งเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("การสังเคราะห์ SAR ระดับประเทศ")
        verbose_name_plural = _("การสังเคราะห์ SAR ระดับประเทศ")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"การสังเคราะห์ SAR ทุกเขตพื้นที่ ปีการศึกษา {self.academic_year_id} #{self.pk}"
