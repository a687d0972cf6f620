"""Committees appointed by an order (คำสั่ง) of the area office, and their members."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from iqa_district import thai
from iqa_district.accounts.models import User
from schools.models import School, TimeStampedModel


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

    class AgencyRepKind(models.TextChoices):
        # Seed 003 ข้อ ๒: the parent agency's representative is one of these two.
        DEPUTY_DIRECTOR = "deputy_director", _("รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา")
        TRAINED_SUPERVISOR = "trained_supervisor", _("ศึกษานิเทศก์ที่ผ่านการอบรม")

    class EducationLevel(models.TextChoices):
        ECE = "ece", _("ปฐมวัย")
        PRIMARY = "primary", _("ประถมศึกษา")
        SECONDARY = "secondary", _("มัธยมศึกษา")

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
    agency_rep_kind = models.CharField(
        _("ผู้แทนหน่วยงานต้นสังกัดในฐานะ"),
        max_length=20,
        choices=AgencyRepKind.choices,
        blank=True,
        help_text=_("เฉพาะผู้แทนหน่วยงานต้นสังกัด"),
    )
    training_name = models.CharField(
        _("หลักสูตรการอบรมที่ผ่าน"),
        max_length=255,
        blank=True,
        help_text=_("เฉพาะศึกษานิเทศก์ที่ผ่านการอบรม"),
    )
    training_date = models.DateField(_("วันที่ผ่านการอบรม"), null=True, blank=True)
    education_level = models.CharField(
        _("ระดับการศึกษาที่มีประสบการณ์ด้านการบริหาร"),
        max_length=10,
        choices=EducationLevel.choices,
        blank=True,
        help_text=_("เฉพาะผู้มีประสบการณ์ด้านการบริหาร: ต้องเป็นระดับเดียวกับสถานศึกษาที่ประเมิน"),
    )

    class Meta:
        verbose_name = _("กรรมการ")
        verbose_name_plural = _("กรรมการ")
        ordering = ["committee", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    def clean(self) -> None:
        errors = member_errors(self)
        if errors:
            raise ValidationError(errors)


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
        _("คณะกรรมการตรวจเยี่ยมพื้นที่เชิงประเมินต้องมี %(role)s อย่างน้อย 1 คน")
        % {"role": CommitteeMember.Role(role).label}
        for role in REQUIRED_DISTRICT_ROLES
        if role not in present
    ]


class MemberLike(Protocol):
    role: str
    agency_rep_kind: str
    training_name: str
    training_date: datetime.date | None
    education_level: str


def member_errors(member: MemberLike) -> dict[str, list[str]]:
    """Seed 003 on one member, as Thai messages by field; empty when the member is right.

    The parent agency's representative says whether they are a deputy director of the
    area office or a supervisor who passed the training, and the training is recorded;
    the experienced administrator says the level of education they administer."""
    Role = CommitteeMember.Role
    errors: dict[str, list[Any]] = {}
    if member.role == Role.AGENCY_REP:
        if not member.agency_rep_kind:
            errors["agency_rep_kind"] = [
                _(
                    "โปรดระบุว่าผู้แทนหน่วยงานต้นสังกัดเป็นรองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา "
                    "หรือศึกษานิเทศก์ที่ผ่านการอบรม"
                )
            ]
        elif member.agency_rep_kind == CommitteeMember.AgencyRepKind.TRAINED_SUPERVISOR:
            if not (member.training_name or "").strip():
                errors["training_name"] = [_("โปรดระบุชื่อหลักสูตรการอบรมที่ศึกษานิเทศก์ผ่าน")]
            if member.training_date is None:
                errors["training_date"] = [_("โปรดระบุวันที่ศึกษานิเทศก์ผ่านการอบรม")]
    if member.role == Role.PEER_ADMINISTRATOR and not member.education_level:
        errors["education_level"] = [
            _("โปรดระบุระดับการศึกษาที่ผู้มีประสบการณ์ด้านการบริหารเคยบริหาร (ปฐมวัย ประถมศึกษา หรือมัธยมศึกษา)")
        ]
    return errors


def school_education_levels(school: School) -> set[str]:
    """The committee's levels (ECE / primary / secondary) a school teaches."""
    Level = CommitteeMember.EducationLevel
    levels = set()
    if school.offers_ece:
        levels.add(Level.ECE.value)
    if school.offers_primary:
        levels.add(Level.PRIMARY.value)
    if school.offers_lower_secondary or school.offers_upper_secondary:
        levels.add(Level.SECONDARY.value)
    return levels


def peer_level_errors(
    kind: str, members: Iterable[MemberLike], schools: Sequence[School]
) -> list[str]:
    """Seed 003: each school a district committee evaluates has an experienced
    administrator from a level of education the school teaches. Thai messages, one per
    school without one; empty when every school has one (or the committee is not a
    district committee, or names no administrator yet: the role rule reports that)."""
    if kind != Committee.Kind.DISTRICT_VISIT:
        return []
    levels = {
        m.education_level
        for m in members
        if m.role == CommitteeMember.Role.PEER_ADMINISTRATOR and m.education_level
    }
    if not levels:
        return []
    names = ", ".join(str(CommitteeMember.EducationLevel(lv).label) for lv in sorted(levels))
    return [
        _(
            "ผู้มีประสบการณ์ด้านการบริหารต้องมาจากระดับการศึกษาเดียวกับสถานศึกษา: "
            "%(school)s เปิดสอน %(offered)s แต่กรรมการมีประสบการณ์ระดับ %(levels)s"
        )
        % {"school": school.name, "offered": school.levels_display or "-", "levels": names}
        for school in schools
        if school_education_levels(school) and not school_education_levels(school) & levels
    ]


def committee_errors(committee: Committee) -> list[str]:
    """Everything seed 003 asks of a saved committee: its roles, each member's details
    and the administrator's level against the schools. Thai messages; empty when right."""
    members = list(committee.members.all())
    errors = list(composition_errors(committee.kind, [m.role for m in members]))
    for member in members:
        for messages in member_errors(member).values():
            errors.extend(f"{member.name}: {message}" for message in messages)
    errors.extend(peer_level_errors(committee.kind, members, list(committee.schools.all())))
    return errors
