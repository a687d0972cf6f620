"""The district's 3-year quality development plan (แผนพัฒนาคุณภาพการจัดการศึกษาระดับเขต
พื้นที่การศึกษา ระยะ ๓ ปี) and its annual action plans (แผนปฏิบัติการประจำปี), process 1
steps 5.2–7 of the seed manual. Years here are fiscal years (ปีงบประมาณ, BE)."""

from decimal import Decimal
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from iqa_district import thai
from iqa_district.accounts.models import User
from schools.models import TimeStampedModel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

PLAN_YEARS = 3


def _office_scope(user: "User", office_path: str, published: models.Q) -> models.Q:
    """District staff: every row of their office; school staff: the published rows of
    their school's office; everyone else nothing."""
    if user.is_superuser:
        return models.Q()
    if user.is_district_staff:
        return models.Q(**{office_path: user.area_office_id})
    if user.is_school_staff and user.school_id is not None:
        return models.Q(**{office_path: user.area_office_id}) & published
    return models.Q(pk__in=[])


class DevelopmentPlanQuerySet(models.QuerySet["DevelopmentPlan"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        if not user.is_authenticated:
            return self.none()
        assert isinstance(user, User)
        return self.filter(_office_scope(user, "area_office", models.Q(is_published=True)))

    def published(self) -> Self:
        return self.filter(is_published=True)


class DevelopmentPlan(TimeStampedModel):
    """One office's plan for three fiscal years, from ``first_fiscal_year``."""

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        related_name="development_plans",
        verbose_name=_("สำนักงานเขตพื้นที่"),
    )
    title = models.CharField(_("ชื่อแผน"), max_length=300)
    first_fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณแรกของแผน (พ.ศ.)"),
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
    )
    vision = models.TextField(_("วิสัยทัศน์"), blank=True)
    goals = models.TextField(_("เป้าประสงค์"), help_text=_("บรรทัดละหนึ่งเป้าประสงค์"))
    is_published = models.BooleanField(_("เผยแพร่แล้ว"), default=False)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DevelopmentPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("แผนพัฒนาคุณภาพการจัดการศึกษา (ระยะ ๓ ปี)")
        verbose_name_plural = _("แผนพัฒนาคุณภาพการจัดการศึกษา (ระยะ ๓ ปี)")
        ordering = ["-first_fiscal_year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_office", "first_fiscal_year"], name="one_plan_per_office_start_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_label})"

    @property
    def fiscal_years(self) -> list[int]:
        return [self.first_fiscal_year + n for n in range(PLAN_YEARS)]

    @property
    def last_fiscal_year(self) -> int:
        return self.first_fiscal_year + PLAN_YEARS - 1

    @property
    def period_label(self) -> str:
        return f"ปีงบประมาณ {self.first_fiscal_year}–{self.last_fiscal_year}"

    @property
    def goal_lines(self) -> list[str]:
        return [line.strip() for line in self.goals.splitlines() if line.strip()]

    def covers(self, fiscal_year: int) -> bool:
        return self.first_fiscal_year <= fiscal_year <= self.last_fiscal_year


