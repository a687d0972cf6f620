"""ONESQA's external evaluation (process 3): rounds as data, each school's evaluation per
round with its workflow, ONESQA's reports, and ONESQA's levels per standard."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import OfficeStaffQuerySet, TimeStampedModel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


class RatingScale(TimeStampedModel):
    """The levels a round judges with (ยอดเยี่ยม … กำลังพัฒนา for round 4); a later
    round may use another scale, so the scale is rows, not choices in code."""

    code = models.CharField(_("รหัสมาตรวัด"), max_length=30, unique=True)
    name = models.CharField(_("ชื่อมาตรวัดระดับคุณภาพ"), max_length=255)

    class Meta:
        verbose_name = _("มาตรวัดระดับคุณภาพของ สมศ.")
        verbose_name_plural = _("มาตรวัดระดับคุณภาพของ สมศ.")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RatingLevel(models.Model):
    """One level of a scale; ``value`` orders them (the highest is the best) and is what
    is compared with the internal levels (1–5 on the 2561 scale)."""

    scale = models.ForeignKey(
        RatingScale, on_delete=models.CASCADE, related_name="levels", verbose_name=_("มาตรวัด")
    )
    value = models.PositiveSmallIntegerField(_("ค่าระดับ"))
    label = models.CharField(_("ชื่อระดับ"), max_length=100)

    class Meta:
        verbose_name = _("ระดับคุณภาพ")
        verbose_name_plural = _("ระดับคุณภาพ")
        ordering = ["scale", "-value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="unique_rating_level_value"),
        ]

    def __str__(self) -> str:
        return self.label


class OnesqaRound(TimeStampedModel):
    """An ONESQA round (รอบที่ ๔, ๕, …): its period, the frameworks it judges (one standard
    set version per level) and its rating scale."""

    number = models.PositiveSmallIntegerField(_("รอบที่"), unique=True)
    name = models.CharField(_("ชื่อรอบการประเมิน"), max_length=255)
    year_from = models.PositiveSmallIntegerField(_("ตั้งแต่ปีการศึกษา (พ.ศ.)"))
    year_to = models.PositiveSmallIntegerField(_("ถึงปีการศึกษา (พ.ศ.)"))
    frameworks = models.ManyToManyField(
        "standards.StandardSet",
        blank=True,
        related_name="onesqa_rounds",
        verbose_name=_("กรอบมาตรฐานที่ใช้ประเมิน (ชุดละหนึ่งระดับ)"),
    )
    scale = models.ForeignKey(
        RatingScale,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("มาตรวัดระดับคุณภาพ"),
    )
    comment_days = models.PositiveSmallIntegerField(_("จำนวนวันให้ความเห็นต่อรายงานฉบับร่าง"), default=15)

    class Meta:
        verbose_name = _("รอบการประเมินคุณภาพภายนอก")
        verbose_name_plural = _("รอบการประเมินคุณภาพภายนอก")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_to__gte=models.F("year_from")), name="onesqa_round_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EvaluationQuerySet(models.QuerySet["ExternalEvaluation"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """District staff: their office's schools; school staff: their school; committee
        members: the evaluations whose oral report their committee attends."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            return self.filter(school=user.school_id)
        if user.is_committee_member:
            return self.filter(oral_committee__members__user=user).distinct()
        if user.is_district_staff:
            return self.filter(school__area_office=user.area_office_id)
        return self.none()


