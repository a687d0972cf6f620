import datetime
from typing import TYPE_CHECKING, ClassVar, Self

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class UserQuerySet(models.QuerySet["User"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """The people of one's own office (what an admin may pick as a committee member,
        a visit's supervisor, a cluster's supervisor); superusers see everyone."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(area_office=user.area_office_id)

    def manageable_by(self, actor: "User") -> Self:
        """The accounts ``actor`` may edit in the admin: see ``User.can_be_managed_by``."""
        if actor.is_superuser:
            return self
        return self.filter(
            area_office=actor.area_office_id,
            is_superuser=False,
            role__in=actor.manageable_roles(),
        )


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    """Django's user manager (create_user, natural keys) with our QuerySet methods."""


class User(AbstractUser):
    """A person who logs in. Every user belongs to one area office and has one role.

    The role decides what a user may use; the area office (and, for school staff, the
    school) decides which rows they may see. ``visible_to(user)`` methods on the
    scoped models encode both; views never filter by role themselves.
    """

    class Role(models.TextChoices):
        DISTRICT_ADMIN = "district_admin", _("ผู้ดูแลระบบของเขต")
        SUPERVISOR = "supervisor", _("ศึกษานิเทศก์")
        EXECUTIVE = "executive", _("ผู้บริหารเขตพื้นที่")
        SCHOOL_STAFF = "school_staff", _("ผู้รับผิดชอบงานประกันฯ ของสถานศึกษา")
        COMMITTEE = "committee", _("กรรมการประเมิน")

    role = models.CharField(
        _("บทบาท"), max_length=20, choices=Role.choices, default=Role.SUPERVISOR
    )
    area_office = models.ForeignKey(
        "schools.AreaOffice",
        verbose_name=_("สำนักงานเขตพื้นที่การศึกษา"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    school = models.ForeignKey(
        "schools.School",
        verbose_name=_("สถานศึกษา"),
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        help_text=_("เฉพาะผู้ใช้ของสถานศึกษา"),
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    must_change_password = models.BooleanField(
        _("ต้องเปลี่ยนรหัสผ่านเมื่อเข้าสู่ระบบ"),
        default=False,
        help_text=_("ผู้ใช้ที่ได้รับรหัสครั้งเดียวต้องตั้งรหัสผ่านใหม่ก่อนใช้งาน"),
    )

    objects: ClassVar[ScopedUserManager] = ScopedUserManager()

    class Meta:
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="school_staff") | models.Q(school__isnull=False),
                name="school_staff_has_school",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        super().clean()
        if not self.is_superuser and not self.area_office_id:
            raise ValidationError({"area_office": _("ผู้ใช้ทุกคนต้องสังกัดสำนักงานเขตพื้นที่การศึกษา")})
        if self.role == self.Role.SCHOOL_STAFF and not self.school_id:
            raise ValidationError({"school": _("ผู้ใช้ของสถานศึกษาต้องระบุสถานศึกษา")})
        if self.role != self.Role.SCHOOL_STAFF and self.school_id:
            raise ValidationError({"school": _("ระบุสถานศึกษาได้เฉพาะผู้ใช้ของสถานศึกษา")})
        if (
            self.school is not None
            and self.area_office_id
            and self.school.area_office_id != self.area_office_id
        ):
            raise ValidationError({"school": _("สถานศึกษาต้องอยู่ในสำนักงานเขตพื้นที่ของผู้ใช้")})

    @property
    def display_name(self) -> str:
        full = self.get_full_name()
        return full or self.username

    # The admin list's column header (else Django makes "Display name" of the name).
    display_name.fget.short_description = _("ชื่อ-นามสกุล")  # type: ignore[attr-defined]

    # Role predicates. Superusers act as district admins of every office.
    @property
    def is_district_admin(self) -> bool:
        return self.is_superuser or self.role == self.Role.DISTRICT_ADMIN

    @property
    def is_supervisor(self) -> bool:
        return self.role == self.Role.SUPERVISOR

    @property
    def is_executive(self) -> bool:
        return self.role == self.Role.EXECUTIVE

    @property
    def is_school_staff(self) -> bool:
        return self.role == self.Role.SCHOOL_STAFF and not self.is_superuser

    @property
    def is_committee_member(self) -> bool:
        return self.role == self.Role.COMMITTEE and not self.is_superuser

    @property
    def is_district_staff(self) -> bool:
        """Admins, supervisors and executives: they see every school of their office."""
        return self.is_district_admin or self.role in {self.Role.SUPERVISOR, self.Role.EXECUTIVE}

    @property
    def can_manage_quality(self) -> bool:
        """Admins and supervisors run the QA work (review, visits, synthesis)."""
        return self.is_district_admin or self.role == self.Role.SUPERVISOR

    def manageable_roles(self) -> list[str]:
        """The roles of the accounts this user may edit: his own rank and below.

        A district admin manages every role of his office; a staff user of a lower role
        who was given ``change_user`` manages only the roles below a district admin.
        """
        rank = ROLE_RANK[self.role]
        return [role for role, role_rank in ROLE_RANK.items() if role_rank <= rank]

    def can_be_managed_by(self, actor: "User") -> bool:
        """May ``actor`` change this account (its fields, its password) in the admin?

        Superusers manage everyone; nobody else edits a superuser, an account of another
        office, or an account of a role above his own.
        """
        if actor.is_superuser:
            return True
        return (
            not self.is_superuser
            and self.area_office_id is not None
            and self.area_office_id == actor.area_office_id
            and self.role in actor.manageable_roles()
        )

    def has_role(self, *roles: str) -> bool:
        if self.is_superuser:
            return True
        return self.role in roles


# Who may manage whom (``User.can_be_managed_by``): a higher rank manages the lower ones.
ROLE_RANK: dict[str, int] = {
    User.Role.DISTRICT_ADMIN: 2,
    User.Role.SUPERVISOR: 1,
    User.Role.EXECUTIVE: 1,
    User.Role.SCHOOL_STAFF: 0,
    User.Role.COMMITTEE: 0,
}


class Invitation(models.Model):
    """A one-time link that lets a new user set a password: it expires, works once and
    can be revoked. Only the SHA-256 of the token is kept; the token is in the e-mail."""

    user = models.ForeignKey(
        User, verbose_name=_("ผู้ใช้"), on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField(_("อีเมล"))
    created_by = models.ForeignKey(
        User,
        verbose_name=_("ผู้เชิญ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ส่งเมื่อ"), auto_now_add=True)
    expires_at = models.DateTimeField(_("หมดอายุเมื่อ"))
    used_at = models.DateTimeField(_("ใช้เมื่อ"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("คำเชิญเข้าใช้ระบบ")
        verbose_name_plural = _("คำเชิญเข้าใช้ระบบ")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.email})"

    def is_usable(self, now: "datetime.datetime") -> bool:
        return self.used_at is None and self.revoked_at is None and now < self.expires_at