class PlanStrategy(TimeStampedModel):
    """ยุทธศาสตร์ with its measures (มาตรการ), linked to the evidence it answers: a SAR
    synthesis run and, within it, one standard (``standard_key`` as the synthesis writes
    it, "<set code>:<number>")."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="strategies")
    number = models.PositiveSmallIntegerField(_("ยุทธศาสตร์ที่"))
    title = models.CharField(_("ยุทธศาสตร์"), max_length=500)
    measures = models.TextField(_("มาตรการ"), help_text=_("บรรทัดละหนึ่งมาตรการ"))
    synthesis_run = models.ForeignKey(
        "sar.SynthesisRun",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_strategies",
        verbose_name=_("หลักฐาน: ผลการสังเคราะห์ SAR"),
    )
    standard_key = models.CharField(_("มาตรฐานที่อ้างอิง"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("ยุทธศาสตร์")
        verbose_name_plural = _("ยุทธศาสตร์")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_strategy_number"),
        ]

    def __str__(self) -> str:
        return f"ยุทธศาสตร์ที่ {self.number} {self.title}"

    @property
    def measure_lines(self) -> list[str]:
        return [line.strip() for line in self.measures.splitlines() if line.strip()]


class PlanIndicator(TimeStampedModel):
    """ตัวชี้วัด of a strategy with a target for each of the plan's three fiscal years.
    Higher is better: an actual at or above the year's target meets it."""

    strategy = models.ForeignKey(PlanStrategy, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("รหัสตัวชี้วัด"), max_length=20)
    title = models.CharField(_("ตัวชี้วัด"), max_length=500)
    unit = models.CharField(_("หน่วยนับ"), max_length=50, default="ร้อยละ")
    baseline = models.DecimalField(
        _("ค่าฐาน"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    target_year1 = models.DecimalField(_("ค่าเป้าหมายปีที่ 1"), max_digits=10, decimal_places=2)
    target_year2 = models.DecimalField(_("ค่าเป้าหมายปีที่ 2"), max_digits=10, decimal_places=2)
    target_year3 = models.DecimalField(_("ค่าเป้าหมายปีที่ 3"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")
        ordering = ["strategy", "code"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "code"], name="unique_indicator_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def targets(self) -> list[Decimal]:
        return [self.target_year1, self.target_year2, self.target_year3]

    def target_for(self, plan: DevelopmentPlan, fiscal_year: int) -> Decimal | None:
        if not plan.covers(fiscal_year):
            return None
        return self.targets[fiscal_year - plan.first_fiscal_year]


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        if not user.is_authenticated:
            return self.none()
        assert isinstance(user, User)
        return self.filter(
            _office_scope(user, "plan__area_office", models.Q(plan__is_published=True))
        )


class ActionPlan(TimeStampedModel):
    """The annual action plan of one fiscal year of a plan; evaluated at the year's end.
    ``is_published`` publishes its evaluation report (the plan itself is published with
    the 3-year plan)."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="action_plans")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    evaluated_at = models.DateTimeField(_("ประเมินผลเมื่อ"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evaluation_summary = models.TextField(_("สรุปผลและแนวทางปรับปรุงในปีต่อไป"), blank=True)
    is_published = models.BooleanField(_("เผยแพร่รายงานผลแล้ว"), default=False)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("แผนปฏิบัติการประจำปี")
        verbose_name_plural = _("แผนปฏิบัติการประจำปี")
        ordering = ["plan", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "fiscal_year"], name="one_action_plan_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"แผนปฏิบัติการประจำปีงบประมาณ {self.fiscal_year}"

    def clean(self) -> None:
        if not self.plan.covers(self.fiscal_year):
            raise ValidationError({"fiscal_year": _("ปีงบประมาณต้องอยู่ในช่วงของแผนพัฒนา (ระยะ 3 ปี)")})

    @property
    def bounds(self):
        return thai.fiscal_year_bounds(self.fiscal_year)

    @property
    def is_evaluated(self) -> bool:
        return self.evaluated_at is not None


class PlanProject(TimeStampedModel):
    """A project (โครงการ) of an action plan: who runs it, when, with what budget, and which
    of the plan's indicators it serves. ``progress`` is the latest entry's percent."""

    action_plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="projects")
    strategy = models.ForeignKey(
        PlanStrategy, on_delete=models.PROTECT, related_name="projects", verbose_name=_("ยุทธศาสตร์")
    )
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.CharField(_("ชื่อโครงการ"), max_length=500)
    owner = models.CharField(_("ผู้รับผิดชอบ"), max_length=255)
    starts_on = models.DateField(_("เริ่ม"))
    ends_on = models.DateField(_("สิ้นสุด"))
    budget = models.DecimalField(
        _("งบประมาณ (บาท)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    indicators = models.ManyToManyField(
        PlanIndicator, related_name="projects", blank=True, verbose_name=_("ตัวชี้วัดที่สนับสนุน")
    )
    progress = models.PositiveSmallIntegerField(
        _("ความก้าวหน้า (ร้อยละ)"), default=0, validators=[MaxValueValidator(100)]
    )
    spent = models.DecimalField(
        _("ใช้งบประมาณแล้ว (บาท)"), max_digits=12, decimal_places=2, default=0
    )

    class Meta:
        verbose_name = _("โครงการ")
        verbose_name_plural = _("โครงการ")
        ordering = ["action_plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["action_plan", "number"], name="unique_project_number"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="project_progress_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        start, end = thai.fiscal_year_bounds(self.action_plan.fiscal_year)
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": _("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม")})
            if self.starts_on < start or self.ends_on > end:
                raise ValidationError(
                    _("ระยะเวลาโครงการต้องอยู่ในปีงบประมาณ %(year)s")
                    % {"year": self.action_plan.fiscal_year}
                )
        if self.strategy_id and self.strategy.plan_id != self.action_plan.plan_id:
            raise ValidationError({"strategy": _("ยุทธศาสตร์ต้องเป็นของแผนพัฒนาเดียวกัน")})

    @property
    def is_done(self) -> bool:
        return self.progress >= 100


class ProjectProgress(models.Model):
    """A progress report entered during the year (ความก้าวหน้า)."""

    project = models.ForeignKey(PlanProject, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("วันที่รายงาน"))
    percent = models.PositiveSmallIntegerField(
        _("ความก้าวหน้า (ร้อยละ)"), validators=[MaxValueValidator(100)]
    )
    spent = models.DecimalField(
        _("ใช้งบประมาณสะสม (บาท)"), max_digits=12, decimal_places=2, default=0
    )
    note = models.TextField(_("ผลการดำเนินงาน"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-reported_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="progress_percent_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.reported_on}: {self.percent}%"


class IndicatorResult(models.Model):
    """The year-end actual of one indicator in one action plan, and what to change."""

    action_plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="results")
    indicator = models.ForeignKey(PlanIndicator, on_delete=models.CASCADE, related_name="results")
    actual = models.DecimalField(_("ผลการดำเนินงาน"), max_digits=10, decimal_places=2)
    to_change = models.TextField(_("สิ่งที่ต้องปรับปรุง"), blank=True)

    class Meta:
        ordering = ["action_plan", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_plan", "indicator"], name="one_result_per_indicator_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.actual}"
