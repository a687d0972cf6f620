"""Accounts for a district that starts: school accounts in one step, invitations by
e-mail with a one-time link, one-time codes for schools without e-mail, deactivation.

The schools themselves are passed in by the caller (the registry's page in ``schools``):
this package never imports an app.
"""

import datetime
import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from iqa_district.audit.services import audit_record

from .models import Invitation, User

# Letters and digits nobody confuses on paper (no 0/O, 1/l/I).
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_manager(*, user: User, actor: User) -> None:
    if not actor.is_district_admin or not user.can_be_managed_by(actor):
        raise PermissionDenied


def one_time_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def invitation_send(*, user: User, actor: User, base_url: str) -> Invitation:
    """Revoke the user's open invitations and e-mail a new one-time link (re-sending is
    the same call). ``base_url`` is the site's scheme and host, from the request."""
    _check_manager(user=user, actor=actor)
    if not user.email:
        raise ValueError("the user has no e-mail address")
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Invitation.objects.filter(user=user, used_at=None, revoked_at=None).update(revoked_at=now)
        invitation = Invitation.objects.create(
            user=user,
            email=user.email,
            token_hash=_hash(token),
            created_by=actor,
            expires_at=now + datetime.timedelta(days=settings.INVITATION_DAYS),
        )
        audit_record(
            actor=actor, action="change", obj=user, detail=f"invitation sent to {user.email}"
        )
        context = {
            "user": user,
            "link": base_url.rstrip("/") + reverse("accounts:invitation_accept", args=[token]),
            "days": settings.INVITATION_DAYS,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation_body.txt", context)
        transaction.on_commit(
            lambda: send_mail(" ".join(subject.split()), body, None, [user.email])
        )
    return invitation


def invitation_revoke(*, user: User, actor: User) -> int:
    """Close every open invitation of ``user``; returns how many were open."""
    _check_manager(user=user, actor=actor)
    with transaction.atomic():
        count = Invitation.objects.filter(user=user, used_at=None, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        audit_record(actor=actor, action="change", obj=user, detail="invitation revoked")
    return count


def invitation_for_token(token: str) -> Invitation | None:
    """The usable invitation of ``token``: not used, not revoked, not expired."""
    invitation = Invitation.objects.select_related("user").filter(token_hash=_hash(token)).first()
    if invitation is None or not invitation.is_usable(timezone.now()):
        return None
    if not invitation.user.is_active:
        return None
    return invitation


def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Set the password chosen through the link and spend the invitation, once: the
    conditional update lets only one of two simultaneous submissions through."""
    now = timezone.now()
    with transaction.atomic():
        spent = Invitation.objects.filter(
            pk=invitation.pk, used_at=None, revoked_at=None, expires_at__gt=now
        ).update(used_at=now)
        if not spent:
            raise PermissionDenied
        user: User = User.objects.select_for_update().get(pk=invitation.user_id)
        user.set_password(password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        audit_record(actor=user, action="change", obj=user, detail="invitation accepted")
    return user


def password_changed_at_first_login(*, user: User) -> None:
    """The forced change is done: the user may use the site."""
    if user.must_change_password:
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        user.must_change_password = False


def user_deactivate(*, user: User, actor: User) -> None:
    """A user who left: no login any more, open invitations closed; his records stay."""
    _check_manager(user=user, actor=actor)
    if user.pk == actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        Invitation.objects.filter(user=user, used_at=None, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        audit_record(actor=actor, action="change", obj=user, detail="deactivated")


def locked_usernames(usernames: Iterable[str]) -> set[str]:
    """Which of ``usernames`` django-axes locks out now (failures within the cool-off),
    in one query."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=list(usernames),
            attempt_time__gte=since,
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        ).values_list("username", flat=True)
    )


def user_unlock(*, user: User, actor: User) -> int:
    """Clear the failed logins of ``user`` (every address), so he may log in again."""
    from axes.models import AccessAttempt

    _check_manager(user=user, actor=actor)
    with transaction.atomic():
        count, _ = AccessAttempt.objects.filter(username=user.username).delete()
        audit_record(actor=actor, action="change", obj=user, detail="login lockout cleared")
    return int(count)


def user_password_reset(*, user: User, actor: User, base_url: str) -> str | None:
    """A district admin resets a user's password: a reset link by e-mail when the user
    has an address (None returned), otherwise a one-time code (returned, shown once)
    that must be changed at the next login. Either way the lockout is cleared."""
    from axes.models import AccessAttempt

    from .password_reset import reset_mail_send

    _check_manager(user=user, actor=actor)
    if not user.is_active or user.pk == actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        AccessAttempt.objects.filter(username=user.username).delete()
        code = None
        if user.email:
            transaction.on_commit(lambda: reset_mail_send(user, base_url=base_url))
            detail = f"password reset link sent to {user.email}"
        else:
            code = one_time_code()
            user.set_password(code)
            user.must_change_password = True
            user.save(update_fields=["password", "must_change_password"])
            detail = "password reset to a one-time code"
        audit_record(actor=actor, action="change", obj=user, detail=detail)
    return code


@dataclass
class SchoolAccounts:
    """What ``school_accounts_create`` did, for the page that shows it once."""

    invited: list[User] = field(default_factory=list)
    # (user, one-time code) of schools without e-mail: printed and handed over.
    with_code: list[tuple[User, str]] = field(default_factory=list)
    skipped: list[Any] = field(default_factory=list)  # schools that already have an account


