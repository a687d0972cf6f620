"""Committees appointed by an order (คำสั่ง) of the area office, and their members."""

from collections.abc import Iterable
from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from iqa_district import thai
from iqa_district.accounts.models import User
from schools.models import TimeStampedModel


class CommitteeQuerySet(models.QuerySet["Committee"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_committee_member:
            return self.filter(members__user=user).distinct()
        if user.is_school_staff:
            return self.filter(schools=user.school_id).distinct()
        return self.filter(area_office=user.area_office_id)


class Committee(TimeStampedModel):
    """A committee appointed by an order (คำสั่ง) of the area office."""

    class Kind(models.TextChoices):
        DISTRICT_VISIT = "district_visit", _("คณะกรรมการตรวจเยี่ยมพื้นที่เชิงประเมิน ระดับเขตพื้นที่")
        SCHOOL_INTERNAL = "school_internal", _("คณะกรรมการประเมินคุณภาพภายในของสถานศึกษา")
        ONESQA_ORAL = "onesqa_oral", _("คณะกรรมการร่วมรับฟังรายงานด้วยวาจาจาก สมศ.")
        RESEARCH = "research", _("คณะกรรมการวิจัยและพัฒนาการประกันคุณภาพ")
        CLUSTER = "cluster", _("คณะกรรมการนิเทศ ติดตาม สหวิทยาเขต/กลุ่มเครือข่าย")

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        related_name="committees",
        verbose_name=_("สำนักงานเขตพื้นที่"),
    )
    kind = models.CharField(_("ประเภทคณะกรรมการ"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("ชื่อคณะกรรมการ"), max_length=255)
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="committees",
        verbose_name=_("ปีการศึกษา"),
    )
    order_number = models.CharField(
        _("คำสั่งที่"),
        max_length=20,
        blank=True,
        help_text=_("เลขที่/ปี พ.ศ. เช่น 511/2565"),
    )
    order_date = models.DateField(_("สั่ง ณ วันที่"), null=True, blank=True)
    order_preamble = models.TextField(
        _("เหตุผลในการออกคำสั่ง"),
        blank=True,
        help_text=_("ย่อหน้าแรกของคำสั่ง; เว้นว่างเพื่อใช้ข้อความมาตรฐาน"),
    )
    duties = models.TextField(_("อำนาจหน้าที่"), blank=True)
    schools = models.ManyToManyField(
        "schools.School",
        blank=True,
        related_name="committees",
        verbose_name=_("สถานศึกษาที่รับผิดชอบ"),
    )
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("คณะกรรมการ")
        verbose_name_plural = _("คณะกรรมการ")
        ordering = ["-academic_year", "kind", "name"]
        indexes = [models.Index(fields=["area_office", "academic_year"])]

    def __str__(self) -> str:
        return self.name

    @property
    def order_number_thai(self) -> str:
        return thai.thai_digits(self.order_number)


class CommitteeMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("ประธานกรรมการ")
        ONESQA_EXPERT = "onesqa_expert", _("ผู้ทรงคุณวุฒิจาก สมศ.")
        AGENCY_REP = "agency_rep", _("ผู้แทนหน่วยงานต้นสังกัด")
        PEER_ADMINISTRATOR = "peer_admin", _("ผู้มีประสบการณ์ด้านการบริหารในระดับเดียวกัน")
        SECRETARY = "secretary", _("กรรมการและเลขานุการ")
        MEMBER = "member", _("กรรมการ")

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="members", verbose_name=_("คณะกรรมการ")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    name = models.CharField(_("ชื่อ-สกุล"), max_length=255)
    position = models.CharField(_("ตำแหน่ง"), max_length=255, blank=True)
    organisation = models.CharField(_("หน่วยงาน"), max_length=255, blank=True)
    role = models.CharField(_("บทบาทในคณะกรรมการ"), max_length=20, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_seats",
        verbose_name=_("บัญชีผู้ใช้"),
        help_text=_("ผูกบัญชีผู้ใช้เพื่อให้กรรมการกรอกแบบนิเทศได้"),
    )

    class Meta:
        verbose_name = _("กรรมการ")
        verbose_name_plural = _("กรรมการ")
        ordering = ["committee", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


# Seed 003 / domain.md §8.1: a district evaluation committee has these three roles.
REQUIRED_DISTRICT_ROLES = (
    CommitteeMember.Role.ONESQA_EXPERT,
    CommitteeMember.Role.AGENCY_REP,
    CommitteeMember.Role.PEER_ADMINISTRATOR,
)


def composition_errors(kind: str, roles: Iterable[str]) -> list[str]:
    """Thai messages for the roles a committee of ``kind`` lacks; empty when complete."""
    if kind != Committee.Kind.DISTRICT_VISIT:
        return []
    present = set(roles)
    return [
        _("คณะกรรมการตรวจเยี่ยมพื้นที่เชิงประเมินต้องมี %(role)s อย่างน้อย ๑ คน")
        % {"role": CommitteeMember.Role(role).label}
        for role in REQUIRED_DISTRICT_ROLES
        if role not in present
    ]
