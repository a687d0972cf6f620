"""The demo shows two-step login: a supervisor with an authenticator, its key on the page."""

import io
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from iqa_district.accounts import demo
from tests.accounts.mfa_tools import totp_code

pytestmark = pytest.mark.django_db


def test_demo_mfa_user_logs_in_with_the_published_key(client, office, settings):
    settings.DEMO_MODE = True
    settings.MFA_REQUIRED = False  # the demo default: others log in with the password only
    demo.seed(office, stdout=io.StringIO())
    demo.seed(office, stdout=io.StringIO())  # idempotent
    assert TOTPDevice.objects.filter(user__username=demo.DEMO_MFA_USERNAME).count() == 1

    page = client.get(reverse("accounts:login")).content.decode()
    shown = page.split('id="demo-mfa-key">', 1)[1].split("<", 1)[0].replace(" ", "")
    key = b32decode(shown).hex()
    assert key == demo.DEMO_MFA_KEY

    client.post(
        reverse("accounts:login"),
        {"username": demo.DEMO_MFA_USERNAME, "password": demo.DEMO_PASSWORD},
    )
    assert client.get(reverse("dashboard")).url.startswith(reverse("accounts:mfa_verify"))
    response = client.post(reverse("accounts:mfa_verify"), {"code": totp_code(key)})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
