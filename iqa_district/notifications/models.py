from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


class Kind(models.TextChoices):
    """What a notification is about; each user chooses which kinds come by e-mail."""

    SAR_SUBMITTED = "sar_submitted", _("สถานศึกษาส่ง SAR เข้าคิวตรวจ")
    SAR_RETURNED = "sar_returned", _("SAR ถูกส่งกลับให้แก้ไข")
    SAR_ACCEPTED = "sar_accepted", _("เขตรับรายงาน SAR แล้ว")
    SAR_REMINDER = "sar_reminder", _("เตือนกำหนดส่ง SAR")
    VISIT_PLANNED = "visit_planned", _("นัดหมายการนิเทศ")
    REPORT_PUBLISHED = "report_published", _("เผยแพร่รายงานการนิเทศ")
    RECOMMENDATION_DUE = "recommendation_due", _("ข้อเสนอแนะถึงกำหนด")
    SYNTHESIS_DONE = "synthesis_done", _("การสังเคราะห์ SAR เสร็จสิ้น")
    SYNTHESIS_FAILED = "synthesis_failed", _("การสังเคราะห์ SAR ล้มเหลว")
    WEEKLY_DIGEST = "weekly_digest", _("สรุปงานประจำสัปดาห์")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """One's own notifications only, superusers included."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user.pk)

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Email(models.TextChoices):
        PENDING = "pending", _("รอส่ง")
        SENDING = "sending", _("กำลังส่ง")
        SENT = "sent", _("ส่งแล้ว")
        SKIPPED = "skipped", _("ไม่ส่ง")
        FAILED = "failed", _("ส่งไม่สำเร็จ")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้รับ"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("ประเภท"), max_length=30, choices=Kind.choices)
    # What the notice is about, once per recipient: "sar-event:<id>", "sar-reminder:…".
    key = models.CharField(max_length=200)
    title = models.CharField(_("เรื่อง"), max_length=300)
    body = models.TextField(_("ข้อความ"), blank=True)
    link = models.CharField(_("ลิงก์"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)
    read_at = models.DateTimeField(_("อ่านเมื่อ"), null=True, blank=True)
    email_status = models.CharField(
        _("อีเมล"), max_length=10, choices=Email.choices, default=Email.PENDING
    )
    emailed_at = models.DateTimeField(_("ส่งอีเมลเมื่อ"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("การแจ้งเตือน")
        verbose_name_plural = _("การแจ้งเตือน")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class EmailPreference(models.Model):
    """A kind of notice a user does not want by e-mail (it still shows in the app).
    No row: the e-mail comes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้ใช้"),
        on_delete=models.CASCADE,
        related_name="email_opt_outs",
    )
    kind = models.CharField(_("ประเภท"), max_length=30, choices=Kind.choices)

    class Meta:
        verbose_name = _("การไม่รับอีเมลแจ้งเตือน")
        verbose_name_plural = _("การไม่รับอีเมลแจ้งเตือน")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_opt_out_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"
