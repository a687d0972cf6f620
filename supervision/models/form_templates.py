"""The official forms (๗.๑/๗.๒) as versioned data: templates, their sections and items."""

from typing import TYPE_CHECKING, Self

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from iqa_district import thai
from iqa_district.accounts.models import User
from schools.models import TimeStampedModel
from standards.models import QualityLevel

from .choices import IQAComponent

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class FormTemplateQuerySet(models.QuerySet["FormTemplate"]):
    def active(self) -> Self:
        return self.filter(is_active=True)

    def visible_to(self, user: User | AnonymousUser) -> Self:
        """The shared (seeded) forms and the user's office's own versions."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(Q(area_office__isnull=True) | Q(area_office=user.area_office_id))

    def readiness_form_of(self, office_id: int | None) -> "FormTemplate | None":
        """The form ๗.๑ of process 3 an office checks readiness with: its own active
        version where it has one, otherwise the shared form's latest version."""
        return (
            self.active()
            .filter(process=FormTemplate.Process.ONESQA, form_no=FormTemplate.FormNo.F71)
            .filter(Q(area_office=office_id) | Q(area_office__isnull=True))
            .order_by(models.F("area_office").asc(nulls_last=True), "-version")
            .first()
        )

    def usable_in(self, office_id: int | None) -> Self:
        """The active forms an office plans visits with: its own version of a form where
        it has made one, otherwise the shared form."""
        own_codes = self.filter(area_office=office_id, is_active=True).values("code")
        return (
            self.active()
            .exclude(process__in=(FormTemplate.Process.RESEARCH, FormTemplate.Process.ONESQA))
            .filter(Q(area_office=office_id) | Q(area_office__isnull=True) & ~Q(code__in=own_codes))
        )


class FormTemplate(TimeStampedModel):
    """An official form (๗.๑/๗.๒) as data. A template a visit used is frozen: editing it
    means a new version, so every visit keeps the form it was filled with."""

    class Process(models.IntegerChoices):
        PROMOTE = 1, _("กระบวนการที่ ๑ การพัฒนาส่งเสริมมาตรฐานและการประกันคุณภาพ")
        MONITOR = 2, _("กระบวนการที่ ๒ การติดตาม ตรวจสอบคุณภาพการศึกษา")
        # Process 3's ๗.๑ (readiness for ONESQA's external evaluation) is filled on a visit
        # planned from the school's evaluation (external_eval), never from the visit planner.
        ONESQA = 3, _("กระบวนการที่ ๓ การประสานงานการประเมินคุณภาพภายนอก")
        # Process 4's instruments (แบบ ๗.๒ เก็บข้อมูลงานวิจัย) are templates of this engine too;
        # the research app answers them, a visit never plans with one (``usable_in``).
        RESEARCH = 4, _("กระบวนการที่ ๔ การวิจัยและพัฒนาการประกันคุณภาพ")

    class FormNo(models.TextChoices):
        F71 = "7.1", _("แบบ ๗.๑")
        F72 = "7.2", _("แบบ ๗.๒")

    class RowSource(models.TextChoices):
        ITEMS = "items", _("ข้อคำถามของแบบฟอร์ม")
        STANDARD_ITEMS = "standard_items", _("ประเด็นพิจารณาตามมาตรฐานของสถานศึกษา")

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="form_templates",
        verbose_name=_("สำนักงานเขตพื้นที่"),
        help_text=_("เว้นว่าง = แบบฟอร์มกลางที่ทุกเขตใช้ร่วมกัน (แก้ไขได้เฉพาะผู้ดูแลระบบกลาง)"),
    )
    code = models.CharField(_("รหัสแบบฟอร์ม"), max_length=30)
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    title = models.CharField(_("ชื่อแบบฟอร์ม"), max_length=500)
    process = models.PositiveSmallIntegerField(_("กระบวนการ"), choices=Process.choices)
    form_no = models.CharField(_("แบบที่"), max_length=5, choices=FormNo.choices)
    row_source = models.CharField(
        _("แหล่งของรายการประเมิน"),
        max_length=20,
        choices=RowSource.choices,
        default=RowSource.ITEMS,
        help_text=_("ประเด็นพิจารณาตามมาตรฐาน: ดึงจากชุดมาตรฐานที่สถานศึกษาใช้ ณ วันที่กรอก"),
    )
    instructions = models.TextField(_("คำชี้แจง"), blank=True)
    descriptors_are_example = models.BooleanField(
        _("เกณฑ์การพิจารณาเป็นตัวอย่าง"),
        default=False,
        help_text=_(
            "เกณฑ์ ๕ ระดับที่ระบบจัดให้เป็นตัวอย่าง (คู่มือไม่ได้กำหนดคำบรรยายระดับไว้) "
            "ให้เขตพื้นที่ปรับให้เหมาะสมโดยสร้างฉบับของเขต"
        ),
    )
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    objects = FormTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("แบบฟอร์มนิเทศ/ติดตาม")
        verbose_name_plural = _("แบบฟอร์มนิเทศ/ติดตาม")
        ordering = ["process", "form_no", "code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"],
                condition=Q(area_office__isnull=True),
                name="unique_shared_form_code_version",
            ),
            models.UniqueConstraint(
                fields=["area_office", "code", "version"],
                condition=Q(area_office__isnull=False),
                name="unique_office_form_code_version",
            ),
        ]

    def __str__(self) -> str:
        # Pages and the admin show it: Arabic digits ("แบบ 7.1"); the PDFs print the form's
        # number from get_form_no_display, in Thai digits.
        return thai.arabic_digits(
            f"{self.get_form_no_display()} {self.title} (ฉบับที่ {self.version})"
        )

    @property
    def is_used(self) -> bool:
        return self.visits.exists()


