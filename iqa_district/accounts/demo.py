"""A demo supervisor who has set up two-step login, so `make run` can show it.

Its TOTP secret is published on the login page in demo mode (and nowhere else): a
visitor adds it to an authenticator app and sees the second step. Idempotent.
"""

from typing import Any

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import mfa
from .models import User

DEMO_MFA_USERNAME = "supervisor_mfa"
DEMO_PASSWORD = "demo12345"  # noqa: S105 - published demo credentials
# base32 IQADISTRICTDEMOTOTPKEYFORTHAISUP, published on the demo login page.
DEMO_MFA_KEY = "4400344a7140a63231d374dea260ae8cce044a8f"
DEMO_RECOVERY_CODES = ("demo2345", "demo3456", "demo4567")


def seed(office: Any, *, stdout: Any) -> None:
    # ``office`` is a schools.AreaOffice; the project package does not import the apps.
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=DEMO_MFA_USERNAME,
            defaults={
                "role": User.Role.SUPERVISOR,
                "area_office": office,
                "first_name": "นางสาวพิมพ์ชนก",
                "last_name": "ใจมั่น",
                "position": "ศึกษานิเทศก์ชำนาญการ",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        TOTPDevice.objects.get_or_create(
            user=user, name=mfa.DEVICE_NAME, defaults={"key": DEMO_MFA_KEY, "confirmed": True}
        )
        recovery, made = StaticDevice.objects.get_or_create(
            user=user, name=mfa.RECOVERY_NAME, defaults={"confirmed": True}
        )
        if made:
            StaticToken.objects.bulk_create(
                StaticToken(device=recovery, token=code) for code in DEMO_RECOVERY_CODES
            )
    stdout.write(f"demo user with two-step login: {DEMO_MFA_USERNAME}")
