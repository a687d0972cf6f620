"""Form ๒ (แบบนิเทศ/ประเมินกิจกรรม): the evaluation of one activity, a rating per
objective; the participants' short satisfaction answers given through a public link;
and form ๓, the cluster supervisor's report of the year."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from schools.models import TimeStampedModel

from .activities import Activity, ParticipantRole
from .scope import by_cluster

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


class ActivityEvaluation(TimeStampedModel):
    """Form ๒ of one activity, signed by the supervisor and the one supervised."""

    class Scale(models.TextChoices):
        FIVE = "five", _("ระดับคุณภาพ 5 ระดับ")
        MET = "met", _("บรรลุ/ไม่บรรลุ")

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="evaluation")
    scale = models.CharField(_("รูปแบบการประเมิน"), max_length=4, choices=Scale.choices)
    strengths = models.TextField(_("จุดเด่น"), blank=True)
    improvements = models.TextField(_("จุดที่ควรพัฒนา"), blank=True)
    recommendations = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    evaluator_name = models.CharField(_("ผู้นิเทศ/ผู้ประเมิน"), max_length=150)
    evaluator_position = models.CharField(_("ตำแหน่งผู้นิเทศ"), max_length=150, blank=True)
    receiver_name = models.CharField(_("ผู้รับการนิเทศ"), max_length=150, blank=True)
    receiver_position = models.CharField(_("ตำแหน่งผู้รับการนิเทศ"), max_length=150, blank=True)
    signed_on = models.DateField(_("วันที่ลงนาม"))
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("แบบนิเทศ/ประเมินกิจกรรม (แบบ ๒)")
        verbose_name_plural = _("แบบนิเทศ/ประเมินกิจกรรม (แบบ ๒)")

    def __str__(self) -> str:
        return f"แบบ ๒ {self.activity}"


class ObjectiveRating(models.Model):
    """One objective of the activity as evaluated: a level 1–5, or met / not met."""

    evaluation = models.ForeignKey(
        ActivityEvaluation, on_delete=models.CASCADE, related_name="ratings"
    )
    number = models.PositiveSmallIntegerField()
    objective = models.TextField()
    level = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    met = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["evaluation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "number"], name="one_rating_per_objective"
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=5),
                name="objective_level_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.objective}"

    @property
    def achieved(self) -> bool:
        """Met, or rated ๓ (ดี) or above."""
        return bool(self.met) if self.level is None else self.level >= 3


# The satisfaction form's questions, fixed: five points each (๕ = มากที่สุด).
SATISFACTION_QUESTIONS = [
    _("เนื้อหาของกิจกรรมตรงกับความต้องการ"),
    _("วิทยากร/ผู้นิเทศถ่ายทอดได้ชัดเจน"),
    _("ระยะเวลาและสถานที่เหมาะสม"),
    _("นำความรู้ไปใช้พัฒนางานได้"),
    _("ความพึงพอใจต่อกิจกรรมโดยรวม"),
]


class SatisfactionResponse(models.Model):
    """One participant's answer through the activity's public link (no account)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="satisfaction_responses"
    )
    role = models.CharField(_("บทบาท"), max_length=16, choices=ParticipantRole.choices)
    # One integer 1–5 per question of SATISFACTION_QUESTIONS, in order.
    ratings = models.JSONField(default=list)
    comment = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    respondent_key = models.CharField(max_length=40)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "respondent_key"], name="one_satisfaction_per_respondent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity} #{self.pk}"


class ClusterReportQuerySet(models.QuerySet["ClusterReport"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return by_cluster(self, user, "cluster")

    def published(self) -> Self:
        return self.filter(is_public=True)


class ClusterReport(TimeStampedModel):
    """Form ๓ (แบบรายงานผลของศึกษานิเทศก์ประจำสหวิทยาเขต): the needs and activities are
    computed from forms ๑–๒ when shown; the supervisor writes the rest."""

    cluster = models.ForeignKey(
        "schools.Cluster", on_delete=models.PROTECT, related_name="network_reports"
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("ระยะเวลาตั้งแต่"))
    period_end = models.DateField(_("ถึง"))
    outcomes_teachers = models.TextField(_("ผลที่เกิดกับครู"), blank=True)
    outcomes_schools = models.TextField(_("ผลที่เกิดกับสถานศึกษา"), blank=True)
    problems = models.TextField(_("ปัญหาและอุปสรรค"), blank=True)
    next_directions = models.TextField(_("แนวทางการพัฒนาต่อไป"), blank=True)
    is_public = models.BooleanField(_("เผยแพร่ต่อสาธารณะ"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ClusterReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("รายงานผลของศึกษานิเทศก์ประจำสหวิทยาเขต (แบบ ๓)")
        verbose_name_plural = _("รายงานผลของศึกษานิเทศก์ประจำสหวิทยาเขต (แบบ ๓)")
        ordering = ["-academic_year", "cluster"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "academic_year"], name="one_cluster_report_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="cluster_report_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"แบบ ๓ {self.cluster} ปีการศึกษา {self.academic_year_id}"
