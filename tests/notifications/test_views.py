"""Issue 17 item 3: the in-app list (own notices only, search, unread filter, bounded
queries), the navbar's unread count, opening and marking read, and the e-mail choices."""

import pytest
from django.urls import reverse

from iqa_district.notifications.models import EmailPreference, Kind, Notification
from iqa_district.notifications.services import notify

pytestmark = pytest.mark.django_db


def _tell(user, n=1, kind=Kind.SAR_RETURNED, link="/sar/"):
    for i in range(n):
        notify(
            recipients=[user],
            kind=kind,
            key=f"test:{kind}:{i}",
            title=f"เรื่องที่ {i} ถูกส่งกลับ",
            body="รายละเอียด",
            link=link,
        )


def test_the_list_shows_ones_own_notices_only(as_user, school_staff, school_staff2):
    _tell(school_staff, 2)
    _tell(school_staff2, 1, kind=Kind.SAR_ACCEPTED)
    page = as_user(school_staff).get(reverse("notifications:list")).content.decode()
    assert page.count("เรื่องที่") == 2 and "ยังไม่ได้อ่าน" in page
    assert "SAR ถูกส่งกลับให้แก้ไข" in page  # the kind, in Thai


def test_search_and_unread_filter(as_user, school_staff):
    _tell(school_staff, 3)
    Notification.objects.filter(title__contains="ที่ 0").update(read_at="2026-12-01T08:00Z")
    client = as_user(school_staff)
    found = client.get(reverse("notifications:list"), {"q": "ที่ 1"}).content.decode()
    assert "เรื่องที่ 1" in found and "เรื่องที่ 2" not in found
    unread = client.get(reverse("notifications:list"), {"unread": "1"}).content.decode()
    assert "เรื่องที่ 0" not in unread and "เรื่องที่ 2" in unread


@pytest.mark.parametrize("count", [3, 40])
def test_list_and_count_in_bounded_queries(
    as_user, school_staff, count, django_assert_max_num_queries
):
    _tell(school_staff, count)
    client = as_user(school_staff)
    client.get(reverse("notifications:list"))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("notifications:list")).status_code == 200
    with django_assert_max_num_queries(4):
        badge = client.get(reverse("notifications:unread_count")).content.decode()
    assert f">{count}<" in badge


def test_the_navbar_asks_for_the_count(as_user, school_staff):
    page = as_user(school_staff).get(reverse("dashboard")).content.decode()
    assert reverse("notifications:unread_count") in page and 'id="nav-notifications"' in page


def test_no_badge_without_unread(as_user, school_staff):
    assert (
        "badge"
        not in as_user(school_staff).get(reverse("notifications:unread_count")).content.decode()
    )


def test_opening_marks_read_and_goes_to_the_link(as_user, school_staff):
    _tell(school_staff, 1, link="/sar/")
    notice = Notification.objects.get()
    response = as_user(school_staff).post(reverse("notifications:open", args=[notice.pk]))
    assert response.url == "/sar/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_a_foreign_link_is_not_followed(as_user, school_staff):
    _tell(school_staff, 1, link="https://evil.example.com/")
    notice = Notification.objects.get()
    response = as_user(school_staff).post(reverse("notifications:open", args=[notice.pk]))
    assert response.url == reverse("notifications:list")


def test_another_users_notice_is_not_found(as_user, school_staff, school_staff2, other_supervisor):
    _tell(school_staff2, 1)
    notice = Notification.objects.get()
    for user in (school_staff, other_supervisor):
        assert (
            as_user(user).post(reverse("notifications:open", args=[notice.pk])).status_code == 404
        )
    notice.refresh_from_db()
    assert notice.read_at is None


def test_read_all(as_user, school_staff, school_staff2):
    _tell(school_staff, 3)
    _tell(school_staff2, 1)
    as_user(school_staff).post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=school_staff, read_at=None).exists()
    assert Notification.objects.filter(recipient=school_staff2, read_at=None).count() == 1


def test_email_preferences(as_user, school_staff):
    client = as_user(school_staff)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "เตือนกำหนดส่ง SAR" in page and "สรุปงานประจำสัปดาห์" not in page
    response = client.post(
        reverse("notifications:preferences"), {"email": [Kind.SAR_RETURNED, Kind.SAR_ACCEPTED]}
    )
    assert response.status_code == 302
    off = set(EmailPreference.objects.filter(user=school_staff).values_list("kind", flat=True))
    assert Kind.SAR_REMINDER in off and Kind.SAR_RETURNED not in off
    assert Kind.WEEKLY_DIGEST not in off  # not offered to schools: left as it was
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert f'value="{Kind.SAR_REMINDER}" id="email-{Kind.SAR_REMINDER}">' in page
    assert f'value="{Kind.SAR_RETURNED}" id="email-{Kind.SAR_RETURNED}" checked>' in page


def test_supervisors_choose_their_own_kinds(as_user, supervisor):
    page = as_user(supervisor).get(reverse("notifications:preferences")).content.decode()
    assert "สรุปงานประจำสัปดาห์" in page and "เตือนกำหนดส่ง SAR" not in page


@pytest.mark.parametrize(
    "name", ["notifications:list", "notifications:preferences", "notifications:unread_count"]
)
def test_anonymous_goes_to_login(client, name):
    assert client.get(reverse(name)).url.startswith(reverse("accounts:login"))


def test_the_list_refuses_post(as_user, school_staff):
    assert as_user(school_staff).post(reverse("notifications:list")).status_code == 405
