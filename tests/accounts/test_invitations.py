"""Issue 17 item 1: school accounts in one step, invitation links (expiry, single use,
wrong token, revoke, re-send), one-time codes with a forced change at first login, and
deactivating a user who left."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from iqa_district.accounts.models import Invitation, User
from iqa_district.accounts.services import invitation_send, school_accounts_create
from tests.factories import ClusterFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ตั้งรหัสใหม่-2568-ปลอดภัย"


def _link(message):
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", message.body).group(1)


@pytest.fixture
def schools(office, cluster):
    with_mail = SchoolFactory(
        area_office=office, cluster=cluster, code="1034550101", email="nongphai@example.ac.th"
    )
    without_mail = SchoolFactory(area_office=office, cluster=cluster, code="1034550102", email="")
    elsewhere = SchoolFactory(
        area_office=office,
        cluster=ClusterFactory(area_office=office, name="กลุ่มอื่น"),
        code="1034550103",
        email="other@example.ac.th",
    )
    return with_mail, without_mail, elsewhere


def test_a_cluster_gets_its_accounts_in_one_step(
    as_user, office_admin, schools, cluster, django_capture_on_commit_callbacks
):
    with_mail, without_mail, elsewhere = schools
    client = as_user(office_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("schools:accounts"), {"scope": "cluster", "cluster": cluster.pk}
        )
    assert response.status_code == 302
    page = client.get(response.url)
    text = page.content.decode()
    created = User.objects.filter(school__in=[with_mail, without_mail])
    assert set(created.values_list("username", flat=True)) == {"1034550101", "1034550102"}
    assert not User.objects.filter(school=elsewhere).exists()
    # The school with e-mail is invited, in Thai; the other has a code on the printable page.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nongphai@example.ac.th"]
    assert "เชิญเข้าใช้ระบบ" in mail.outbox[0].subject
    assert "ตั้งรหัสผ่าน" in mail.outbox[0].body
    coded = User.objects.get(username="1034550102")
    assert coded.must_change_password
    code = re.search(r'font-monospace">([A-Z2-9]{10})<', text).group(1)
    assert coded.check_password(code)
    # Shown once only.
    assert client.get(reverse("schools:accounts_created")).status_code == 302
    # A second run skips the schools that have an account.
    client.post(reverse("schools:accounts"), {"scope": "cluster", "cluster": cluster.pk})
    assert User.objects.filter(school__in=[with_mail, without_mail]).count() == 2


def test_selection_and_validation(as_user, office_admin, schools):
    client = as_user(office_admin)
    response = client.post(reverse("schools:accounts"), {"scope": "selected"})
    assert "กรุณาเลือกสถานศึกษาอย่างน้อยหนึ่งแห่ง" in response.content.decode()
    client.post(reverse("schools:accounts"), {"scope": "selected", "schools": [schools[2].pk]})
    assert list(User.objects.filter(role="school_staff").values_list("school", flat=True)) == [
        schools[2].pk
    ]


def test_another_offices_school_cannot_be_chosen(as_user, office_admin, other_office_school):
    client = as_user(office_admin)
    response = client.post(
        reverse("schools:accounts"), {"scope": "selected", "schools": [other_office_school.pk]}
    )
    assert response.status_code == 200  # the form refuses the unknown choice
    assert not User.objects.filter(school=other_office_school).exists()


@pytest.mark.parametrize("persona", ["supervisor", "school_staff"])
def test_only_a_district_admin_creates_accounts(as_user, request, persona, schools):
    client = as_user(request.getfixturevalue(persona))
    assert client.post(reverse("schools:accounts"), {"scope": "all"}).status_code == 403
    assert not User.objects.filter(school__in=schools).exists()


def test_anonymous_goes_to_login(client):
    assert client.get(reverse("schools:accounts")).url.startswith(reverse("accounts:login"))


def _invite(office_admin, school, django_capture_on_commit_callbacks):
    user = UserFactory(
        username="invited",
        role=User.Role.SCHOOL_STAFF,
        area_office=school.area_office,
        school=school,
        email="invited@example.ac.th",
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(user=user, actor=office_admin, base_url="http://testserver/")
    return user, _link(mail.outbox[-1])


def _set(client, link):
    return client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def test_invitation_link_sets_the_password_once(
    client, office_admin, school, django_capture_on_commit_callbacks
):
    user, link = _invite(office_admin, school, django_capture_on_commit_callbacks)
    page = client.get(link)
    assert page.status_code == 200 and "ตั้งรหัสผ่านเพื่อเริ่มใช้งาน" in page.content.decode()
    assert page.headers["Cache-Control"] == "no-store"
    assert _set(client, link).url == reverse("accounts:login")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Single use.
    again = _set(client, link)
    assert again.status_code == 404 and "ใช้ไม่ได้" in again.content.decode()


def test_expired_wrong_and_revoked_links(
    client, as_user, office_admin, school, django_capture_on_commit_callbacks
):
    user, link = _invite(office_admin, school, django_capture_on_commit_callbacks)
    assert client.get(link[:-3] + "xx/").status_code == 404
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert _set(client, link).status_code == 404
    user.refresh_from_db()
    assert not user.check_password(NEW_PASSWORD)
    # Re-sending revokes the old link and the new one works.
    admin_client = as_user(office_admin)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("accounts:user_invite", args=[user.pk]))
    new_link = _link(mail.outbox[-1])
    assert new_link != link
    admin_client.post(reverse("accounts:user_invitation_revoke", args=[user.pk]))
    client.logout()
    assert client.get(new_link).status_code == 404


def test_one_time_code_forces_a_password_change(client, office_admin, school):
    result = school_accounts_create(schools=[school], actor=office_admin, base_url="http://t/")
    user, code = result.with_code[0]
    login = client.post(reverse("accounts:login"), {"username": user.username, "password": code})
    assert login.status_code == 302
    assert client.get(reverse("dashboard")).url == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": code, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("dashboard")).status_code == 200


def test_deactivating_a_user_who_left(as_user, office_admin, school_staff, other_supervisor):
    client = as_user(office_admin)
    confirm = client.get(reverse("accounts:user_deactivate", args=[school_staff.pk]))
    assert "ยืนยันการระงับการใช้งาน" in confirm.content.decode()
    school_staff.refresh_from_db()
    assert school_staff.is_active
    client.post(reverse("accounts:user_deactivate", args=[school_staff.pk]))
    school_staff.refresh_from_db()
    assert not school_staff.is_active
    assert User.objects.filter(pk=school_staff.pk).exists()  # records kept
    # Another office's user is a 404.
    other = client.post(reverse("accounts:user_deactivate", args=[other_supervisor.pk]))
    assert other.status_code == 404
    other_supervisor.refresh_from_db()
    assert other_supervisor.is_active


def test_user_list_search_roles_and_queries(
    as_user, client, office_admin, school_staff, supervisor, office, django_assert_max_num_queries
):
    admin_client = as_user(office_admin)
    page = admin_client.get(reverse("accounts:users"), {"q": "t_school"})
    text = page.content.decode()
    assert "t_school" in text and "t_supervisor" not in text
    for n in range(30):
        UserFactory(username=f"bulk{n}", area_office=office, email=f"b{n}@example.org")
    with django_assert_max_num_queries(12):
        admin_client.get(reverse("accounts:users"))
    client.logout()
    assert as_user(supervisor).get(reverse("accounts:users")).status_code == 403
