"""Issue 11 item 1: a district admin (staff, not superuser) cannot raise anyone's
privileges, cannot touch a superuser's or a higher role's account, and assigns users only
to his own office; the demo's ``admin`` is such a district admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from iqa_district.accounts.groups import DISTRICT_ADMIN_GROUP
from iqa_district.accounts.models import User
from tests.factories import DEMO_PASSWORD, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def password_url(user):
    return reverse("admin:auth_user_password_change", args=[user.pk])


def user_post(user, **overrides):
    """The change form of ``user`` as the browser posts it."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "role": user.role,
        "area_office": user.area_office_id or "",
        "school": user.school_id or "",
        "position": user.position,
        "phone": user.phone,
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


@pytest.fixture
def root(db):
    return UserFactory(username="t_root", is_superuser=True, is_staff=True, area_office=None)


def test_privilege_fields_are_read_only_for_a_district_admin(as_user, office_admin, school_staff):
    body = as_user(office_admin).get(change_url(school_staff)).content.decode()
    assert 'name="username"' in body
    for field in ("is_superuser", "groups", "user_permissions"):
        assert f'name="{field}"' not in body


def test_a_district_admin_cannot_make_himself_superuser(as_user, office_admin):
    everything = Group.objects.create(name="ทุกสิทธิ์")
    client = as_user(office_admin)
    response = client.post(
        change_url(office_admin),
        user_post(office_admin, is_superuser="on", groups=[everything.pk], user_permissions=[1]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    office_admin.refresh_from_db()
    assert not office_admin.is_superuser
    assert list(office_admin.groups.values_list("name", flat=True)) == [DISTRICT_ADMIN_GROUP]
    assert not office_admin.user_permissions.exists()


def test_a_superusers_pages_are_closed_to_a_district_admin(as_user, office_admin, root, office):
    root.area_office = office  # even a superuser placed in the admin's own office
    root.save()
    client = as_user(office_admin)
    response = client.get(change_url(root))
    assert response.status_code == 302 and response.url == reverse("admin:index")
    assert client.get(password_url(root)).status_code == 404
    response = client.post(password_url(root), {"password1": "x" * 20, "password2": "x" * 20})
    assert response.status_code == 404
    root.refresh_from_db()
    assert root.check_password(DEMO_PASSWORD)
    changelist = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "t_root" not in changelist


def test_a_staff_supervisor_cannot_edit_a_district_admin(as_user, office, district_admin):
    from django.contrib.auth.models import Permission

    staff_supervisor = UserFactory(
        username="t_staff_sup", role=User.Role.SUPERVISOR, area_office=office, is_staff=True
    )
    staff_supervisor.user_permissions.set(
        Permission.objects.filter(codename__in=["view_user", "change_user", "add_user"])
    )
    client = as_user(staff_supervisor)
    assert client.get(change_url(district_admin)).status_code == 302
    assert client.get(password_url(district_admin)).status_code == 404
    # Nor create one: the role is not among the choices.
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "t_new_admin",
            "usable_password": "true",
            "password1": "ยาวพอสมควร-รหัสผ่าน-2568",
            "password2": "ยาวพอสมควร-รหัสผ่าน-2568",
            "role": User.Role.DISTRICT_ADMIN,
            "area_office": office.pk,
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="t_new_admin").exists()


def test_another_offices_user_is_not_found(as_user, office_admin, other_supervisor):
    client = as_user(office_admin)
    assert client.get(change_url(other_supervisor)).status_code == 302
    assert client.get(password_url(other_supervisor)).status_code == 404


def test_a_district_admin_creates_users_only_in_his_office(
    as_user, office_admin, office, other_office
):
    other_school = SchoolFactory(area_office=other_office, code="1033530999")
    client = as_user(office_admin)
    base = {
        "usable_password": "true",
        "password1": "ยาวพอสมควร-รหัสผ่าน-2568",
        "password2": "ยาวพอสมควร-รหัสผ่าน-2568",
        "first_name": "สมหญิง",
        "last_name": "ใจดี",
    }
    add = reverse("admin:accounts_user_add")
    response = client.post(
        add,
        {**base, "username": "t_elsewhere", "role": "supervisor", "area_office": other_office.pk},
    )
    assert response.status_code == 200
    response = client.post(
        add,
        {
            **base,
            "username": "t_elsewhere2",
            "role": "school_staff",
            "area_office": office.pk,
            "school": other_school.pk,
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username__startswith="t_elsewhere").exists()
    response = client.post(
        add, {**base, "username": "t_here", "role": "supervisor", "area_office": office.pk}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(username="t_here").area_office == office


def test_demo_admin_is_a_district_admin_not_a_superuser(client):
    from iqa_district.management.commands.seed_demo import seed_users
    from schools import demo

    office = demo.seed_office()
    users = seed_users(office)
    admin = users["admin"]
    assert admin.is_staff and not admin.is_superuser
    assert admin.groups.filter(name=DISTRICT_ADMIN_GROUP).exists()
    for perm in ("accounts.change_user", "supervision.add_committee", "schools.change_school"):
        assert admin.has_perm(perm)
    assert not admin.has_perm("auth.change_group")
    superadmin = users["superadmin"]
    assert superadmin.is_superuser and superadmin.area_office is None
    client.force_login(admin)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert client.get(reverse("admin:supervision_committee_add")).status_code == 200
    # Idempotent, and an old demo's superuser admin is put right.
    User.objects.filter(pk=admin.pk).update(is_superuser=True)
    again = seed_users(office)
    again["admin"].refresh_from_db()
    assert not again["admin"].is_superuser
    assert User.objects.filter(username__in=["admin", "superadmin"]).count() == 2
