from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Self

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import School, TimeStampedModel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


class QualityLevel(models.IntegerChoices):
    """The five quality levels of the 2561 standards (domain.md §3.4); 5 is the best."""

    EXCELLENT = 5, _("ยอดเยี่ยม")
    VERY_GOOD = 4, _("ดีเลิศ")
    GOOD = 3, _("ดี")
    FAIR = 2, _("ปานกลาง")
    DEVELOPING = 1, _("กำลังพัฒนา")


class StandardSetQuerySet(models.QuerySet["StandardSet"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """National sets for everyone; an office's own sets for its users; a school's
        added set only for its office's district staff and that school."""
        if not user.is_authenticated:
            return self.filter(area_office__isnull=True, school__isnull=True)
        if user.is_superuser:
            return self
        national = models.Q(area_office__isnull=True, school__isnull=True)
        office = models.Q(area_office=user.area_office_id, school__isnull=True)
        if user.is_school_staff:
            own_school = models.Q(school=user.school_id)
        else:
            own_school = models.Q(school__area_office=user.area_office_id)
        return self.filter(national | office | own_school)

    def applicable_to(self, school: School, year: int | None = None) -> Self:
        """The sets a school reports against: national sets for the levels it offers,
        plus its own added set. With ``year`` (BE), only the sets valid in that academic
        year, so a future framework replaces the 2561 sets by data alone.

        Area-office sets describe the office's own work and never apply to a school.
        """
        offered = set(school.levels)
        levels = [
            level
            for level, covered in StandardSet.SCHOOL_LEVELS.items()
            if offered.intersection(covered)
        ]
        national = models.Q(level__in=levels, area_office__isnull=True, school__isnull=True)
        qs = self.filter(national | models.Q(school=school), is_active=True)
        if year is not None:
            qs = qs.valid_in(year)
        return qs

    def valid_in(self, year: int) -> Self:
        return self.filter(valid_from_year__lte=year).filter(
            models.Q(valid_to_year__isnull=True) | models.Q(valid_to_year__gte=year)
        )

    def templates(self) -> Self:
        """Area-office sets that belong to no office: the starting point an office adopts."""
        return self.filter(
            level=StandardSet.Level.AREA_OFFICE, area_office__isnull=True, school__isnull=True
        )


class StandardSet(TimeStampedModel):
    """A versioned framework of standards: MOE 2561 basic, MOE 2561 ECE, an office's own
    standards, or a school's added standards. A new framework is a new row, not code."""

    class Level(models.TextChoices):
        ECE = "ece", _("ระดับปฐมวัย")
        BASIC = "basic", _("ระดับการศึกษาขั้นพื้นฐาน")
        AREA_OFFICE = "area_office", _("มาตรฐานสำนักงานเขตพื้นที่การศึกษา")
        SCHOOL = "school", _("มาตรฐานเพิ่มเติมของสถานศึกษา")

    # The school levels each national framework is written for.
    SCHOOL_LEVELS: ClassVar[dict[str, tuple[School.Level, ...]]] = {
        Level.ECE: (School.Level.ECE,),
        Level.BASIC: School.BASIC_LEVELS,
    }

    code = models.CharField(_("รหัสชุดมาตรฐาน"), max_length=50, unique=True)
    name_th = models.CharField(_("ชื่อ (ไทย)"), max_length=255)
    name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=255, blank=True)
    level = models.CharField(_("ระดับ"), max_length=20, choices=Level.choices)
    valid_from_year = models.PositiveSmallIntegerField(_("ใช้ตั้งแต่ปีการศึกษา"))
    valid_to_year = models.PositiveSmallIntegerField(_("ใช้ถึงปีการศึกษา"), null=True, blank=True)
    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="standard_sets",
        verbose_name=_("สำนักงานเขตพื้นที่"),
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="standard_sets",
        verbose_name=_("สถานศึกษา"),
    )
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    objects = StandardSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("ชุดมาตรฐานการศึกษา")
        verbose_name_plural = _("ชุดมาตรฐานการศึกษา")
        ordering = ["level", "-valid_from_year", "code"]

    def __str__(self) -> str:
        return self.name_th

    @property
    def is_national(self) -> bool:
        return self.area_office_id is None and self.school_id is None

    def can_be_edited_by(self, user: "User") -> bool:
        """National sets (and the templates offices adopt) are shared by every office:
        only a superuser edits them. An office's set, or a school's added set, is edited
        by that office's district admins (and a school's by its own staff, through the
        school's pages and ``standards.services``)."""
        if user.is_superuser:
            return True
        if self.is_national:
            return False
        if self.school is not None:
            return self.school.is_managed_by(user)
        return user.is_district_admin and self.area_office_id == user.area_office_id

    @property
    def school_levels(self) -> tuple[School.Level, ...]:
        """The school levels this set is for; none for an office's or a school's own set."""
        return self.SCHOOL_LEVELS.get(self.level, ())


