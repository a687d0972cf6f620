"""Supervision/monitoring visits of a school, the answers of their form, and their history."""

import datetime
from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iqa_district import thai
from iqa_district.accounts.models import User
from schools.models import TimeStampedModel
from standards.models import QualityLevel

from .choices import Semester
from .committees import Committee
from .form_templates import FormItem, FormTemplate


class VisitQuerySet(models.QuerySet["Visit"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            return self.filter(school=user.school_id, status=Visit.Status.PUBLISHED)
        if user.is_committee_member:
            return self.filter(Q(committee__members__user=user) | Q(supervisors=user)).distinct()
        return self.filter(school__area_office=user.area_office_id)

    def done(self) -> Self:
        """Visits that took place: published, or being recorded on or after their date."""
        return self.filter(
            Q(status=Visit.Status.PUBLISHED)
            | Q(status=Visit.Status.IN_PROGRESS, date__lte=timezone.localdate())
        )


class Visit(TimeStampedModel):
    """One supervision/monitoring visit of one school, recorded on one form version."""

    class Kind(models.TextChoices):
        IQA_SUPERVISION = "iqa", _("นิเทศ ติดตามระบบการประกันคุณภาพภายใน (กระบวนการที่ 1)")
        DISTRICT_VISIT = "district", _("ตรวจเยี่ยมพื้นที่เชิงประเมิน ระดับเขตพื้นที่ (กระบวนการที่ 2)")
        ONESQA_READINESS = "readiness", _("นิเทศติดตามความพร้อมรับการประเมินภายนอก (กระบวนการที่ 3)")

    class Status(models.TextChoices):
        PLANNED = "planned", _("วางแผนแล้ว")
        IN_PROGRESS = "in_progress", _("กำลังบันทึกผล")
        PUBLISHED = "published", _("เผยแพร่รายงานแล้ว")

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("สถานศึกษา"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("ปีการศึกษา"),
    )
    semester = models.PositiveSmallIntegerField(_("ภาคเรียน"), choices=Semester.choices)
    kind = models.CharField(_("ประเภทการนิเทศ"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("วันที่นิเทศ"))
    visit_no = models.PositiveSmallIntegerField(_("ครั้งที่"), default=1)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("คณะกรรมการ"),
    )
    template = models.ForeignKey(
        FormTemplate, on_delete=models.PROTECT, related_name="visits", verbose_name=_("แบบฟอร์ม")
    )
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="supervised_visits",
        verbose_name=_("ผู้นิเทศ"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    findings = models.TextField(_("ข้อค้นพบ"), blank=True)
    strengths = models.TextField(_("จุดเด่น"), blank=True)
    improvements = models.TextField(_("จุดที่ควรพัฒนา"), blank=True)
    recommendations = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    acceleration_measures = models.TextField(_("มาตรการเร่งรัดการพัฒนาคุณภาพการศึกษา"), blank=True)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เผยแพร่"),
    )
    acknowledged_at = models.DateTimeField(_("สถานศึกษารับทราบเมื่อ"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้รับทราบ"),
    )
    school_response = models.TextField(_("ความเห็น/การดำเนินการของสถานศึกษา"), blank=True)
    # Optimistic lock of the summary: a save names the version it was typed on, and one
    # typed on an older version is refused rather than overwriting a colleague's text.
    summary_version = models.PositiveIntegerField(default=0, editable=False)
    summary_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("ผู้บันทึกสรุปผลล่าสุด"),
    )

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("การนิเทศ/ตรวจเยี่ยม")
        verbose_name_plural = _("การนิเทศ/ตรวจเยี่ยม")
        ordering = ["date", "school"]
        indexes = [
            models.Index(fields=["academic_year", "status"]),
            models.Index(fields=["date"]),
            # Compliance and the three-year rule look up a school's district visits of a
            # year (or of the years up to it) by status.
            models.Index(
                fields=["school", "kind", "academic_year", "status"],
                name="visit_school_kind_year_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {thai.format_date_short(self.date)}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def is_before_its_date(self, today: "datetime.date | None" = None) -> bool:
        """A visit is filled and published on or after its date, never before."""
        return self.date > (today or timezone.localdate())

    def refuse_before_its_date(self) -> None:
        if self.is_before_its_date():
            raise ValidationError(
                _("ยังบันทึกหรือเผยแพร่ผลการนิเทศไม่ได้ก่อนวันนิเทศ (%(date)s)")
                % {"date": thai.format_date_page(self.date)}
            )

    def is_assigned(self, user: User) -> bool:
        """An assigned supervisor or a member of the visit's committee."""
        if self.supervisors.filter(pk=user.pk).exists():
            return True
        return self.committee is not None and self.committee.members.filter(user=user).exists()

    def can_be_filled_by(self, user: User | AnonymousUser) -> bool:
        if self.is_published or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        if user.is_school_staff or user.is_executive:
            return False
        if user.area_office_id != self.school.area_office_id:
            return False
        return user.is_district_admin or self.is_assigned(user)

    def can_be_planned_by(self, user: User | AnonymousUser) -> bool:
        """Plan or re-plan: a quality manager of the school's office (or a superuser).
        Works on an unsaved visit too, which is how ``visit_plan`` asks."""
        if not user.is_authenticated or not user.can_manage_quality:
            return False
        return user.is_superuser or user.area_office_id == self.school.area_office_id

    def can_be_published_by(self, user: User | AnonymousUser) -> bool:
        return user.is_authenticated and user.can_manage_quality and self.can_be_filled_by(user)

    def can_be_acknowledged_by(self, user: User | AnonymousUser) -> bool:
        return (
            self.is_published
            and user.is_authenticated
            and user.is_school_staff
            and user.school_id == self.school_id
            and self.acknowledged_at is None
        )


class VisitAnswer(models.Model):
    """One row of a filled form: a template item, or (process 2 ๗.๑) a standard item."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="answers", verbose_name=_("การนิเทศ")
    )
    form_item = models.ForeignKey(
        FormItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("ข้อคำถาม"),
    )
    standard_item = models.ForeignKey(
        "standards.Item",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visit_answers",
        verbose_name=_("ประเด็นพิจารณา"),
    )
    order = models.PositiveIntegerField(default=0)
    level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพ (คณะกรรมการ)"), choices=QualityLevel.choices, null=True, blank=True
    )
    has_evidence = models.BooleanField(_("การดำเนินการ (มี/ไม่มี)"), null=True, blank=True)
    percent = models.DecimalField(_("ร้อยละ"), max_digits=5, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("คำตอบ"), blank=True)
    # Process 2 ๗.๑ columns (domain.md §6.5).
    target_level = models.PositiveSmallIntegerField(
        _("ค่าเป้าหมาย (ระดับ)"), choices=QualityLevel.choices, null=True, blank=True
    )
    target_percent = models.DecimalField(
        _("ค่าเป้าหมาย (ร้อยละ)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    self_level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพที่สถานศึกษาประเมิน"), choices=QualityLevel.choices, null=True, blank=True
    )
    method_document = models.BooleanField(_("ตรวจเอกสาร"), default=False)
    method_interview = models.BooleanField(_("สัมภาษณ์"), default=False)
    method_observation = models.BooleanField(_("สังเกต"), default=False)
    evidence = models.TextField(_("ร่องรอย/หลักฐาน"), blank=True)
    finding = models.TextField(_("ข้อค้นพบ"), blank=True)
    recommendation = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    updated_at = models.DateTimeField(_("บันทึกล่าสุด"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Each row has its own lock, so two members filling different rows never collide;
    # only a save of the same row typed on an older version is refused.
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("ผลการนิเทศรายข้อ")
        verbose_name_plural = _("ผลการนิเทศรายข้อ")
        ordering = ["visit", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(form_item__isnull=False, standard_item__isnull=True)
                | Q(form_item__isnull=True, standard_item__isnull=False),
                name="visit_answer_one_row_source",
            ),
            models.UniqueConstraint(
                fields=["visit", "form_item"],
                condition=Q(form_item__isnull=False),
                name="unique_visit_form_item",
            ),
            models.UniqueConstraint(
                fields=["visit", "standard_item"],
                condition=Q(standard_item__isnull=False),
                name="unique_visit_standard_item",
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="visit_answer_percent_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visit} {self.form_item or self.standard_item}"

    @property
    def methods_display(self) -> str:
        methods = (
            (self.method_document, _("ตรวจเอกสาร")),
            (self.method_interview, _("สัมภาษณ์")),
            (self.method_observation, _("สังเกต")),
        )
        return ", ".join(str(label) for used, label in methods if used)


class VisitEvent(models.Model):
    """Who did what to a visit (planned, filled, published, acknowledged)."""

    class Action(models.TextChoices):
        PLANNED = "planned", _("วางแผนการนิเทศ")
        STARTED = "started", _("เริ่มบันทึกผล")
        PUBLISHED = "published", _("เผยแพร่รายงาน")
        ACKNOWLEDGED = "acknowledged", _("สถานศึกษารับทราบ")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("ประวัติการนิเทศ")
        verbose_name_plural = _("ประวัติการนิเทศ")
        ordering = ["visit", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.visit} {self.get_action_display()}"
