"""Issue 17 item 2: password reset by e-mail (Thai pages and e-mail, expiry, single use,
wrong token, no account enumeration, rate limits) and the district admin's unlock and
reset of his own office's users."""

import datetime
import re

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from iqa_district.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ตั้งรหัสใหม่-2568-ปลอดภัย"
WRONG = "wrong-password"  # noqa: S105


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    cache.clear()
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_IP_FAILURE_LIMIT = 6
    yield
    cache.clear()


@pytest.fixture
def teacher(office, school):
    return UserFactory(
        username="somsri",
        first_name="นางสาวสมศรี",
        last_name="ใจดี",
        email="somsri@example.ac.th",
        role=User.Role.SCHOOL_STAFF,
        area_office=office,
        school=school,
    )


def _ask(client, email, **meta):
    return client.post(reverse("accounts:password_reset"), {"email": email}, **meta)


def _link():
    return re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", mail.outbox[-1].body)[
        1
    ]


def _set(client, link, password=NEW_PASSWORD):
    page = client.get(link, follow=True)
    return client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"new_password1": password, "new_password2": password},
    )


def test_the_login_page_offers_it(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "ลืมรหัสผ่าน?" in page and reverse("accounts:password_reset") in page
    assert "ส่งลิงก์ตั้งรหัสผ่านใหม่" in client.get(reverse("accounts:password_reset")).content.decode()


def test_a_thai_link_sets_a_new_password_once(client, teacher):
    teacher.must_change_password = True
    teacher.save()
    response = _ask(client, "SOMSRI@example.ac.th")
    assert response.url == reverse("accounts:password_reset_done")
    (message,) = mail.outbox
    assert message.to == ["somsri@example.ac.th"]
    assert message.subject == "ตั้งรหัสผ่านใหม่ ระบบประกันคุณภาพการศึกษา IQA District"
    assert "เรียน นางสาวสมศรี ใจดี" in message.body and "ภายใน 2 ชั่วโมง" in message.body
    link = _link()
    done = _set(client, link)
    assert done.url == reverse("accounts:password_reset_complete")
    teacher.refresh_from_db()
    assert teacher.check_password(NEW_PASSWORD) and not teacher.must_change_password
    # Used once: the same link is dead now.
    again = client.get(link, follow=True).content.decode()
    assert "ลิงก์ตั้งรหัสผ่านใหม่นี้ใช้ไม่ได้" in again


def test_the_link_expires(client, teacher, monkeypatch):
    start = datetime.datetime(2026, 12, 1, 8, 0, 0)

    def at(moment):
        monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: moment)

    at(start)
    _ask(client, teacher.email)
    link = _link()
    at(start + datetime.timedelta(hours=1, minutes=59))
    assert 'id="password-reset-confirm"' in client.get(link, follow=True).content.decode()
    at(start + datetime.timedelta(hours=2, seconds=1))
    client.cookies.clear()
    page = client.get(link, follow=True).content.decode()
    assert "ลิงก์ตั้งรหัสผ่านใหม่นี้ใช้ไม่ได้" in page
    teacher.refresh_from_db()
    assert not teacher.check_password(NEW_PASSWORD)