class ExternalEvaluation(TimeStampedModel):
    """A school's external evaluation in one round."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("ประเมินปกติ")
        REEVALUATION = "reeval", _("ประเมินซ้ำ")
        DOCUMENTS = "documents", _("ประเมินจากเอกสาร/SAR")
        OTHER = "other", _("อื่น ๆ")

    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("ลงพื้นที่")
        ONLINE = "online", _("ออนไลน์")
        DOCUMENTS = "documents", _("พิจารณาเอกสาร")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("มีกำหนดการประเมิน")
        READINESS_CHECKED = "ready_checked", _("ตรวจสอบความพร้อมแล้ว")
        EVALUATED = "evaluated", _("ประเมินแล้ว")
        ORAL_HELD = "oral_held", _("รับฟังรายงานด้วยวาจาแล้ว")
        DRAFT_RECEIVED = "draft", _("ได้รับรายงานฉบับร่าง")
        FINAL_RECEIVED = "final", _("ได้รับรายงานฉบับจริง")
        REEVAL_REQUESTED = "reeval_req", _("ขอรับการประเมินซ้ำ")
        CLOSED = "closed", _("ปิดงาน")

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        related_name="external_evaluations",
        verbose_name=_("สถานศึกษา"),
    )
    round = models.ForeignKey(
        OnesqaRound, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("รอบ")
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="external_evaluations",
        verbose_name=_("ปีการศึกษาที่รับการประเมิน"),
        help_text=_("ใช้เทียบกับ SAR และผลการนิเทศของปีนั้น"),
    )
    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind.choices)
    mode = models.CharField(_("รูปแบบ"), max_length=10, choices=Mode.choices)
    scheduled_from = models.DateField(_("กำหนดการประเมิน ตั้งแต่"))
    scheduled_to = models.DateField(_("กำหนดการประเมิน ถึง"))
    actual_from = models.DateField(_("วันที่ประเมินจริง ตั้งแต่"), null=True, blank=True)
    actual_to = models.DateField(_("วันที่ประเมินจริง ถึง"), null=True, blank=True)
    assessors = models.TextField(_("คณะผู้ประเมินภายนอกของ สมศ."), blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=15, choices=Status.choices, default=Status.SCHEDULED
    )
    oral_committee = models.ForeignKey(
        "supervision.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="external_evaluations",
        verbose_name=_("คณะกรรมการร่วมรับฟังรายงานด้วยวาจา"),
    )
    oral_report_on = models.DateField(_("วันที่รับฟังรายงานด้วยวาจา"), null=True, blank=True)
    oral_report_place = models.CharField(_("สถานที่"), max_length=255, blank=True)
    oral_report_notes = models.TextField(_("บันทึกของคณะกรรมการ"), blank=True)
    draft_received_on = models.DateField(_("วันที่ได้รับรายงานฉบับร่าง"), null=True, blank=True)
    readiness_visit = models.OneToOneField(
        "supervision.Visit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="onesqa_evaluation",
        verbose_name=_("การนิเทศติดตามความพร้อม (แบบ 7.1 กระบวนการที่ 3)"),
    )
    reevaluation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reevaluations",
        verbose_name=_("ประเมินซ้ำจากการประเมินครั้งก่อน"),
    )

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("การประเมินคุณภาพภายนอก")
        verbose_name_plural = _("การประเมินคุณภาพภายนอก")
        ordering = ["scheduled_from", "pk"]
        indexes = [models.Index(fields=["round", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(scheduled_to__gte=models.F("scheduled_from")),
                name="external_eval_scheduled_order",
            ),
            models.CheckConstraint(
                condition=Q(actual_to__isnull=True)
                | Q(actual_from__isnull=True)
                | Q(actual_to__gte=models.F("actual_from")),
                name="external_eval_actual_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} ({self.round})"

    @property
    def comment_deadline(self):
        """The last day to comment on the draft: its receipt plus the round's days."""
        if self.draft_received_on is None:
            return None
        return self.draft_received_on + timezone.timedelta(days=self.round.comment_days)

    def comment_days_left(self, today=None) -> int | None:
        deadline = self.comment_deadline
        if deadline is None or self.status != self.Status.DRAFT_RECEIVED:
            return None
        return (deadline - (today or timezone.localdate())).days


class EvaluationEvent(models.Model):
    """Every change of an evaluation, by a service, with who and when."""

    evaluation = models.ForeignKey(
        ExternalEvaluation, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=15, blank=True)
    to_status = models.CharField(max_length=15, blank=True)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d}"


def document_upload_path(instance: "EvaluationDocument", filename: str) -> str:
    # Never the uploaded name: it cannot carry path parts.
    evaluation = instance.evaluation
    return (
        f"onesqa/{evaluation.round.number}/{evaluation.school.code}/"
        f"{instance.kind}-v{instance.number}-{evaluation.pk}.pdf"
    )


