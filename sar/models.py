"""The annual Self-Assessment Report (รายงานผลการประเมินตนเอง, SAR).

One ``SelfAssessmentReport`` per school and academic year carries the workflow status.
Its content lives in ``SARVersion`` rows: the school edits the newest version while the
report is a draft or returned; submitting freezes that version; a resubmission after a
return is a new version, so every submitted version is kept. The version the district
accepted is the one the synthesis reads.
"""

import datetime
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import OfficeStaffQuerySet, TimeStampedModel
from standards.models import QualityLevel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


class SARQuerySet(models.QuerySet["SelfAssessmentReport"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """School staff: their own school's SARs; district staff: their office's.

        Committee members and anonymous users see none here; the public sees SARs only
        through ``public()``.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            return self.filter(school=user.school_id)
        if user.is_district_staff:
            return self.filter(school__area_office=user.area_office_id)
        return self.none()

    def sent(self) -> Self:
        """Reports the district has received: submitted and waiting, or accepted."""
        return self.filter(
            status__in=[SelfAssessmentReport.Status.SUBMITTED, SelfAssessmentReport.Status.ACCEPTED]
        )

    def waiting_for_review(self) -> Self:
        """The review queue: submitted and not yet accepted or returned, of any year, the
        longest-waiting first. The dashboard's count is this queryset's, so they agree."""
        return self.filter(status=SelfAssessmentReport.Status.SUBMITTED).order_by(
            "last_submitted_at", "pk"
        )

    def public(self) -> Self:
        """What the public disclosure page lists: sent SARs the school has not hidden."""
        return self.sent().filter(is_public=True, first_submitted_at__isnull=False)


class SelfAssessmentReport(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        SUBMITTED = "submitted", _("ส่งแล้ว รอตรวจ")
        RETURNED = "returned", _("ส่งกลับให้แก้ไข")
        ACCEPTED = "accepted", _("รับรายงานแล้ว")

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        related_name="sars",
        verbose_name=_("สถานศึกษา"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="sars",
        verbose_name=_("ปีการศึกษา"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_public = models.BooleanField(_("เผยแพร่ต่อสาธารณะ"), default=True)
    first_submitted_at = models.DateTimeField(_("ส่งครั้งแรกเมื่อ"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(_("ส่งล่าสุดเมื่อ"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("รับรายงานเมื่อ"), null=True, blank=True)
    # Optimistic locking: every save through a service bumps it; a form posted with an
    # older value is refused instead of overwriting someone else's edit.
    lock_version = models.PositiveIntegerField(default=0)

    objects = SARQuerySet.as_manager()

    class Meta:
        verbose_name = _("รายงานผลการประเมินตนเอง (SAR)")
        verbose_name_plural = _("รายงานผลการประเมินตนเอง (SAR)")
        ordering = ["-academic_year", "school"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"], name="one_sar_per_school_year"
            ),
        ]
        indexes = [models.Index(fields=["academic_year", "status"])]

    def __str__(self):
        return f"SAR {self.school} ปีการศึกษา {self.academic_year_id}"

    @property
    def is_editable_by_school(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def can_be_reviewed(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def return_comment(self) -> str:
        """The district's comment of the latest return, shown to the school."""
        event = (
            self.events.filter(action=SAREvent.Action.RETURNED)
            .order_by("-created_at", "-pk")
            .first()
        )
        return event.comment if event else ""

    def days_late(self, *, today: datetime.date | None = None) -> int:
        """Days after the academic year's SAR deadline that the report was first sent,
        or, if it has not been sent, how many days it is overdue by ``today``. 0 when on
        time or when the year has no deadline."""
        deadline = self.academic_year.sar_deadline
        return days_late(deadline, self.first_submitted_at, today=today)

    @property
    def latest_version(self) -> "SARVersion | None":
        return self.versions.order_by("-number").first()

    @property
    def latest_submitted_version(self) -> "SARVersion | None":
        return self.versions.filter(submitted_at__isnull=False).order_by("-number").first()


def days_late(
    deadline: datetime.date | None,
    submitted_at: datetime.datetime | None,
    *,
    today: datetime.date | None = None,
) -> int:
    if deadline is None:
        return 0
    if submitted_at is not None:
        sent_on = timezone.localtime(submitted_at).date()
    else:
        sent_on = today or timezone.localdate()
    return max(0, (sent_on - deadline).days)


def sar_upload_path(instance, filename):
    # The stored name never uses the uploaded name: it cannot carry path parts.
    ext = "pdf" if filename.lower().endswith(".pdf") else "docx"
    report = instance.report
    return (
        f"sar/{report.academic_year_id}/{report.school.code}/v{instance.number}-{report.pk}.{ext}"
    )


class SARVersion(TimeStampedModel):
    report = models.ForeignKey(
        SelfAssessmentReport,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("SAR"),
    )
    number = models.PositiveSmallIntegerField(_("ฉบับที่"))
    pdf = models.FileField(_("ไฟล์ SAR (PDF) ที่ลงนามแล้ว"), upload_to=sar_upload_path, blank=True)
    pdf_original_name = models.CharField(max_length=255, blank=True)
    docx = models.FileField(_("ไฟล์ต้นฉบับ (DOCX)"), upload_to=sar_upload_path, blank=True)
    docx_original_name = models.CharField(max_length=255, blank=True)
    board_approved_on = models.DateField(
        _("วันที่คณะกรรมการสถานศึกษาให้ความเห็นชอบ"), null=True, blank=True
    )
    innovations = models.TextField(_("นวัตกรรม/แบบอย่างที่ดี"), blank=True)
    submitted_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ส่ง"),
    )

    class Meta:
        verbose_name = _("ฉบับของ SAR")
        verbose_name_plural = _("ฉบับของ SAR")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_sar_version_number"),
        ]

    def __str__(self):
        return f"{self.report} ฉบับที่ {self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.submitted_at is not None


