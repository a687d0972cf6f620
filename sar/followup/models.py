"""A recommendation and the history of what was done about it."""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import TimeStampedModel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """School staff: their own school's; district staff: their office's schools'."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            return self.filter(school=user.school_id)
        if user.is_district_staff:
            return self.filter(school__area_office=user.area_office_id)
        return self.none()

    def open(self) -> Self:
        """Not closed: nothing done yet, planned, in progress, or done but not confirmed."""
        return self.exclude(status__in=Recommendation.CLOSED).exclude(
            status=Recommendation.Status.DONE, confirmed_at__isnull=False
        )

    def overdue(self, today: datetime.date | None = None) -> Self:
        """Open after their due date (a recommendation due today is not overdue yet).
        Done and waiting for the district's confirmation is the school's part finished."""
        today = today or timezone.localdate()
        return (
            self.open()
            .exclude(status=Recommendation.Status.DONE)
            .filter(due_on__isnull=False, due_on__lt=today)
        )

    def on_time_by_school(self, today: datetime.date | None = None) -> dict[int, "OnTime"]:
        """{school id: its recommendations closed on time}, in one grouped query.

        Counted: those with a due date that is past, or done already (a recommendation
        still running before its date is neither on time nor late yet); no longer
        relevant ones are not counted. On time: done by the due date."""
        today = today or timezone.localdate()
        rows = (
            self.filter(due_on__isnull=False)
            .exclude(status=Recommendation.Status.NOT_RELEVANT)
            .filter(models.Q(due_on__lt=today) | models.Q(status=Recommendation.Status.DONE))
            .order_by()
            .values("school_id")
            .annotate(
                counted=models.Count("pk"),
                on_time=models.Count(
                    "pk",
                    filter=models.Q(
                        status=Recommendation.Status.DONE,
                        completed_on__isnull=False,
                        completed_on__lte=models.F("due_on"),
                    ),
                ),
            )
        )
        return {r["school_id"]: OnTime(r["on_time"], r["counted"]) for r in rows}


@dataclass(frozen=True)
class OnTime:
    """How many of a school's counted recommendations were done by their due date."""

    on_time: int
    counted: int

    @property
    def share(self) -> float | None:
        return round(100 * self.on_time / self.counted, 1) if self.counted else None


class Recommendation(TimeStampedModel):
    class Source(models.TextChoices):
        VISIT = "visit", _("การนิเทศ ติดตาม และตรวจเยี่ยม")
        SAR_REVIEW = "sar_review", _("การตรวจรายงาน SAR ของเขตพื้นที่")
        SYNTHESIS = "synthesis", _("การสังเคราะห์ SAR ประจำปี")
        ONESQA = "onesqa", _("การประเมินคุณภาพภายนอก (สมศ.)")

    class Status(models.TextChoices):
        OPEN = "open", _("ยังไม่ดำเนินการ")
        PLANNED = "planned", _("วางแผนแล้ว")
        IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
        DONE = "done", _("ดำเนินการแล้ว")
        NOT_DONE = "not_done", _("ไม่ได้ดำเนินการ")
        NOT_RELEVANT = "not_relevant", _("ไม่เกี่ยวข้องแล้ว")

    # Closed: nothing more is expected of the school. DONE closes once the district confirms.
    CLOSED = (Status.NOT_DONE, Status.NOT_RELEVANT)

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("สถานศึกษา"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("ปีการศึกษาที่ได้รับข้อเสนอแนะ"),
    )
    source = models.CharField(_("ที่มา"), max_length=12, choices=Source.choices)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_object = GenericForeignKey("source_type", "source_id")
    standard = models.ForeignKey(
        "standards.Standard",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("มาตรฐาน"),
    )
    item = models.ForeignKey(
        "standards.Item",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("ประเด็นพิจารณา"),
    )
    text = models.TextField(_("ข้อเสนอแนะ"))
    due_on = models.DateField(_("กำหนดแล้วเสร็จ"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_recommendations",
        verbose_name=_("ผู้รับผิดชอบของสถานศึกษา"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    action = models.TextField(_("สิ่งที่สถานศึกษาดำเนินการ"), blank=True)
    started_on = models.DateField(_("เริ่มดำเนินการ"), null=True, blank=True)
    completed_on = models.DateField(_("ดำเนินการแล้วเสร็จ"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("เขตพื้นที่ยืนยันเมื่อ"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ยืนยัน"),
    )
    lock_version = models.PositiveIntegerField(default=0)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("ข้อเสนอแนะที่ต้องติดตาม")
        verbose_name_plural = _("ข้อเสนอแนะที่ต้องติดตาม")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["school", "status"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(completed_on__gte=models.F("started_on")),
                name="recommendation_completed_after_started",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED or (
            self.status == self.Status.DONE and self.confirmed_at is not None
        )

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(
            not self.is_closed
            and self.status != self.Status.DONE
            and self.due_on
            and self.due_on < today
        )


class RecommendationEvent(models.Model):
    """Every change of a recommendation, by a service, with who and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("บันทึกข้อเสนอแนะ")
        UPDATED = "updated", _("สถานศึกษาปรับปรุงการดำเนินงาน")
        CONFIRMED = "confirmed", _("เขตพื้นที่ยืนยันว่าดำเนินการแล้ว")
        REOPENED = "reopened", _("เขตพื้นที่ให้ดำเนินการต่อ")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"
