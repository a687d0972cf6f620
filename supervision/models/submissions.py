"""One-time keys of create forms, so a double click or a resent POST makes one row."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionKey(models.Model):
    """A create form's hidden key, stored when the form is first accepted.

    The form carries a fresh random key; the service inserts it in the same transaction as
    the row it creates. A second POST with the same key (a double click, a resent request,
    the back button) hits the unique key, waits for the first transaction, and is sent to
    the row the first one made. Nothing is stored when the form is shown, so a GET writes
    nothing."""

    class Purpose(models.TextChoices):
        VISIT_PLAN = "visit_plan", _("วางแผนการนิเทศ")
        SELF_EVALUATION = "self_evaluation", _("บันทึกผลการประเมินคุณภาพภายใน")

    key = models.UUIDField(unique=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("รหัสการส่งแบบฟอร์ม")
        verbose_name_plural = _("รหัสการส่งแบบฟอร์ม")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.purpose} {self.key}"
