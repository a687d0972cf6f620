"""Process 1 steps 4.1 and 5.5: the district's own training and sharing events with the
attendance of each school, their materials; and the best practices and innovations
schools wrote in their SARs, chosen for sharing and published."""

import secrets
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schools.models import TimeStampedModel

from .scope import by_office

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


class TrainingEventQuerySet(models.QuerySet["TrainingEvent"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return by_office(self, user, "area_office")


class TrainingEvent(TimeStampedModel):
    class Kind(models.TextChoices):
        IQA_TRAINING = "iqa", _("อบรมการประกันคุณภาพภายในสถานศึกษา")
        ONESQA_CRITERIA = "onesqa", _("อบรมเกณฑ์การประเมินภายนอก (สมศ.)")
        SHARING = "sharing", _("เวทีแลกเปลี่ยนเรียนรู้จุดเด่นและแบบอย่างที่ดี")

    area_office = models.ForeignKey(
        "schools.AreaOffice", on_delete=models.PROTECT, related_name="training_events"
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("ประเภท"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("ชื่อกิจกรรม"), max_length=250)
    held_on = models.DateField(_("วันที่จัด"))
    place = models.CharField(_("สถานที่"), max_length=250, blank=True)
    description = models.TextField(_("รายละเอียด"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("การอบรม/เวทีแลกเปลี่ยนเรียนรู้ของเขต")
        verbose_name_plural = _("การอบรม/เวทีแลกเปลี่ยนเรียนรู้ของเขต")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return self.title


class TrainingAttendee(models.Model):
    """Who a school sent to an event, and whether they came."""

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="attendees")
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        related_name="training_attendees",
        verbose_name=_("สถานศึกษา"),
    )
    name = models.CharField(_("ชื่อ-สกุล"), max_length=150)
    position = models.CharField(_("ตำแหน่ง"), max_length=150, blank=True)
    attended = models.BooleanField(_("เข้าร่วม"), default=False)

    class Meta:
        ordering = ["event", "school__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "school", "name"], name="one_attendee_per_event"
            )
        ]

    def __str__(self) -> str:
        return self.name


def training_file_path(instance: "TrainingMaterial", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/{instance.event_id}/{secrets.token_hex(8)}.{extension}"


class TrainingMaterial(models.Model):
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to=training_file_path)
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return self.original_name


class SharedPracticeQuerySet(models.QuerySet["SharedPractice"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return by_office(self, user, "school__area_office")

    def published(self) -> Self:
        return self.filter(is_public=True)


class SharedPractice(TimeStampedModel):
    """A school's innovation or best practice from its SAR (``SARVersion.innovations``),
    chosen by the district for sharing; its text is copied so the published page does
    not change when the school edits a later SAR."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="shared_practices"
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    version = models.ForeignKey(
        "sar.SARVersion", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("นวัตกรรม/แบบอย่างที่ดี"))
    is_public = models.BooleanField(_("เผยแพร่ต่อสาธารณะ"), default=False)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = SharedPracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("แบบอย่างที่ดีเพื่อการแลกเปลี่ยนเรียนรู้")
        verbose_name_plural = _("แบบอย่างที่ดีเพื่อการแลกเปลี่ยนเรียนรู้")
        ordering = ["-academic_year", "school__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"], name="one_shared_practice_per_school_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.academic_year_id}"
