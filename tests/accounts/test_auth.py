import pytest
from django.urls import reverse

from iqa_district.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_thai_and_lists_demo_logins(client, settings):
    settings.DEMO_MODE = True
    response = client.get(reverse("accounts:login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "เข้าสู่ระบบ" in body and "ชื่อผู้ใช้" in body and "รหัสผ่าน" in body
    assert "demo12345" in body


def test_login_page_hides_demo_logins_outside_demo_mode(client, settings):
    settings.DEMO_MODE = False
    assert "demo12345" not in client.get(reverse("accounts:login")).content.decode()


def test_login_with_right_password_reaches_dashboard(client, supervisor):
    response = client.post(
        reverse("accounts:login"), {"username": "t_supervisor", "password": "demo12345"}
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    page = client.get(reverse("dashboard")).content.decode()
    assert "ศึกษานิเทศก์" in page


def test_wrong_password_gives_thai_message(client, supervisor):
    response = client.post(
        reverse("accounts:login"), {"username": "t_supervisor", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()


def test_repeated_failed_logins_are_throttled(client, supervisor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "t_supervisor", "password": "bad"})
    # Locked now: even the right password is refused with the lockout page.
    response = client.post(
        reverse("accounts:login"), {"username": "t_supervisor", "password": "demo12345"}
    )
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_name(client, supervisor, executive, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": "t_supervisor", "password": "bad"})
    response = client.post(
        reverse("accounts:login"), {"username": "t_executive", "password": "demo12345"}
    )
    assert response.status_code == 302


def test_logout_requires_post_and_logs_out(as_user, supervisor):
    client = as_user(supervisor)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_change(as_user, supervisor):
    client = as_user(supervisor)
    page = client.get(reverse("accounts:password_change")).content.decode()
    assert "เปลี่ยนรหัสผ่าน" in page
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "demo12345",
            "new_password1": "ทดสอบ-รหัสใหม่-ปลอดภัยดี",
            "new_password2": "ทดสอบ-รหัสใหม่-ปลอดภัยดี",
        },
    )
    assert response.status_code == 302
    supervisor.refresh_from_db()
    assert supervisor.check_password("ทดสอบ-รหัสใหม่-ปลอดภัยดี")


def test_password_change_needs_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_profile_shows_role_and_school(as_user, school_staff):
    page = as_user(school_staff).get(reverse("accounts:profile")).content.decode()
    assert "โรงเรียนบ้านหนองไผ่" in page
    assert "ผู้รับผิดชอบงานประกันฯ ของสถานศึกษา" in page


def test_profile_anonymous_redirects(client):
    assert client.get(reverse("accounts:profile")).status_code == 302


class TestUserRules:
    def test_school_staff_without_school_is_refused_by_clean(self, office):
        from django.core.exceptions import ValidationError

        user = User(username="x", role=User.Role.SCHOOL_STAFF, area_office=office)
        with pytest.raises(ValidationError) as excinfo:
            user.full_clean()
        assert "school" in excinfo.value.message_dict

    def test_school_staff_without_school_is_refused_by_the_database(self, office):
        from django.db import IntegrityError

        with pytest.raises(IntegrityError):
            User.objects.create(username="x", role=User.Role.SCHOOL_STAFF, area_office=office)

    def test_school_must_be_in_users_office(self, office, other_office_school):
        from django.core.exceptions import ValidationError

        user = User(
            username="x",
            role=User.Role.SCHOOL_STAFF,
            area_office=office,
            school=other_office_school,
        )
        with pytest.raises(ValidationError):
            user.full_clean()

    def test_every_user_needs_an_office(self):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as excinfo:
            User(username="x", role=User.Role.SUPERVISOR).full_clean()
        assert "area_office" in excinfo.value.message_dict

    def test_role_predicates(self, office, school):
        admin = UserFactory(username="a", role=User.Role.DISTRICT_ADMIN, area_office=office)
        staff = UserFactory(
            username="s", role=User.Role.SCHOOL_STAFF, area_office=office, school=school
        )
        assert admin.is_district_admin and admin.is_district_staff and admin.can_manage_quality
        assert staff.is_school_staff and not staff.is_district_staff
        assert not staff.can_manage_quality
