"""Item 7: TOTP with recovery codes for district admins, supervisors and executives."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from iqa_district.accounts.models import User
from tests.accounts.mfa_tools import key_from_page, totp_code, wrong_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "demo12345"  # the factories' password


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED = True
    # No wait between tries, so a test can follow a wrong code with a right one.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def enrol(user, codes=("aaaabbbb", "ccccdddd")):
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    recovery = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=recovery, token=code)
    return device


def password_login(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def verify(client, code):
    return client.post(reverse("accounts:mfa_verify"), {"code": code})


# Pages across the apps and the Django admin that a half-logged-in user must not reach.
GUARDED = [
    "/",
    "/schools/",
    "/sar/review/",
    "/supervision/",
    "/accounts/profile/",
    "/accounts/password/",
    "/accounts/mfa/recovery-codes/",
    "/admin/",
    "/admin/accounts/user/",
]


def assert_blocked(client, target):
    for url in GUARDED:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse(target)), (url, response.url)


class TestRequired:
    def test_password_alone_reaches_only_the_setup_page(self, client, required, district_admin):
        response = password_login(client, district_admin)
        assert_blocked(client, "accounts:mfa_setup")
        assert client.post(reverse("dashboard")).status_code == 302
        page = client.get(reverse("accounts:mfa_setup")).content.decode()
        assert "ตั้งค่าการยืนยันตัวตนสองขั้นตอน" in page
        assert "<svg" in page and "<script" not in page.split("<main", 1)[1].split("</main>")[0]
        assert response.status_code == 302

    @pytest.mark.parametrize("persona", ["supervisor", "executive"])
    def test_every_district_role_is_asked(self, client, required, persona, request):
        password_login(client, request.getfixturevalue(persona))
        assert_blocked(client, "accounts:mfa_setup")

    @pytest.mark.parametrize("persona", ["school_staff", "committee_member"])
    def test_school_staff_and_committee_are_not_asked(self, client, required, persona, request):
        password_login(client, request.getfixturevalue(persona))
        response = client.get(reverse("dashboard"))
        assert response.status_code == 200

    def test_setup_with_the_shown_key_then_codes_shown_once(self, client, required, supervisor):
        password_login(client, supervisor)
        page = client.get(reverse("accounts:mfa_setup")).content.decode()
        key = key_from_page(page)
        # A wrong code sets nothing up.
        response = client.post(reverse("accounts:mfa_setup"), {"code": wrong_code(key)})
        assert response.status_code == 200
        assert "รหัสไม่ถูกต้อง" in response.content.decode()
        assert not TOTPDevice.objects.filter(user=supervisor).exists()
        # The same key is offered again, and its right code enables MFA.
        assert key_from_page(response.content.decode()) == key
        response = client.post(reverse("accounts:mfa_setup"), {"code": totp_code(key)})
        assert response.status_code == 302
        assert response.url == reverse("accounts:mfa_recovery_codes")
        device = TOTPDevice.objects.get(user=supervisor, confirmed=True)
        assert device.key == key

        shown = client.get(reverse("accounts:mfa_recovery_codes"))
        codes = re.findall(
            r"<li class=\"col\">([a-z2-7]{4}(?:-[a-z2-7]{4}){3})</li>", shown.content.decode()
        )
        assert len(codes) == 10
        assert "no-store" in shown.headers["Cache-Control"]  # the page is never kept
        stored = set(
            StaticToken.objects.filter(device__user=supervisor).values_list("token", flat=True)
        )
        assert {code.replace("-", "") for code in codes} == stored
        again = client.get(reverse("accounts:mfa_recovery_codes")).content.decode()
        assert not any(code in again for code in codes)
        assert "เหลือรหัสที่ยังไม่ได้ใช้ 10 รหัส" in again
        # This session is verified now.
        assert client.get(reverse("dashboard")).status_code == 200

    def test_setup_page_is_only_for_the_mfa_roles(self, as_user, required, school_staff):
        assert as_user(school_staff).get(reverse("accounts:mfa_setup")).status_code == 403

    def test_anonymous_is_sent_to_login(self, client, required):
        for name in ("accounts:mfa_setup", "accounts:mfa_verify", "accounts:mfa_recovery_codes"):
            response = client.get(reverse(name))
            assert response.status_code == 302
            assert response.url.startswith(reverse("accounts:login"))


class TestVerify:
    def test_password_alone_reaches_nothing(self, client, required, supervisor):
        enrol(supervisor)
        password_login(client, supervisor)
        assert_blocked(client, "accounts:mfa_verify")

    def test_admin_site_is_guarded_too(self, client, required, district_admin):
        enrol(district_admin)
        password_login(client, district_admin)
        response = client.get("/admin/accounts/user/")
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:mfa_verify"))

    def test_right_code_passes_and_returns_to_the_page(self, client, required, supervisor):
        device = enrol(supervisor)
        password_login(client, supervisor)
        response = client.get("/schools/")
        assert response.status_code == 302
        response = client.post(response.url, {"code": totp_code(device.key), "next": "/schools/"})
        assert response.status_code == 302
        assert response.url == "/schools/"
        assert client.get("/schools/").status_code == 200

    def test_wrong_code_fails(self, client, required, supervisor):
        device = enrol(supervisor)
        password_login(client, supervisor)
        response = verify(client, wrong_code(device.key))
        assert response.status_code == 200
        assert "รหัสไม่ถูกต้อง" in response.content.decode()
        assert_blocked(client, "accounts:mfa_verify")

    def test_a_code_is_not_accepted_twice(self, client, required, supervisor):
        device = enrol(supervisor)
        code = totp_code(device.key)
        password_login(client, supervisor)
        assert verify(client, code).status_code == 302
        client.post(reverse("accounts:logout"))
        password_login(client, supervisor)
        assert verify(client, code).status_code == 200
        assert_blocked(client, "accounts:mfa_verify")

    def test_recovery_code_works_once(self, client, required, supervisor):
        enrol(supervisor, codes=("abcdefgh", "ijklmnop"))
        password_login(client, supervisor)
        # As printed, with the hyphen and in capitals.
        assert verify(client, "ABCD-EFGH").status_code == 302
        assert client.get(reverse("dashboard")).status_code == 200
        assert not StaticToken.objects.filter(token="abcdefgh").exists()
        client.post(reverse("accounts:logout"))
        password_login(client, supervisor)
        assert verify(client, "abcd-efgh").status_code == 200
        assert_blocked(client, "accounts:mfa_verify")
        assert verify(client, "ijkl-mnop").status_code == 302

    def test_password_alone_cannot_replace_the_authenticator(self, client, required, supervisor):
        device = enrol(supervisor)
        password_login(client, supervisor)
        response = client.get(reverse("accounts:mfa_setup"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:mfa_verify"))
        client.post(reverse("accounts:mfa_setup"), {"code": "123456"})
        assert list(TOTPDevice.objects.filter(user=supervisor)) == [device]

    def test_enrolled_user_is_asked_even_where_not_required(self, client, settings, supervisor):
        settings.MFA_REQUIRED = False
        enrol(supervisor)
        password_login(client, supervisor)
        assert_blocked(client, "accounts:mfa_verify")


class TestNotRequired:
    def test_demo_default_keeps_password_logins(self, client, settings, district_admin):
        settings.MFA_REQUIRED = False
        password_login(client, district_admin)
        assert client.get(reverse("dashboard")).status_code == 200
        assert client.get("/admin/").status_code == 200

    def test_profile_offers_setup(self, as_user, settings, supervisor):
        settings.MFA_REQUIRED = False
        page = as_user(supervisor).get(reverse("accounts:profile")).content.decode()
        assert reverse("accounts:mfa_setup") in page


class TestReset:
    def test_district_admin_lists_and_resets_a_user_of_his_office(
        self, client, required, district_admin, supervisor
    ):
        enrol(supervisor)
        admin_device = enrol(district_admin)
        password_login(client, district_admin)
        verify(client, totp_code(admin_device.key))
        page = client.get(reverse("accounts:mfa_users")).content.decode()
        assert "t_supervisor" in page and "ตั้งค่าแล้ว" in page
        response = client.post(reverse("accounts:mfa_user_reset", args=[supervisor.pk]))
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=supervisor).exists()
        assert not StaticDevice.objects.filter(user=supervisor).exists()
        # The supervisor sets up anew at his next login.
        other = client.__class__()
        password_login(other, supervisor)
        assert_blocked(other, "accounts:mfa_setup")

    def test_another_offices_user_is_a_404(self, as_user, district_admin, other_supervisor):
        enrol(other_supervisor)
        response = as_user(district_admin).post(
            reverse("accounts:mfa_user_reset", args=[other_supervisor.pk])
        )
        assert response.status_code == 404
        assert TOTPDevice.objects.filter(user=other_supervisor).exists()

    def test_a_superuser_is_out_of_reach(self, as_user, district_admin, office):
        root = UserFactory(
            username="t_root", role=User.Role.DISTRICT_ADMIN, area_office=office, is_superuser=True
        )
        enrol(root)
        response = as_user(district_admin).post(reverse("accounts:mfa_user_reset", args=[root.pk]))
        assert response.status_code == 404
        assert TOTPDevice.objects.filter(user=root).exists()

    @pytest.mark.parametrize("persona", ["supervisor", "executive", "school_staff"])
    def test_other_roles_are_forbidden(self, as_user, persona, request, office):
        target = UserFactory(username="t_sup2", role=User.Role.SUPERVISOR, area_office=office)
        enrol(target)
        client = as_user(request.getfixturevalue(persona))
        assert client.get(reverse("accounts:mfa_users")).status_code == 403
        reset = client.post(reverse("accounts:mfa_user_reset", args=[target.pk]))
        assert reset.status_code == 403
        assert TOTPDevice.objects.filter(user=target).exists()

    def test_anonymous_is_sent_to_login(self, client, supervisor):
        response = client.post(reverse("accounts:mfa_user_reset", args=[supervisor.pk]))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_reset_needs_post(self, as_user, district_admin, supervisor):
        enrol(supervisor)
        response = as_user(district_admin).get(
            reverse("accounts:mfa_user_reset", args=[supervisor.pk])
        )
        assert response.status_code == 405