class EvaluationDocument(models.Model):
    """One version of an ONESQA report or of the school's/district's reply; every
    upload is kept as its own version."""

    class Kind(models.TextChoices):
        ORAL = "oral", _("บันทึกรายงานด้วยวาจา")
        DRAFT = "draft", _("รายงานฉบับร่าง")
        FINAL = "final", _("รายงานฉบับจริง")
        COMMENTS = "comments", _("ความเห็นต่อรายงานฉบับร่าง")
        REEVAL_REQUEST = "reeval", _("หนังสือขอรับการประเมินซ้ำ")

    # What ONESQA sends (the district files them); the rest is the school's or district's.
    ONESQA_KINDS = (Kind.ORAL, Kind.DRAFT, Kind.FINAL)

    evaluation = models.ForeignKey(
        ExternalEvaluation, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("ประเภทเอกสาร"), max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("ฉบับที่"))
    file = models.FileField(_("ไฟล์ (PDF)"), upload_to=document_upload_path)
    original_name = models.CharField(max_length=255, blank=True)
    received_on = models.DateField(_("วันที่ได้รับ/ส่ง"), null=True, blank=True)
    note = models.TextField(_("หมายเหตุ"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("เอกสารการประเมินภายนอก")
        verbose_name_plural = _("เอกสารการประเมินภายนอก")
        ordering = ["evaluation", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "kind", "number"], name="unique_evaluation_document_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ฉบับที่ {self.number}"


class OnesqaStandardResult(models.Model):
    """Form ๗.๒: ONESQA's level for one standard, from a named version of its report."""

    evaluation = models.ForeignKey(
        ExternalEvaluation, on_delete=models.CASCADE, related_name="results"
    )
    standard = models.ForeignKey(
        "standards.Standard",
        on_delete=models.PROTECT,
        related_name="onesqa_results",
        verbose_name=_("มาตรฐาน"),
    )
    level = models.ForeignKey(
        RatingLevel,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("ระดับคุณภาพจาก สมศ."),
    )
    source = models.CharField(
        _("ข้อมูลจากรายงาน"),
        max_length=10,
        choices=[(k.value, k.label) for k in EvaluationDocument.ONESQA_KINDS],
    )
    strengths = models.TextField(_("จุดเด่น"), blank=True)
    improvements = models.TextField(_("จุดที่ควรพัฒนา"), blank=True)
    innovation = models.TextField(_("นวัตกรรม/แบบอย่างที่ดี"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ผลการประเมินภายนอกรายมาตรฐาน")
        verbose_name_plural = _("ผลการประเมินภายนอกรายมาตรฐาน")
        ordering = ["evaluation", "standard__standard_set__level", "standard__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "standard"], name="unique_onesqa_standard_result"
            ),
        ]

    def __str__(self) -> str:
        return f"มาตรฐานที่ {self.standard.number}: {self.level}"


class SynthesisQuerySet(models.QuerySet["OnesqaSynthesis"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """District staff: their office's; school staff: their office's published ones;
        committee members and visitors: none (the public reads ``published``)."""
        if not user.is_authenticated or user.is_committee_member:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            return self.published().filter(area_office__schools=user.school_id)
        return self.filter(area_office=user.area_office_id)

    def published(self) -> Self:
        return self.filter(published_at__isnull=False)


class OnesqaSynthesis(TimeStampedModel):
    """Form ๗.๓ of one office and round: the narrative the supervisor wrote, and the
    figures as they were when it was published (the live figures are computed)."""

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        related_name="onesqa_syntheses",
        verbose_name=_("สำนักงานเขตพื้นที่"),
    )
    round = models.ForeignKey(
        OnesqaRound, on_delete=models.PROTECT, related_name="syntheses", verbose_name=_("รอบ")
    )
    narrative = models.TextField(_("บทสรุปการสังเคราะห์"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    figures = models.JSONField(_("ตัวเลขที่เผยแพร่"), default=dict, blank=True)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SynthesisQuerySet.as_manager()

    class Meta:
        verbose_name = _("การสังเคราะห์ผลการประเมินคุณภาพภายใน-ภายนอก (แบบ ๗.๓)")
        verbose_name_plural = _("การสังเคราะห์ผลการประเมินคุณภาพภายใน-ภายนอก (แบบ ๗.๓)")
        ordering = ["-round__number", "area_office"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_office", "round"], name="unique_onesqa_synthesis_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_office} ({self.round})"


class OnesqaPackage(TimeStampedModel):
    """What the district sent ONESQA for a round (process 1, district duty 2; step 4.7.4):
    the published SAR synthesis, each school's issues to evaluate and its latest SAR. The
    contents are read live; this row records when it was sent, by whom."""

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        related_name="onesqa_packages",
        verbose_name=_("สำนักงานเขตพื้นที่"),
    )
    round = models.ForeignKey(
        OnesqaRound, on_delete=models.PROTECT, related_name="packages", verbose_name=_("รอบ")
    )
    sent_on = models.DateField(_("วันที่ส่ง สมศ."))
    reference = models.CharField(_("เลขที่หนังสือนำส่ง"), max_length=100, blank=True)
    note = models.CharField(_("ช่องทาง/หมายเหตุ"), max_length=255, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )

    objects = OfficeStaffQuerySet["OnesqaPackage"].as_manager()

    class Meta:
        verbose_name = _("ข้อมูลที่ส่ง สมศ.")
        verbose_name_plural = _("ข้อมูลที่ส่ง สมศ.")
        ordering = ["-round__number", "area_office"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_office", "round"], name="unique_onesqa_package_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_office} ({self.round}) {self.sent_on}"