class FormSection(models.Model):
    template = models.ForeignKey(
        FormTemplate, on_delete=models.CASCADE, related_name="sections", verbose_name=_("แบบฟอร์ม")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    title = models.CharField(_("ชื่อตอน"), max_length=500)

    class Meta:
        verbose_name = _("ตอนของแบบฟอร์ม")
        verbose_name_plural = _("ตอนของแบบฟอร์ม")
        ordering = ["template", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class FormItem(models.Model):
    class AnswerType(models.TextChoices):
        RUBRIC = "rubric", _("ระดับคุณภาพ 5 ระดับ (เกณฑ์รูบริก)")
        YES_NO = "yes_no", _("มี/ไม่มี")
        PERCENT = "percent", _("ร้อยละ")
        TEXT = "text", _("ข้อความ")
        # The questionnaire answers of research instruments (process 4).
        LIKERT = "likert", _("มาตรประมาณค่า 5 ระดับ (มากที่สุด–น้อยที่สุด)")
        NUMBER = "number", _("ตัวเลข")
        # Process 3's verdict: ready for the external evaluation, or needs the district's help.
        VERDICT = "verdict", _("ผลการตรวจสอบความพร้อม (พร้อม/ต้องได้รับการช่วยเหลือ)")

    section = models.ForeignKey(
        FormSection, on_delete=models.CASCADE, related_name="items", verbose_name=_("ตอน")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    code = models.CharField(_("ข้อ"), max_length=20, blank=True)
    text = models.TextField(_("ประเด็นการนิเทศ/ติดตาม"))
    answer_type = models.CharField(
        _("รูปแบบคำตอบ"), max_length=10, choices=AnswerType.choices, default=AnswerType.RUBRIC
    )
    evidence_prompt = models.TextField(_("ร่องรอย/หลักฐานที่ควรพบ"), blank=True)
    component = models.PositiveSmallIntegerField(
        _("องค์ประกอบของระบบการประกันคุณภาพภายใน"),
        choices=IQAComponent.choices,
        null=True,
        blank=True,
        help_text=_("ข้อเกณฑ์หลายข้อขององค์ประกอบเดียวกันนับเป็นองค์ประกอบเดียวในระดับคุณภาพโดยรวม"),
    )
    level5 = models.TextField(_("ระดับ 5 ยอดเยี่ยม"), blank=True)
    level4 = models.TextField(_("ระดับ 4 ดีเลิศ"), blank=True)
    level3 = models.TextField(_("ระดับ 3 ดี"), blank=True)
    level2 = models.TextField(_("ระดับ 2 ปานกลาง"), blank=True)
    level1 = models.TextField(_("ระดับ 1 กำลังพัฒนา"), blank=True)

    class Meta:
        verbose_name = _("ข้อคำถาม")
        verbose_name_plural = _("ข้อคำถาม")
        ordering = ["section", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}".strip()

    @property
    def descriptors(self) -> list[tuple[int, "StrPromise", str]]:
        """[(level, label, descriptor)] from 5 down to 1."""
        return [
            (level, QualityLevel(level).label, getattr(self, f"level{level}"))
            for level in (5, 4, 3, 2, 1)
        ]
