"""One row per audited action. Rows are never changed; only the retention purge deletes."""

from typing import Any, Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from iqa_district.accounts.models import User


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """Superusers see everything; a district admin sees their own office's entries."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_district_admin and user.area_office_id:
            return self.filter(area_office=user.area_office_id)
        return self.none()


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("เพิ่ม")
        CHANGE = "change", _("แก้ไข")
        DELETE = "delete", _("ลบ")
        EXPORT = "export", _("ส่งออกข้อมูล")
        IMPORT = "import", _("นำเข้าข้อมูล")
        ERASE = "erase", _("ลบข้อมูลส่วนบุคคล")
        VIEW = "view", _("เปิดดู")
        DOWNLOAD = "download", _("ดาวน์โหลด")
        PUBLISH = "publish", _("เผยแพร่")
        UNPUBLISH = "unpublish", _("ยกเลิกการเผยแพร่")

    at = models.DateTimeField(_("เวลา"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    # Kept as text too: the entry must still say who acted after the account is gone.
    actor_name = models.CharField(_("ชื่อผู้ดำเนินการ"), max_length=200, blank=True)
    action = models.CharField(_("การดำเนินการ"), max_length=12, choices=Action.choices)
    object_type = models.CharField(_("ประเภทข้อมูล"), max_length=100)
    object_id = models.CharField(_("รหัสข้อมูล"), max_length=64, blank=True)
    object_repr = models.CharField(_("ข้อมูล"), max_length=300, blank=True)
    detail = models.TextField(_("รายละเอียด"), blank=True)
    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("สำนักงานเขตพื้นที่"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("บันทึกการใช้งาน")
        verbose_name_plural = _("บันทึกการใช้งาน")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["area_office", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Append-only: an entry that exists is never rewritten.
        if self.pk is not None:
            raise ValueError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("audit entries are removed only by the retention purge")