class StandardQuerySet(models.QuerySet["Standard"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return self.filter(standard_set__in=StandardSet.objects.visible_to(user))


class Standard(TimeStampedModel):
    standard_set = models.ForeignKey(
        StandardSet,
        on_delete=models.CASCADE,
        related_name="standards",
        verbose_name=_("ชุดมาตรฐาน"),
    )
    number = models.PositiveSmallIntegerField(_("มาตรฐานที่"))
    title_th = models.CharField(_("ชื่อมาตรฐาน (ไทย)"), max_length=500)
    title_en = models.CharField(_("ชื่อมาตรฐาน (อังกฤษ)"), max_length=500, blank=True)

    objects = StandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("มาตรฐาน")
        verbose_name_plural = _("มาตรฐาน")
        ordering = ["standard_set", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard_set", "number"], name="unique_standard_number"
            ),
        ]

    def __str__(self) -> str:
        return f"มาตรฐานที่ {self.number} {self.title_th}"


class ItemQuerySet(models.QuerySet["Item"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return self.filter(standard__standard_set__in=StandardSet.objects.visible_to(user))

    def assessed(self) -> Self:
        return self.filter(is_assessed=True)

    def applicable_to(self, school: School, year: int | None = None) -> Self:
        """The assessed items of every set that applies to ``school``, in set order."""
        sets = StandardSet.objects.applicable_to(school, year)
        return (
            self.assessed()
            .filter(standard__standard_set__in=sets)
            .select_related("standard__standard_set")
            .order_by(
                "standard__standard_set__level",
                "standard__standard_set__code",
                "standard__number",
                "order",
                "code",
            )
        )


class Item(TimeStampedModel):
    """ประเด็นพิจารณา. Codes are stable across years ("1.1.3", "2.4"). Items with children
    (1.1, 1.2 of the basic set) are headings; the leaves are what a school assesses."""

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="items", verbose_name=_("มาตรฐาน")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("ประเด็นหลัก"),
    )
    code = models.CharField(_("รหัสประเด็น"), max_length=20)
    title_th = models.CharField(_("ประเด็นพิจารณา (ไทย)"), max_length=500)
    title_en = models.CharField(_("ประเด็นพิจารณา (อังกฤษ)"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    is_assessed = models.BooleanField(
        _("ประเมินผลได้"), default=True, help_text=_("ประเด็นย่อยที่สถานศึกษารายงานผล (ไม่ใช่หัวข้อ)")
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("ประเด็นพิจารณา")
        verbose_name_plural = _("ประเด็นพิจารณา")
        ordering = ["standard", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="unique_item_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"


class SchoolTargetQuerySet(models.QuerySet["SchoolTarget"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return self.filter(school__in=School.objects.visible_to(user))


class SchoolTarget(TimeStampedModel):
    """ค่าเป้าหมาย: a school's target for one item in one academic year."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("สถานศึกษา"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="targets",
        verbose_name=_("ปีการศึกษา"),
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="targets", verbose_name=_("ประเด็นพิจารณา")
    )
    target_level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพเป้าหมาย"), choices=QualityLevel.choices
    )
    target_percent = models.DecimalField(
        _("ค่าเป้าหมาย (ร้อยละ)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    criterion = models.TextField(_("เกณฑ์"), blank=True)

    objects = SchoolTargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("ค่าเป้าหมาย")
        verbose_name_plural = _("ค่าเป้าหมาย")
        ordering = ["school", "-academic_year", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "item"], name="unique_target_per_item_year"
            ),
            models.CheckConstraint(
                condition=models.Q(target_percent__isnull=True)
                | models.Q(target_percent__gte=0, target_percent__lte=100),
                name="target_percent_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.academic_year_id} {self.item.code}"

    def is_met_by(self, *, level: int | None = None, percent: Decimal | None = None) -> bool:
        """Met = the level reaches the target level and, where a percent target is set,
        the percent reaches it too (domain.md §3.5)."""
        if level is None:
            return False
        if level < self.target_level:
            return False
        if self.target_percent is not None:
            return percent is not None and percent >= self.target_percent
        return True


class TargetLock(models.Model):
    """A school's targets for one academic year, frozen: its SAR of that year is with the
    district (submitted or accepted). The SAR's services lock and unlock; Standards only
    reads the row, so reference data never has to know the SAR workflow."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="target_locks",
        verbose_name=_("สถานศึกษา"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.CASCADE,
        related_name="target_locks",
        verbose_name=_("ปีการศึกษา"),
    )
    # Made and removed, never edited, so no updated_at. Settable, unlike auto_now_add, so
    # the locks of SARs sent before this model existed carry the day they were sent.
    locked_at = models.DateTimeField(_("ล็อกเมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("การล็อกค่าเป้าหมาย")
        verbose_name_plural = _("การล็อกค่าเป้าหมาย")
        ordering = ["school", "-academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"], name="one_target_lock_per_school_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.academic_year_id}"
