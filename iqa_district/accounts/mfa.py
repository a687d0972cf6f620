"""Multi-factor login: TOTP apps and one-time recovery codes (django-otp).

District admins, supervisors and executives (and superusers) see every school of an
office, so a stolen password must not be enough for them. With ``settings.MFA_REQUIRED``
such a user is sent to set up an authenticator after the password and can reach nothing
else; anyone who has set one up is asked for a code at every login, required or not.

The writes (set up, verify, new recovery codes, reset by a district admin) are the
functions below; the views only call them.
"""

import io
import logging
import re
import secrets
from base64 import b32encode
from binascii import unhexlify
from collections.abc import Callable
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

log = logging.getLogger("iqa_district.security")

MFA_ROLES = (User.Role.DISTRICT_ADMIN, User.Role.SUPERVISOR, User.Role.EXECUTIVE)
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery"
KEY_BYTES = 20
# Pages an unverified user may still open: the two MFA steps, logging out, the
# language switch and the health check.
OPEN_VIEWS = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:mfa_verify",
        "accounts:mfa_setup",
        "set_language",
        "healthz",
        # The navbar's badge, fetched by htmx on every page, the code page included: it
        # answers an empty badge until the second step is done (``mfa_pending``), instead
        # of a redirect whose page htmx would swap in, badge and all, again and again.
        "notifications:unread_count",
    }
)
TOTP_PATTERN = re.compile(r"^\d{6}$")


def mfa_applies(user: User) -> bool:
    """The roles that MFA_REQUIRED is about."""
    return user.is_superuser or user.role in MFA_ROLES


def mfa_required(user: User) -> bool:
    return bool(settings.MFA_REQUIRED) and mfa_applies(user)


def mfa_enrolled(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def new_totp_key() -> str:
    """A fresh secret in django-otp's form (hex)."""
    return secrets.token_hex(KEY_BYTES)


def key_for_people(key: str) -> str:
    """The secret as an authenticator app asks for it by hand: base32 in groups of four."""
    text = b32encode(unhexlify(key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(user: User, key: str) -> str:
    label = f"{settings.OTP_TOTP_ISSUER}:{user.get_username()}"
    query = urlencode(
        {
            "secret": b32encode(unhexlify(key)).decode().rstrip("="),
            "issuer": settings.OTP_TOTP_ISSUER,
            "algorithm": "SHA1",
            "digits": 6,
            "period": 30,
        }
    )
    return f"otpauth://totp/{label}?{query}".replace(" ", "%20")


def qr_svg(data: str) -> str:
    """The QR code as inline SVG, drawn here: no image service, no script."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    # Drop the XML declaration so the SVG can sit inside HTML, and its fixed size (a
    # few millimetres) so it fills the box the page gives it.
    svg = svg[svg.index("<svg") :]
    return re.sub(r'^<svg width="[^"]*" height="[^"]*"', "<svg", svg)


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


def new_recovery_code() -> str:
    """16 base32 characters (80 bits), the most django-otp's token field holds.

    Its own random_token gives 8 (40 bits); the longer code keeps a stolen copy of the
    table far from guessable offline, and each device throttles online guesses.
    """
    return b32encode(secrets.token_bytes(10)).decode().lower()


def code_for_people(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [new_recovery_code() for _ in range(settings.MFA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def mfa_setup(*, request: HttpRequest, user: User, key: str, code: str) -> list[str] | None:
    """Confirm the authenticator holding ``key`` with one of its codes.

    On success any earlier authenticator and recovery codes are replaced, this session
    counts as verified, and the new recovery codes are returned (to be shown once).
    ``None`` when the code is wrong.
    """
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=6)
    code = normalise_code(code)
    if not TOTP_PATTERN.match(code) or not totp.verify(int(code), tolerance=1):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, key=key, confirmed=True, last_t=totp.t()
        )
        codes = _new_recovery_codes(user)
    otp_login(request, device)
    request.session.cycle_key()
    log.info("mfa set up: user=%s", user.pk)
    return codes


def mfa_verify(*, request: HttpRequest, user: User, code: str) -> bool:
    """Check a code from the authenticator, or a recovery code (which is then used up)."""
    code = normalise_code(code)
    model: type[Device] = TOTPDevice if TOTP_PATTERN.match(code) else StaticDevice
    with transaction.atomic():
        # Locked rows: two requests cannot both spend one recovery code or one TOTP step.
        devices = model.objects.devices_for_user(user, confirmed=True).select_for_update()
        verified = next((device for device in devices if device.verify_token(code)), None)
    if verified is None:
        log.warning("mfa code refused: user=%s", user.pk)
        return False
    otp_login(request, verified)
    request.session.cycle_key()
    if isinstance(verified, StaticDevice):
        log.warning("mfa recovery code used: user=%s", user.pk)
    return True


def recovery_codes_count(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def recovery_codes_renew(*, user: User) -> list[str]:
    with transaction.atomic():
        codes = _new_recovery_codes(user)
    log.info("mfa recovery codes renewed: user=%s", user.pk)
    return codes


def can_reset_mfa(actor: User, user: User) -> bool:
    """A district admin resets the MFA of users of his own office, never of a superuser."""
    if actor.is_superuser:
        return True
    return (
        actor.role == User.Role.DISTRICT_ADMIN
        and actor.area_office_id is not None
        and user.area_office_id == actor.area_office_id
        and not user.is_superuser
    )


def mfa_reset(*, user: User, actor: User) -> None:
    """Remove a user's authenticator and recovery codes (a lost phone); he sets up anew."""
    if not can_reset_mfa(actor, user):
        raise PermissionDenied
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    log.warning("mfa reset: user=%s by=%s", user.pk, actor.pk)


def _verified(user: User) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def mfa_pending(user: object) -> bool:
    """Signed in with the password but still owing the second step (or its set-up)."""
    if not isinstance(user, User) or _verified(user) or not mfa_applies(user):
        return False
    return mfa_enrolled(user) or mfa_required(user)


class MFARequiredMiddleware:
    """After the password: to the code page if enrolled, to set-up if required.

    Runs after django-otp's OTPMiddleware; covers every view, the Django admin included.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, args: object, kwargs: object
    ) -> HttpResponse | None:
        user = request.user
        if not isinstance(user, User) or _verified(user):
            return None
        # Only these roles can be asked: school staff and committee members never are.
        if not mfa_applies(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        if mfa_enrolled(user):
            target = "accounts:mfa_verify"
        elif mfa_required(user):
            target = "accounts:mfa_setup"
        else:
            return None
        next_url = request.get_full_path() if request.method == "GET" else ""
        url = reverse(target)
        return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)