def _free_username(code: str, taken: set[str]) -> str:
    candidate, n = code, 1
    while candidate in taken:
        n += 1
        candidate = f"{code}-{n}"
    taken.add(candidate)
    return candidate


def school_accounts_create(*, schools: Iterable[Any], actor: User, base_url: str) -> SchoolAccounts:
    """One QA-staff account for each of ``schools`` (rows of the registry) that has no
    active account yet: invited by e-mail when the registry has the school's address,
    otherwise given a one-time code to log in with, changed at the first login."""
    if not actor.is_district_admin:
        raise PermissionDenied
    schools = list(schools)
    if any(not actor.is_superuser and s.area_office_id != actor.area_office_id for s in schools):
        raise PermissionDenied
    result = SchoolAccounts()
    staffed = set(
        User.objects.filter(
            school__in=schools, role=User.Role.SCHOOL_STAFF, is_active=True
        ).values_list("school_id", flat=True)
    )
    taken = set(
        User.objects.filter(username__in=_candidates(schools)).values_list("username", flat=True)
    )
    with transaction.atomic():
        for school in schools:
            if school.pk in staffed:
                result.skipped.append(school)
                continue
            user = User(
                username=_free_username(school.code, taken),
                first_name=school.name[:150],
                role=User.Role.SCHOOL_STAFF,
                area_office_id=school.area_office_id,
                school=school,
                email=school.email,
                position="ผู้รับผิดชอบงานประกันคุณภาพการศึกษา",
            )
            _create_and_invite(user, actor=actor, base_url=base_url, result=result)
        audit_record(
            actor=actor,
            action="create",
            object_type="accounts.User",
            detail=(
                f"school accounts: invited {len(result.invited)}, codes {len(result.with_code)}, "
                f"skipped {len(result.skipped)}"
            ),
            area_office_id=actor.area_office_id,
        )
    return result


def _create_and_invite(user: User, *, actor: User, base_url: str, result: SchoolAccounts) -> None:
    """Save a new account: invited by e-mail when it has an address, otherwise given a
    one-time code (shown once, changed at the first login)."""
    if user.email:
        user.set_unusable_password()
        user.full_clean()
        user.save()
        invitation_send(user=user, actor=actor, base_url=base_url)
        result.invited.append(user)
    else:
        code = one_time_code()
        user.set_password(code)
        user.must_change_password = True
        user.full_clean(exclude=["password"])
        user.save()
        result.with_code.append((user, code))


@dataclass(frozen=True)
class AccountRow:
    """One account of an import file, checked by the caller (``schools.account_import``)."""

    first_name: str
    last_name: str
    position: str
    email: str
    phone: str
    role: str
    school: Any = None  # a registry row of the actor's office, for school staff


USERNAME_PREFIX: dict[str, str] = {
    User.Role.SUPERVISOR: "sup",
    User.Role.EXECUTIVE: "exec",
    User.Role.COMMITTEE: "committee",
    User.Role.DISTRICT_ADMIN: "admin",
}


def _base_username(account: AccountRow) -> str:
    if account.school is not None:
        return str(account.school.code)
    local = (
        re.sub(r"[^a-z0-9._-]", "", account.email.split("@")[0].lower()) if account.email else ""
    )
    return local[:140] or USERNAME_PREFIX.get(account.role, "user")


IMPORT_ROLES = {
    User.Role.SCHOOL_STAFF,
    User.Role.SUPERVISOR,
    User.Role.EXECUTIVE,
    User.Role.COMMITTEE,
}


def accounts_import_create(
    *, accounts: Iterable[AccountRow], actor: User, base_url: str
) -> SchoolAccounts:
    """The accounts of an import file, all in one transaction: each invited by e-mail or
    given a one-time code. The office is the actor's; school staff must belong to one of
    its schools. An e-mail already used by an account is refused (the caller's check
    skips those rows; two imports racing meet the refusal here)."""
    if not actor.is_district_admin or not actor.area_office_id:
        raise PermissionDenied
    accounts = list(accounts)
    for account in accounts:
        if account.role not in IMPORT_ROLES or account.role not in actor.manageable_roles():
            raise PermissionDenied
        if (account.school is None) != (account.role != User.Role.SCHOOL_STAFF):
            raise PermissionDenied
        if account.school is not None and account.school.area_office_id != actor.area_office_id:
            raise PermissionDenied
    result = SchoolAccounts()
    bases = [_base_username(a) for a in accounts]
    taken = set(
        User.objects.filter(
            username__in=[f"{b}-{n}" if n > 1 else b for b in bases for n in range(1, 30)]
        ).values_list("username", flat=True)
    )
    with transaction.atomic():
        for account, base in zip(accounts, bases, strict=True):
            if account.email and User.objects.filter(email__iexact=account.email).exists():
                raise ValueError(f"an account already uses {account.email}")
            user = User(
                username=_free_username(base, taken),
                first_name=account.first_name,
                last_name=account.last_name,
                position=account.position,
                email=account.email,
                phone=account.phone,
                role=account.role,
                area_office_id=actor.area_office_id,
                school=account.school,
            )
            _create_and_invite(user, actor=actor, base_url=base_url, result=result)
        audit_record(
            actor=actor,
            action="create",
            object_type="accounts.User",
            detail=(
                f"account import: invited {len(result.invited)}, codes {len(result.with_code)}"
            ),
            area_office_id=actor.area_office_id,
        )
    return result


def _candidates(schools: list[Any]) -> list[str]:
    names = []
    for school in schools:
        names.append(school.code)
        names.extend(f"{school.code}-{n}" for n in range(2, 6))
    return names