def test_a_wrong_token_is_refused(client, teacher):
    _ask(client, teacher.email)
    link = _link()
    forged = re.sub(r"/[^/]+/$", "/bbbbbb-0123456789abcdef0123456789abcdef/", link)
    page = client.get(forged, follow=True).content.decode()
    assert "ลิงก์ตั้งรหัสผ่านใหม่นี้ใช้ไม่ได้" in page
    response = client.post(forged, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 200
    teacher.refresh_from_db()
    assert not teacher.check_password(NEW_PASSWORD)


def test_no_account_enumeration(client, teacher):
    known = _ask(client, teacher.email)
    unknown = _ask(client, "nobody@example.ac.th")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(mail.outbox) == 1
    page_known = client.get(known.url).content.decode()
    assert "หากอีเมลนี้ลงทะเบียนไว้กับบัญชีผู้ใช้" in page_known


def test_requests_are_rate_limited_per_address_and_per_client(client, teacher, settings):
    settings.PASSWORD_RESET_EMAIL_LIMIT = 2
    settings.PASSWORD_RESET_IP_LIMIT = 4
    for _ in range(3):
        assert _ask(client, teacher.email).status_code == 302
    assert len(mail.outbox) == 2  # the third went nowhere, on the same page
    assert _ask(client, "other@example.ac.th").status_code == 302
    limited = _ask(client, "x@example.ac.th")
    assert limited.status_code == 429
    assert "ส่งคำขอบ่อยเกินไป" in limited.content.decode()
    assert _ask(client, "y@example.ac.th", REMOTE_ADDR="198.51.100.9").status_code == 302


def _lock(client, username):
    for _ in range(3):
        client.post(
            reverse("accounts:login"),
            {"username": username, "password": WRONG},
            REMOTE_ADDR="203.0.113.5",
        )


def test_a_reset_password_opens_a_lockout(client, teacher):
    _lock(client, "somsri")
    _ask(client, teacher.email)
    _set(client, _link())
    response = client.post(
        reverse("accounts:login"),
        {"username": "somsri", "password": NEW_PASSWORD},
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 302


def test_an_admin_unlocks_a_locked_out_user(client, as_user, office_admin, teacher):
    _lock(client, "somsri")
    admin = as_user(office_admin)
    page = admin.get(reverse("accounts:users")).content.decode()
    assert "ถูกล็อกเนื่องจากใส่รหัสผิดหลายครั้ง" in page
    assert admin.post(reverse("accounts:user_unlock", args=[teacher.pk])).status_code == 302
    assert "ถูกล็อก" not in admin.get(reverse("accounts:users")).content.decode()
    admin.logout()
    response = client.post(
        reverse("accounts:login"),
        {"username": "somsri", "password": "demo12345"},
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 302


def test_unlock_and_reset_are_scoped_to_the_admins_office(as_user, office_admin, other_office):
    stranger = UserFactory(username="stranger", area_office=other_office, email="s@example.com")
    admin = as_user(office_admin)
    assert admin.post(reverse("accounts:user_unlock", args=[stranger.pk])).status_code == 404
    assert admin.get(reverse("accounts:user_password_reset", args=[stranger.pk])).status_code == 404
    assert (
        admin.post(reverse("accounts:user_password_reset", args=[stranger.pk])).status_code == 404
    )
    assert not mail.outbox


@pytest.mark.parametrize("persona", ["supervisor", "school_staff", "executive"])
def test_only_a_district_admin_unlocks_or_resets(as_user, request, persona, teacher):
    client = as_user(request.getfixturevalue(persona))
    assert client.post(reverse("accounts:user_unlock", args=[teacher.pk])).status_code == 403
    assert (
        client.post(reverse("accounts:user_password_reset", args=[teacher.pk])).status_code == 403
    )


def test_anonymous_goes_to_login(client, teacher):
    response = client.post(reverse("accounts:user_unlock", args=[teacher.pk]))
    assert response.url.startswith(reverse("accounts:login"))


def test_an_admin_resets_by_link_or_by_code(
    as_user, office_admin, teacher, school2, django_capture_on_commit_callbacks
):
    admin = as_user(office_admin)
    confirm = admin.get(reverse("accounts:user_password_reset", args=[teacher.pk]))
    assert "somsri@example.ac.th" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("accounts:user_password_reset", args=[teacher.pk]))
    assert mail.outbox[-1].to == ["somsri@example.ac.th"]
    assert "/accounts/password/reset/" in mail.outbox[-1].body
    no_mail = UserFactory(
        username="1034550002",
        role=User.Role.SCHOOL_STAFF,
        area_office=office_admin.area_office,
        school=school2,
        email="",
    )
    page = admin.post(reverse("accounts:user_password_reset", args=[no_mail.pk]))
    code = re.search(r'id="one-time-code">([A-Z2-9]{10})<', page.content.decode())[1]
    no_mail.refresh_from_db()
    assert no_mail.check_password(code) and no_mail.must_change_password
    assert "no-store" in page["Cache-Control"]
