"""Form ๑ of process 5: the cluster's needs survey (แบบสำรวจความต้องการ) and the answer
of each school. Registered in ``supervision.models`` so migrations stay in supervision."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sar.models import HelpNeed
from schools.models import TimeStampedModel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User

NeedArea = HelpNeed.Category


class Support(models.TextChoices):
    """The kinds of support a school may prefer (form ๑)."""

    CORE_TEACHERS = "core_teachers", _("เครือข่ายครูแกนนำ/ครูต้นแบบ")
    TRAINING = "training", _("การอบรม")
    COACHING = "coaching", _("การนิเทศแบบพี่เลี้ยง (coaching)")
    SHARING = "sharing", _("การแลกเปลี่ยนเรียนรู้")


class NeedsSurveyQuerySet(models.QuerySet["NeedsSurvey"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """District staff: their office's clusters; school staff: their school's cluster."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            if user.school_id is None:
                return self.none()
            return self.filter(cluster__schools=user.school_id)
        if user.is_district_staff:
            return self.filter(cluster__area_office=user.area_office_id)
        return self.none()


class NeedsSurvey(TimeStampedModel):
    """One cluster's needs survey for one academic year, opened by its supervisor."""

    class Status(models.TextChoices):
        OPEN = "open", _("เปิดรับคำตอบ")
        CLOSED = "closed", _("ปิดรับคำตอบแล้ว")

    cluster = models.ForeignKey(
        "schools.Cluster",
        on_delete=models.PROTECT,
        related_name="needs_surveys",
        verbose_name=_("สหวิทยาเขต/กลุ่มเครือข่าย"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="needs_surveys",
        verbose_name=_("ปีการศึกษา"),
    )
    closes_on = models.DateField(_("ปิดรับคำตอบวันที่"), null=True, blank=True)
    status = models.CharField(_("สถานะ"), max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = NeedsSurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("แบบสำรวจความต้องการ (แบบ ๑)")
        verbose_name_plural = _("แบบสำรวจความต้องการ (แบบ ๑)")
        ordering = ["-academic_year", "cluster"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "academic_year"], name="one_needs_survey_per_cluster_year"
            ),
        ]

    def __str__(self) -> str:
        return f"แบบสำรวจความต้องการ {self.cluster} ปีการศึกษา {self.academic_year_id}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class NeedsResponse(TimeStampedModel):
    """A school's answer to its cluster's survey: its need areas (in ``needs``), the
    support it prefers and its comments."""

    survey = models.ForeignKey(NeedsSurvey, on_delete=models.CASCADE, related_name="responses")
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        related_name="needs_responses",
        verbose_name=_("สถานศึกษา"),
    )
    # Values of ``Support``; the form validates them.
    supports = models.JSONField(_("รูปแบบการสนับสนุนที่ต้องการ"), default=list, blank=True)
    comments = models.TextField(_("ข้อเสนอแนะเพิ่มเติม"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("คำตอบแบบสำรวจความต้องการ")
        verbose_name_plural = _("คำตอบแบบสำรวจความต้องการ")
        ordering = ["survey", "school"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "school"], name="one_needs_response_per_school"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} ({self.survey})"


class NeedsResponseItem(models.Model):
    """One need area of a school's answer with its priority (๕ = most needed)."""

    response = models.ForeignKey(NeedsResponse, on_delete=models.CASCADE, related_name="needs")
    area = models.CharField(_("ด้าน"), max_length=20, choices=NeedArea.choices)
    priority = models.PositiveSmallIntegerField(
        _("ระดับความต้องการ"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["response", "-priority", "area"]
        constraints = [
            models.UniqueConstraint(fields=["response", "area"], name="one_priority_per_area"),
            models.CheckConstraint(
                condition=models.Q(priority__gte=1, priority__lte=5),
                name="needs_priority_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.priority}"
