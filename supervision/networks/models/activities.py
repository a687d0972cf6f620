"""Steps 2–5 of process 5: the cluster's networks (ครูแกนนำ, ครูต้นแบบ, by level, model
schools) with their members, the network plan of the year and its activities with their
participants, attendance, photos and files."""

import secrets
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schools.models import TimeStampedModel

from .scope import by_cluster

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


class NetworkQuerySet(models.QuerySet["Network"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return by_cluster(self, user, "cluster")


class Network(TimeStampedModel):
    """A network of the cluster, as data: its kind, its name and its members."""

    class Kind(models.TextChoices):
        CORE_TEACHERS = "core_teachers", _("เครือข่ายครูแกนนำ")
        MODEL_TEACHERS = "model_teachers", _("เครือข่ายครูต้นแบบ")
        LEVEL = "level", _("เครือข่ายระดับชั้น/กลุ่มสาระ")
        MODEL_IQA_SCHOOL = "model_iqa", _("โรงเรียนต้นแบบการประกันคุณภาพภายใน")
        WORLD_CLASS = "world_class", _("โรงเรียนมาตรฐานสากล")

    cluster = models.ForeignKey(
        "schools.Cluster", on_delete=models.PROTECT, related_name="networks"
    )
    kind = models.CharField(_("ประเภทเครือข่าย"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("ชื่อเครือข่าย"), max_length=200)
    level = models.CharField(_("ระดับ/กลุ่มสาระ"), max_length=100, blank=True)
    description = models.TextField(_("บทบาทและภารกิจ"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("เครือข่ายการนิเทศ")
        verbose_name_plural = _("เครือข่ายการนิเทศ")
        ordering = ["cluster", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "name"], name="one_network_name_per_cluster")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def of_schools(self) -> bool:
        """Model IQA and world-class networks are made of schools, the rest of teachers."""
        return self.kind in (self.Kind.MODEL_IQA_SCHOOL, self.Kind.WORLD_CLASS)


class NetworkMember(models.Model):
    """A teacher of a school in a network, or (for networks of schools) the school itself."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="+", verbose_name=_("สถานศึกษา")
    )
    person_name = models.CharField(_("ชื่อ-สกุล"), max_length=150, blank=True)
    position = models.CharField(_("ตำแหน่ง/วิชาที่สอน"), max_length=150, blank=True)

    class Meta:
        ordering = ["network", "school__code", "person_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "school", "person_name"], name="one_network_member"
            )
        ]

    def __str__(self) -> str:
        return self.person_name or str(self.school)


class NetworkPlanQuerySet(models.QuerySet["NetworkPlan"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return by_cluster(self, user, "cluster")


class NetworkPlan(TimeStampedModel):
    """The cluster's network plan for one academic year (steps 2–3): its goals and, in
    ``activities``, what it will do, when, for whom and for which needs and standards."""

    cluster = models.ForeignKey(
        "schools.Cluster", on_delete=models.PROTECT, related_name="network_plans"
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    goals = models.TextField(_("เป้าหมายของแผน"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = NetworkPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("แผนการนิเทศเครือข่าย")
        verbose_name_plural = _("แผนการนิเทศเครือข่าย")
        ordering = ["-academic_year", "cluster"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "academic_year"], name="one_network_plan_per_cluster_year"
            )
        ]

    def __str__(self) -> str:
        return f"แผนการนิเทศเครือข่าย {self.cluster} ปีการศึกษา {self.academic_year_id}"


def new_token() -> str:
    return secrets.token_urlsafe(18)


class ActivityQuerySet(models.QuerySet["Activity"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return by_cluster(self, user, "plan__cluster")


class Activity(TimeStampedModel):
    """One activity of the plan: planned first, then recorded when done."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("ประชุม")
        SEMINAR = "seminar", _("สัมมนา")
        SUPERVISION = "supervision", _("นิเทศ")
        TRAINING = "training", _("อบรม")
        SHARING = "sharing", _("แลกเปลี่ยนเรียนรู้")

    class Status(models.TextChoices):
        PLANNED = "planned", _("ตามแผน (ยังไม่ดำเนินการ)")
        DONE = "done", _("ดำเนินการแล้ว")

    plan = models.ForeignKey(NetworkPlan, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("ประเภทกิจกรรม"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("ชื่อกิจกรรม"), max_length=250)
    network = models.ForeignKey(
        Network,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("เครือข่าย"),
    )
    starts_on = models.DateField(_("วันที่เริ่ม"))
    ends_on = models.DateField(_("วันที่สิ้นสุด"), null=True, blank=True)
    place = models.CharField(_("สถานที่"), max_length=250, blank=True)
    target_schools = models.ManyToManyField(
        "schools.School", blank=True, related_name="+", verbose_name=_("สถานศึกษาเป้าหมาย")
    )
    target_teachers = models.PositiveIntegerField(_("จำนวนครูเป้าหมาย (คน)"), default=0)
    # Values of ``NeedArea`` (form ๑) this activity answers.
    need_areas = models.JSONField(_("ความต้องการที่ตอบสนอง"), default=list, blank=True)
    standards = models.ManyToManyField(
        "standards.Standard", blank=True, related_name="+", verbose_name=_("มาตรฐานที่เกี่ยวข้อง")
    )
    objectives = models.TextField(_("วัตถุประสงค์ (บรรทัดละ 1 ข้อ)"))
    what_was_done = models.TextField(_("การดำเนินงาน"), blank=True)
    results = models.TextField(_("ผลการดำเนินงาน"), blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=8, choices=Status.choices, default=Status.PLANNED
    )
    satisfaction_token = models.CharField(
        max_length=40, unique=True, default=new_token, editable=False
    )
    satisfaction_open = models.BooleanField(_("เปิดแบบสอบถามความพึงพอใจ"), default=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("กิจกรรมเครือข่าย")
        verbose_name_plural = _("กิจกรรมเครือข่าย")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def objective_lines(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class ParticipantRole(models.TextChoices):
    DIRECTOR = "director", _("ผู้บริหารสถานศึกษา")
    TEACHER = "teacher", _("ครู")
    CORE_TEACHER = "core_teacher", _("ครูแกนนำ")
    MODEL_TEACHER = "model_teacher", _("ครูต้นแบบ")
    SUPERVISOR = "supervisor", _("ศึกษานิเทศก์")
    OTHER = "other", _("อื่น ๆ")


class Participant(models.Model):
    """Someone invited to an activity, by school and role, and whether they came."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("สถานศึกษา"),
    )
    name = models.CharField(_("ชื่อ-สกุล"), max_length=150)
    role = models.CharField(_("บทบาท"), max_length=16, choices=ParticipantRole.choices)
    attended = models.BooleanField(_("เข้าร่วม"), default=False)

    class Meta:
        ordering = ["activity", "school__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "school", "name"], name="one_participant_per_activity"
            )
        ]

    def __str__(self) -> str:
        return self.name


def activity_file_path(instance: "ActivityFile", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"networks/{instance.activity_id}/{secrets.token_hex(8)}.{extension}"


class ActivityFile(models.Model):
    """A photo (JPEG/PNG) or a document (PDF/DOCX) of an activity, checked by content."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("ภาพกิจกรรม")
        DOCUMENT = "document", _("เอกสาร")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    file = models.FileField(upload_to=activity_file_path)
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "kind", "pk"]

    def __str__(self) -> str:
        return self.original_name