class ItemResult(models.Model):
    """ผลการดำเนินงาน of one item: percent and the level the school reached."""

    version = models.ForeignKey(SARVersion, on_delete=models.CASCADE, related_name="item_results")
    item = models.ForeignKey("standards.Item", on_delete=models.PROTECT, related_name="results")
    result_percent = models.DecimalField(
        _("ผลการดำเนินงาน (ร้อยละ)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพ"), choices=QualityLevel.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("ผลการประเมินรายประเด็น")
        verbose_name_plural = _("ผลการประเมินรายประเด็น")
        ordering = ["version", "item"]
        constraints = [
            models.UniqueConstraint(fields=["version", "item"], name="unique_item_result"),
            models.CheckConstraint(
                condition=models.Q(result_percent__isnull=True)
                | models.Q(result_percent__gte=0, result_percent__lte=100),
                name="result_percent_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.item.code}: {self.get_level_display() or '-'}"


class StandardResult(models.Model):
    """Per standard: the level reached and the narrative the district synthesises."""

    version = models.ForeignKey(
        SARVersion, on_delete=models.CASCADE, related_name="standard_results"
    )
    standard = models.ForeignKey(
        "standards.Standard", on_delete=models.PROTECT, related_name="results"
    )
    level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพของมาตรฐาน"), choices=QualityLevel.choices, null=True, blank=True
    )
    strengths = models.TextField(_("จุดเด่น"), blank=True)
    improvements = models.TextField(_("จุดที่ควรพัฒนา"), blank=True)
    development_plan = models.TextField(_("แผนพัฒนาเพื่อให้ได้มาตรฐานที่สูงขึ้น"), blank=True)
    evidence_links = models.TextField(
        _("หลักฐาน/ลิงก์ข้อมูลสนับสนุน"), blank=True, help_text=_("หนึ่งลิงก์ต่อบรรทัด")
    )

    class Meta:
        verbose_name = _("ผลการประเมินรายมาตรฐาน")
        verbose_name_plural = _("ผลการประเมินรายมาตรฐาน")
        ordering = ["version", "standard"]
        constraints = [
            models.UniqueConstraint(fields=["version", "standard"], name="unique_standard_result"),
        ]

    def __str__(self):
        return f"มาตรฐานที่ {self.standard.number}: {self.get_level_display() or '-'}"


class HelpNeed(models.Model):
    """ความต้องการและการช่วยเหลือ, categorised so the district can add them up."""

    class Category(models.TextChoices):
        CURRICULUM = "curriculum", _("หลักสูตรและการจัดการเรียนรู้")
        MEASUREMENT = "measurement", _("การวัดและประเมินผล")
        QA_SYSTEM = "qa_system", _("ระบบประกันคุณภาพภายใน")
        TEACHER = "teacher", _("การพัฒนาครูและบุคลากร")
        TECHNOLOGY = "technology", _("เทคโนโลยีสารสนเทศ")
        BUDGET = "budget", _("งบประมาณและทรัพยากร")
        BUILDING = "building", _("อาคารสถานที่และสภาพแวดล้อม")
        STUDENT_CARE = "student_care", _("ระบบดูแลช่วยเหลือนักเรียน")
        OTHER = "other", _("อื่น ๆ")

    version = models.ForeignKey(SARVersion, on_delete=models.CASCADE, related_name="help_needs")
    category = models.CharField(_("ด้าน"), max_length=20, choices=Category.choices)
    description = models.TextField(_("รายละเอียด"))

    class Meta:
        verbose_name = _("ความต้องการและการช่วยเหลือ")
        verbose_name_plural = _("ความต้องการและการช่วยเหลือ")
        ordering = ["version", "category", "pk"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.description[:60]}"


class SAREvent(models.Model):
    """History: who did what to a SAR and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("เริ่มจัดทำ")
        REVISED = "revised", _("เริ่มจัดทำฉบับแก้ไข")
        SAVED = "saved", _("บันทึกร่าง")
        SUBMITTED = "submitted", _("ส่งรายงาน")
        RETURNED = "returned", _("ส่งกลับให้แก้ไข")
        ACCEPTED = "accepted", _("รับรายงาน")
        VISIBILITY = "visibility", _("เปลี่ยนการเผยแพร่")

    report = models.ForeignKey(
        SelfAssessmentReport, on_delete=models.CASCADE, related_name="events"
    )
    version = models.ForeignKey(
        SARVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("การดำเนินการ"), max_length=20, choices=Action.choices)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    comment = models.TextField(_("ความเห็น"), blank=True)
    created_at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("ประวัติ SAR")
        verbose_name_plural = _("ประวัติ SAR")
        ordering = ["report", "created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"


class SynthesisRunQuerySet(OfficeStaffQuerySet["SynthesisRun"]):
    def published(self) -> Self:
        return self.filter(status=SynthesisRun.Status.DONE, is_published=True)


def synthesis_output_path(instance, filename):
    # Output files are named after the job, so a re-run never overwrites another run's.
    return f"synthesis/{instance.academic_year_id}/{instance.area_office.code}/run-{instance.pk}-{filename}"


class SynthesisRun(models.Model):
    """One run of the annual SAR synthesis for an area office and academic year.

    The state lives here, not in the broker: a worker claims a pending run with a
    conditional update, reports progress, and writes its results in one transaction at
    the end, so a killed worker leaves nothing half-written and the reconciler can
    re-queue the run.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("รอดำเนินการ")
        RUNNING = "running", _("กำลังสังเคราะห์")
        DONE = "done", _("เสร็จสิ้น")
        FAILED = "failed", _("ล้มเหลว")

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        related_name="synthesis_runs",
        verbose_name=_("สำนักงานเขตพื้นที่"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="synthesis_runs",
        verbose_name=_("ปีการศึกษา"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    include_submitted = models.BooleanField(_("รวม SAR ที่ส่งแล้วแต่ยังไม่ได้รับรายงาน"), default=False)
    progress = models.PositiveSmallIntegerField(_("ความคืบหน้า (ร้อยละ)"), default=0)
    progress_message = models.CharField(max_length=255, blank=True)
    failure_reason = models.TextField(_("สาเหตุที่ล้มเหลว"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้สั่งสังเคราะห์"),
    )
    created_at = models.DateTimeField(_("สั่งเมื่อ"), auto_now_add=True)
    started_at = models.DateTimeField(_("เริ่มเมื่อ"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)
    school_count = models.PositiveIntegerField(_("จำนวนสถานศึกษาที่สังเคราะห์"), default=0)
    # The national batch this run belongs to (none for an office's own run).
    batch = models.ForeignKey(
        "sar.NationalBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
    )
    results = models.JSONField(_("ผลการสังเคราะห์"), default=dict, blank=True)
    pdf = models.FileField(upload_to=synthesis_output_path, blank=True)
    xlsx = models.FileField(upload_to=synthesis_output_path, blank=True)
    # The per-school appendix, a document of its own: rendered the first time someone
    # asks for it (services.synthesis_appendix), not by the job, then kept.
    appendix_pdf = models.FileField(_("ภาคผนวก (PDF)"), upload_to=synthesis_output_path, blank=True)
    is_published = models.BooleanField(_("เผยแพร่แล้ว"), default=False)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SynthesisRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("การสังเคราะห์ SAR")
        verbose_name_plural = _("การสังเคราะห์ SAR")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_office", "academic_year"],
                condition=models.Q(status__in=["pending", "running"]),
                name="one_active_synthesis_per_office_year",
            ),
            models.UniqueConstraint(
                fields=["area_office", "academic_year"],
                condition=models.Q(is_published=True),
                name="one_published_synthesis_per_office_year",
            ),
        ]

    def __str__(self):
        return f"การสังเคราะห์ SAR {self.area_office} ปีการศึกษา {self.academic_year_id} #{self.pk}"

    def can_be_managed_by(self, user: "User") -> bool:
        """Start, publish, withdraw: the office's quality managers (or a superuser).
        Works on an unsaved run too, which is how ``synthesis_start`` asks."""
        return self.area_office.is_administered_by(user)


# The follow-up of recommendations keeps its models in its own package; importing them
# here registers them with the sar app.
from .followup.models import Recommendation as Recommendation  # noqa: E402
from .followup.models import RecommendationEvent as RecommendationEvent  # noqa: E402
from .synthesis.models import EvaluationIssue as EvaluationIssue  # noqa: E402
from .synthesis.models import NationalBatch as NationalBatch  # noqa: E402
from .synthesis.models import SynthesisDispatch as SynthesisDispatch  # noqa: E402
