"""A school's own semester self-evaluations and the level it gave each standard."""

from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iqa_district import thai
from iqa_district.accounts.models import User
from schools.models import School, TimeStampedModel
from standards.models import QualityLevel

from .choices import Semester


class SelfEvaluationQuerySet(models.QuerySet["SelfEvaluation"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        if not user.is_authenticated or user.is_committee_member:
            return self.none()
        return self.filter(school__in=School.objects.visible_to(user))


class SelfEvaluation(TimeStampedModel):
    """A school's own semester evaluation (at least once a semester, domain.md §8.2)."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="self_evaluations",
        verbose_name=_("สถานศึกษา"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="self_evaluations",
        verbose_name=_("ปีการศึกษา"),
    )
    semester = models.PositiveSmallIntegerField(_("ภาคเรียน"), choices=Semester.choices)
    date = models.DateField(_("วันที่ประเมิน"))
    committee_order = models.CharField(
        _("คำสั่งแต่งตั้งคณะกรรมการประเมินภายใน"),
        max_length=255,
        blank=True,
        help_text=_("เลขที่/วันที่คำสั่งของสถานศึกษา เช่น คำสั่งโรงเรียนที่ 12/2569"),
    )
    notes = models.TextField(_("สรุปผลและข้อสังเกต"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )

    objects = SelfEvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("การประเมินคุณภาพภายในของสถานศึกษา")
        verbose_name_plural = _("การประเมินคุณภาพภายในของสถานศึกษา")
        ordering = ["-date", "school"]
        indexes = [
            models.Index(fields=["academic_year", "semester"]),
            models.Index(
                fields=["school", "academic_year", "semester"], name="selfeval_school_year_sem"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.academic_year_id}/{self.semester}"

    def clean(self) -> None:
        if self.date and self.date > timezone.localdate():
            raise ValidationError(
                {
                    "date": _("วันที่ประเมินต้องไม่เป็นวันในอนาคต (วันนี้ %(today)s)")
                    % {"today": thai.format_date_page(timezone.localdate())}
                }
            )


class SelfEvaluationLevel(models.Model):
    self_evaluation = models.ForeignKey(
        SelfEvaluation, on_delete=models.CASCADE, related_name="levels"
    )
    standard = models.ForeignKey(
        "standards.Standard", on_delete=models.PROTECT, related_name="+", verbose_name=_("มาตรฐาน")
    )
    level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพ"), choices=QualityLevel.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("ระดับคุณภาพรายมาตรฐาน")
        verbose_name_plural = _("ระดับคุณภาพรายมาตรฐาน")
        ordering = ["self_evaluation", "standard"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_evaluation", "standard"], name="unique_self_eval_standard"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.self_evaluation} {self.standard_id}: {self.level}"


class SelfEvaluationCommitteeMember(models.Model):
    """One member of the school's own internal evaluation committee (seed A ๓.๑)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("ประธานกรรมการ")
        MEMBER = "member", _("กรรมการ")
        SECRETARY = "secretary", _("กรรมการและเลขานุการ")

    self_evaluation = models.ForeignKey(
        SelfEvaluation,
        on_delete=models.CASCADE,
        related_name="committee_members",
        verbose_name=_("การประเมินคุณภาพภายใน"),
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    name = models.CharField(_("ชื่อ-สกุล"), max_length=255)
    position = models.CharField(_("ตำแหน่ง"), max_length=255, blank=True)
    role = models.CharField(
        _("บทบาทในคณะกรรมการ"), max_length=10, choices=Role.choices, default=Role.MEMBER
    )

    class Meta:
        verbose_name = _("กรรมการประเมินภายในของสถานศึกษา")
        verbose_name_plural = _("กรรมการประเมินภายในของสถานศึกษา")
        ordering = ["self_evaluation", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"
