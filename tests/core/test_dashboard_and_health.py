import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "persona", ["district_admin", "supervisor", "executive", "committee_member"]
)
def test_district_roles_see_real_school_count(
    request, as_user, persona, school, school2, other_office_school
):
    user = request.getfixturevalue(persona)
    page = as_user(user).get(reverse("dashboard")).content.decode()
    assert "สถานศึกษาในเขตพื้นที่" in page
    # Two schools in the office; the other office's school is not counted.
    assert 'class="display-6 text-primary">2<' in page


def test_school_staff_dashboard_shows_only_their_school(as_user, school_staff, school2):
    page = as_user(school_staff).get(reverse("dashboard")).content.decode()
    assert "โรงเรียนบ้านหนองไผ่" in page
    assert "โรงเรียนบ้านโนนสูง" not in page
    assert "สถานศึกษาในเขตพื้นที่" not in page


def test_admin_link_only_for_staff_admins(as_user, district_admin, supervisor):
    assert (
        reverse("admin:index") in as_user(district_admin).get(reverse("dashboard")).content.decode()
    )
    assert (
        reverse("admin:index") not in as_user(supervisor).get(reverse("dashboard")).content.decode()
    )


def test_dashboard_query_count_is_bounded(as_user, supervisor, django_assert_max_num_queries):
    from tests.factories import SchoolFactory

    SchoolFactory.create_batch(30, area_office=supervisor.area_office)
    client = as_user(supervisor)
    with django_assert_max_num_queries(40):
        client.get(reverse("dashboard"))


def test_public_index_needs_no_login(client):
    page = client.get(reverse("public:index")).content.decode()
    assert "ข้อมูลเผยแพร่ต่อสาธารณะ" in page


def test_language_switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/public/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_healthz_ok_without_broker(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok" and data["database"] == "ok"


def test_healthz_503_when_broker_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")


def test_healthz_503_when_database_fails(client, monkeypatch):
    from iqa_district import views

    monkeypatch.setattr(views, "_database_state", lambda: (False, "error: OperationalError"))
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_healthz_with_real_redis(client, settings):
    from tests.conftest import redis_url_or_skip

    settings.REDIS_URL = redis_url_or_skip()
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"


def test_unknown_page_is_thai_404(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_media_is_not_served(client, settings):
    assert client.get("/media/sar/x.pdf").status_code == 404
    assert client.get(settings.MEDIA_URL + "sar/x.pdf").status_code == 404


def test_thai_is_the_default_even_for_english_browsers(client):
    response = client.get(reverse("public:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "th"
    assert '<html lang="th">' in response.content.decode()


def test_language_cookie_switches_to_english(client):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("public:index"))
    assert response["Content-Language"] == "en"
