import datetime
from typing import TYPE_CHECKING, ClassVar, Self, TypeVar

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from iqa_district import thai

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User

THAI_COLLATION = "th-TH-x-icu"

moe_code_validator = RegexValidator(r"^\d{10}$", _("รหัสสถานศึกษาต้องเป็นตัวเลข 10 หลัก"))
obec_code_validator = RegexValidator(r"^\d{8}$", _("รหัส สพฐ. ต้องเป็นตัวเลข 8 หลัก"))


def thai_order(field_name: str) -> Collate | models.F:
    """An order_by() term that sorts Thai text in Thai dictionary order on PostgreSQL.

    SQLite has no ICU collation; there the plain column order is close enough for the
    embedded demo. Kept out of Meta.ordering so migrations do not depend on the database.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        return Collate(field_name, THAI_COLLATION)
    return models.F(field_name)


_M = TypeVar("_M", bound=models.Model)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        abstract = True


class OfficeStaffQuerySet(models.QuerySet[_M]):
    """The scoping of an office's internal records (synthesis runs, imports, what was
    sent to ONESQA, the office's own assessment): its district staff and a superuser
    read them; schools, committee members and anonymous users never do. A record whose
    office is one join away names it in ``office_lookup``."""

    office_lookup = "area_office"

    def visible_to(self, user: "User | AnonymousUser") -> Self:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if not user.is_district_staff:
            return self.none()
        return self.filter(**{self.office_lookup: user.area_office_id})


class AreaOfficeQuerySet(models.QuerySet["AreaOffice"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pk=user.area_office_id)


class AreaOffice(TimeStampedModel):
    """สำนักงานเขตพื้นที่การศึกษา: the tenant. Nobody sees another office's rows."""

    class Kind(models.TextChoices):
        PRIMARY = "primary", _("สพป. (ประถมศึกษา)")
        SECONDARY = "secondary", _("สพม. (มัธยมศึกษา)")

    code = models.CharField(_("รหัสเขต"), max_length=20, unique=True)
    name = models.CharField(_("ชื่อสำนักงานเขตพื้นที่การศึกษา"), max_length=255)
    short_name = models.CharField(_("ชื่อย่อ"), max_length=100, blank=True)
    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind.choices)
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    address = models.TextField(_("ที่อยู่"), blank=True)
    director_name = models.CharField(_("ผู้อำนวยการสำนักงานเขตพื้นที่"), max_length=255, blank=True)

    objects = AreaOfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("สำนักงานเขตพื้นที่การศึกษา")
        verbose_name_plural = _("สำนักงานเขตพื้นที่การศึกษา")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def is_administered_by(self, user: "User") -> bool:
        """Writes on an office's own data (its school registry, its adopted standards,
        its synthesis): its quality managers (district admins and supervisors, as the
        pages that make these writes allow), or a superuser."""
        return user.is_superuser or (user.can_manage_quality and user.area_office_id == self.pk)


class ClusterQuerySet(models.QuerySet["Cluster"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(area_office=user.area_office_id)


class Cluster(TimeStampedModel):
    """สหวิทยาเขต (secondary) or กลุ่มโรงเรียน/เครือข่าย (primary)."""

    area_office = models.ForeignKey(
        AreaOffice,
        verbose_name=_("สำนักงานเขตพื้นที่"),
        on_delete=models.CASCADE,
        related_name="clusters",
    )
    name = models.CharField(_("ชื่อสหวิทยาเขต/กลุ่มเครือข่าย"), max_length=255)
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ศึกษานิเทศก์ประจำกลุ่ม"),
        blank=True,
        related_name="supervised_clusters",
    )

    objects = ClusterQuerySet.as_manager()

    class Meta:
        verbose_name = _("สหวิทยาเขต/กลุ่มเครือข่าย")
        verbose_name_plural = _("สหวิทยาเขต/กลุ่มเครือข่าย")
        ordering = ["area_office", "name"]
        constraints = [
            models.UniqueConstraint(fields=["area_office", "name"], name="unique_cluster_name"),
        ]

    def __str__(self) -> str:
        return self.name


class SizeBand(models.TextChoices):
    SMALL = "small", _("ขนาดเล็ก")
    MEDIUM = "medium", _("ขนาดกลาง")
    LARGE = "large", _("ขนาดใหญ่")
    EXTRA_LARGE = "xlarge", _("ขนาดใหญ่พิเศษ")


# OBEC size bands by the kind of office (domain.md §9.4): upper bound of each band.
SIZE_BAND_LIMITS: dict[str, list[tuple[int, SizeBand]]] = {
    AreaOffice.Kind.PRIMARY: [
        (120, SizeBand.SMALL),
        (600, SizeBand.MEDIUM),
        (1500, SizeBand.LARGE),
    ],
    AreaOffice.Kind.SECONDARY: [
        (499, SizeBand.SMALL),
        (1499, SizeBand.MEDIUM),
        (2499, SizeBand.LARGE),
    ],
}


def size_band_for(students: int | None, office_kind: str) -> SizeBand | None:
    if students is None:
        return None
    for upper, band in SIZE_BAND_LIMITS[office_kind]:
        if students <= upper:
            return band
    return SizeBand.EXTRA_LARGE


class SchoolQuerySet(models.QuerySet["School"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """District staff and committee members: their office; school staff: their school."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            return self.filter(pk=user.school_id)
        return self.filter(area_office=user.area_office_id)

    def in_area(self, office: "AreaOffice") -> Self:
        return self.filter(area_office=office)

    def active(self) -> Self:
        return self.filter(is_active=True)

    def offering(self, *levels: "School.Level") -> Self:
        """Schools that teach at least one of ``levels``."""
        if not levels:
            return self.none()
        offered = models.Q()
        for level in levels:
            offered |= models.Q(**{School.LEVEL_FIELDS[level]: True})
        return self.filter(offered)

    def thai_ordered(self) -> Self:
        return self.order_by(thai_order("name"), "code")


class School(TimeStampedModel):
    class Level(models.TextChoices):
        ECE = "ece", _("ปฐมวัย")
        PRIMARY = "primary", _("ประถมศึกษา")
        LOWER_SECONDARY = "lower_secondary", _("มัธยมศึกษาตอนต้น")
        UPPER_SECONDARY = "upper_secondary", _("มัธยมศึกษาตอนปลาย")

    # The flag that says a school teaches each level.
    LEVEL_FIELDS: ClassVar[dict[Level, str]] = {
        Level.ECE: "offers_ece",
        Level.PRIMARY: "offers_primary",
        Level.LOWER_SECONDARY: "offers_lower_secondary",
        Level.UPPER_SECONDARY: "offers_upper_secondary",
    }
    # Basic education (การศึกษาขั้นพื้นฐาน): every level after early childhood.
    BASIC_LEVELS: ClassVar[tuple[Level, ...]] = (
        Level.PRIMARY,
        Level.LOWER_SECONDARY,
        Level.UPPER_SECONDARY,
    )

    area_office = models.ForeignKey(
        AreaOffice,
        verbose_name=_("สำนักงานเขตพื้นที่"),
        on_delete=models.PROTECT,
        related_name="schools",
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("สหวิทยาเขต/กลุ่มเครือข่าย"),
        on_delete=models.SET_NULL,
        related_name="schools",
        null=True,
        blank=True,
    )
    code = models.CharField(
        _("รหัสสถานศึกษา (10 หลัก)"), max_length=10, unique=True, validators=[moe_code_validator]
    )
    obec_code = models.CharField(
        _("รหัส สพฐ. (8 หลัก)"), max_length=8, blank=True, validators=[obec_code_validator]
    )
    onesqa_code = models.CharField(_("รหัสสถานศึกษา สมศ."), max_length=20, blank=True)
    name = models.CharField(_("ชื่อสถานศึกษา"), max_length=255)
    subdistrict = models.CharField(_("ตำบล"), max_length=100, blank=True)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    offers_ece = models.BooleanField(_("ปฐมวัย"), default=False)
    offers_primary = models.BooleanField(_("ประถมศึกษา"), default=False)
    offers_lower_secondary = models.BooleanField(_("มัธยมศึกษาตอนต้น"), default=False)
    offers_upper_secondary = models.BooleanField(_("มัธยมศึกษาตอนปลาย"), default=False)
    students = models.PositiveIntegerField(_("จำนวนนักเรียน"), null=True, blank=True)
    students_as_of = models.DateField(_("ข้อมูลนักเรียน ณ วันที่"), null=True, blank=True)
    director_name = models.CharField(_("ผู้อำนวยการสถานศึกษา"), max_length=255, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    website = models.URLField(_("เว็บไซต์"), blank=True)
    is_active = models.BooleanField(_("เปิดดำเนินการ"), default=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("สถานศึกษา")
        verbose_name_plural = _("สถานศึกษา")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["area_office", "is_active"]),
            # The office's lists page through their active schools in code order, or
            # by cluster.
            models.Index(
                fields=["area_office", "is_active", "code"], name="school_office_active_code"
            ),
            models.Index(
                fields=["area_office", "cluster", "code"], name="school_office_cluster_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_managed_by(self, user: "User") -> bool:
        """Writes on a school's own data (its targets, its added standards): its own
        staff, its office's district admins, or a superuser."""
        if user.is_school_staff:
            return user.school_id == self.pk
        return user.is_district_admin and (
            user.is_superuser or user.area_office_id == self.area_office_id
        )

    @property
    def levels(self) -> list["School.Level"]:
        """The levels offered, in school order, as ``School.Level`` members."""
        return [level for level, name in self.LEVEL_FIELDS.items() if getattr(self, name)]

    @property
    def levels_display(self) -> str:
        return ", ".join(str(level.label) for level in self.levels)

    @property
    def offers_basic(self) -> bool:
        return self.offers_primary or self.offers_lower_secondary or self.offers_upper_secondary

    @property
    def size_band(self) -> SizeBand | None:
        return size_band_for(self.students, self.area_office.kind)

    def get_size_band_display(self) -> StrOrPromise:
        band = self.size_band
        return band.label if band else ""


class AcademicYearQuerySet(models.QuerySet["AcademicYear"]):
    def current(self) -> "AcademicYear | None":
        return self.filter(is_current=True).first() or self.order_by("-year").first()


class AcademicYear(models.Model):
    """ปีการศึกษา, named by its Buddhist-Era year (the primary key: 2567)."""

    year = models.PositiveSmallIntegerField(_("ปีการศึกษา (พ.ศ.)"), primary_key=True)
    starts_on = models.DateField(_("วันเปิดปีการศึกษา"))
    ends_on = models.DateField(_("วันสิ้นปีการศึกษา"))
    semester1_starts_on = models.DateField(_("ภาคเรียนที่ 1 เริ่ม"))
    semester1_ends_on = models.DateField(_("ภาคเรียนที่ 1 สิ้นสุด"))
    semester2_starts_on = models.DateField(_("ภาคเรียนที่ 2 เริ่ม"))
    semester2_ends_on = models.DateField(_("ภาคเรียนที่ 2 สิ้นสุด"))
    sar_deadline = models.DateField(_("กำหนดส่ง SAR"), null=True, blank=True)
    is_current = models.BooleanField(_("ปีการศึกษาปัจจุบัน"), default=False)

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("ปีการศึกษา")
        verbose_name_plural = _("ปีการศึกษา")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_academic_year",
            ),
        ]

    def __str__(self) -> str:
        return f"ปีการศึกษา {self.year}"

    @classmethod
    def defaults_for(cls, year: int) -> dict[str, datetime.date]:
        """The regulation's dates for BE ``year``: 16 May–15 May, semesters 16 May–11 Oct
        and 1 Nov–1 Apr; the SAR is due on 31 May after the year ends."""
        start, end = thai.academic_year_bounds(year)
        ce = start.year
        return {
            "starts_on": start,
            "ends_on": end,
            "semester1_starts_on": start,
            "semester1_ends_on": datetime.date(ce, 10, 11),
            "semester2_starts_on": datetime.date(ce, 11, 1),
            "semester2_ends_on": datetime.date(ce + 1, 4, 1),
            "sar_deadline": datetime.date(ce + 1, 5, 31),
        }

    def semester_of(self, date: datetime.date) -> int | None:
        if self.semester1_starts_on <= date <= self.semester1_ends_on:
            return 1
        if self.semester2_starts_on <= date <= self.semester2_ends_on:
            return 2
        return None


class SchoolImport(TimeStampedModel):
    """One confirmed import of a school list: who loaded what, with the counts."""

    area_office = models.ForeignKey(
        AreaOffice,
        verbose_name=_("สำนักงานเขตพื้นที่"),
        on_delete=models.CASCADE,
        related_name="school_imports",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้นำเข้า"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source_name = models.CharField(_("ชื่อไฟล์ต้นทาง"), max_length=255, blank=True)
    created_count = models.PositiveIntegerField(_("เพิ่มใหม่"), default=0)
    updated_count = models.PositiveIntegerField(_("ปรับปรุง"), default=0)
    unchanged_count = models.PositiveIntegerField(_("ไม่เปลี่ยนแปลง"), default=0)
    skipped_error_count = models.PositiveIntegerField(_("แถวผิดพลาดที่ข้าม"), default=0)
    new_clusters = models.PositiveIntegerField(_("สหวิทยาเขตที่เพิ่มใหม่"), default=0)

    objects = OfficeStaffQuerySet["SchoolImport"].as_manager()

    class Meta:
        verbose_name = _("ประวัติการนำเข้ารายชื่อสถานศึกษา")
        verbose_name_plural = _("ประวัติการนำเข้ารายชื่อสถานศึกษา")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.area_office} {self.created_at:%Y-%m-%d %H:%M}"
