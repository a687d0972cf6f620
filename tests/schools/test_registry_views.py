"""School list, profile and cluster pages: content, filters, scoping, query counts."""

import pytest
from django.urls import reverse

from schools.models import AreaOffice
from tests.factories import ClusterFactory, SchoolFactory

pytestmark = pytest.mark.django_db

LIST = reverse("schools:list")


def test_anonymous_is_sent_to_login(client, school, cluster):
    for url in [
        LIST,
        reverse("schools:detail", args=[school.pk]),
        reverse("schools:cluster_list"),
        reverse("schools:cluster_detail", args=[cluster.pk]),
        reverse("schools:mine"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_supervisor_sees_only_own_office_schools(as_user, supervisor, school, other_office_school):
    response = as_user(supervisor).get(LIST)
    assert response.status_code == 200
    content = response.content.decode()
    assert "โรงเรียนบ้านหนองไผ่" in content
    assert "โรงเรียนบ้านต่างเขต" not in content


def test_committee_member_may_use_the_list(as_user, committee_member, school):
    response = as_user(committee_member).get(LIST)
    assert "โรงเรียนบ้านหนองไผ่" in response.content.decode()


def test_school_staff_may_not_use_the_list(as_user, school_staff):
    assert as_user(school_staff).get(LIST).status_code == 403


def test_search_by_name_and_code(as_user, supervisor, school, school2):
    client = as_user(supervisor)
    content = client.get(LIST, {"q": "หนองไผ่"}).content.decode()
    assert "โรงเรียนบ้านหนองไผ่" in content and "โรงเรียนบ้านโนนสูง" not in content
    content = client.get(LIST, {"q": "1034550002"}).content.decode()
    assert "โรงเรียนบ้านโนนสูง" in content and "โรงเรียนบ้านหนองไผ่" not in content


def test_filters_cluster_district_level_and_size_band(as_user, supervisor, office, cluster):
    other_cluster = ClusterFactory(area_office=office, name="กลุ่มโขงเจียม")
    small = SchoolFactory(
        area_office=office, cluster=cluster, name="โรงเรียนเล็ก", students=80, district="สิรินธร"
    )
    big = SchoolFactory(
        area_office=office,
        cluster=other_cluster,
        name="โรงเรียนใหญ่",
        students=900,
        offers_ece=False,
        offers_lower_secondary=True,
        district="โขงเจียม",
    )
    client = as_user(supervisor)

    def names(params):
        page = client.get(LIST, params).context["page"]
        return {s.name for s in page}

    assert names({"cluster": other_cluster.pk}) == {big.name}
    assert names({"district": "สิรินธร"}) == {small.name}
    assert names({"level": "lower_secondary"}) == {big.name}
    assert names({"level": "ece"}) == {small.name}
    assert names({"size_band": "small"}) == {small.name}
    assert names({"size_band": "large"}) == {big.name}  # primary office: 601–1,500


def test_size_band_uses_secondary_bands_for_secondary_offices(as_user, db):
    office = AreaOffice.objects.create(code="SEC1", name="สพม.ทดสอบ", kind="secondary")
    from tests.factories import UserFactory

    user = UserFactory(role="supervisor", area_office=office)
    SchoolFactory(area_office=office, name="โรงเรียนมัธยม", students=900)
    page = as_user(user).get(LIST, {"size_band": "medium"}).context["page"]
    assert [s.name for s in page] == ["โรงเรียนมัธยม"]


def test_pagination(as_user, supervisor, office):
    SchoolFactory.create_batch(60, area_office=office)
    client = as_user(supervisor)
    first = client.get(LIST).context["page"]
    assert len(first) == 50 and first.paginator.count == 60
    second = client.get(LIST, {"page": 2}).context["page"]
    assert len(second) == 10


def test_list_query_count_does_not_grow(
    as_user, supervisor, office, cluster, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(supervisor)
    counts = {}
    for total in (5, 60):
        SchoolFactory.create_batch(
            total - office.schools.count(), area_office=office, cluster=cluster
        )
        with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        assert response.context["page"].paginator.count == total
        counts[total] = len(queries)
    assert counts[5] == counts[60]


def test_school_staff_sees_only_own_profile(as_user, school_staff, school, school2):
    client = as_user(school_staff)
    response = client.get(reverse("schools:detail", args=[school.pk]))
    content = response.content.decode()
    assert "โรงเรียนบ้านหนองไผ่" in content
    assert "1034550001" in content
    assert client.get(reverse("schools:detail", args=[school2.pk])).status_code == 404
    assert client.get(reverse("schools:mine"))["Location"] == reverse(
        "schools:detail", args=[school.pk]
    )


def test_profile_shows_levels_size_and_standards(as_user, supervisor, school):
    content = as_user(supervisor).get(reverse("schools:detail", args=[school.pk])).content.decode()
    assert "ปฐมวัย, ประถมศึกษา" in content
    assert "ขนาดกลาง" in content  # 180 students in a primary office
    assert "มาตรฐานการศึกษา ระดับการศึกษาขั้นพื้นฐาน" in content
    assert "มาตรฐานการศึกษา ระดับปฐมวัย" in content


def test_other_office_profile_is_404(as_user, other_supervisor, school):
    assert (
        as_user(other_supervisor).get(reverse("schools:detail", args=[school.pk])).status_code
        == 404
    )


def test_cluster_pages(as_user, supervisor, cluster, school, school2):
    cluster.supervisors.add(supervisor)
    client = as_user(supervisor)
    content = client.get(reverse("schools:cluster_list")).content.decode()
    assert "กลุ่มเครือข่ายพิบูลมังสาหาร" in content
    assert supervisor.display_name in content
    detail = client.get(reverse("schools:cluster_detail", args=[cluster.pk])).content.decode()
    assert "โรงเรียนบ้านหนองไผ่" in detail and "โรงเรียนบ้านโนนสูง" in detail
    assert supervisor.display_name in detail


def test_cluster_pages_forbidden_for_school_staff_and_other_offices(
    as_user, school_staff, other_supervisor, cluster
):
    assert as_user(school_staff).get(reverse("schools:cluster_list")).status_code == 403
    client = as_user(other_supervisor)
    assert client.get(reverse("schools:cluster_detail", args=[cluster.pk])).status_code == 404
    assert (
        "กลุ่มเครือข่ายพิบูลมังสาหาร" not in client.get(reverse("schools:cluster_list")).content.decode()
    )


def test_nav_links_by_role(as_user, supervisor, school_staff):
    content = as_user(supervisor).get(reverse("dashboard")).content.decode()
    assert reverse("schools:list") in content and reverse("schools:import") in content
    content = as_user(school_staff).get(reverse("dashboard")).content.decode()
    assert reverse("schools:mine") in content
    assert f'href="{reverse("schools:list")}"' not in content


def test_thai_dictionary_order_on_postgresql(as_user, supervisor, office, cluster):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Thai ICU collation is a PostgreSQL feature")
    for name, district in [
        ("โรงเรียนบ้านขาม", "ตาลสุม"),
        ("โรงเรียนบ้านเกาะ", "เขมราฐ"),
        ("โรงเรียนบ้านกุด", "กันทรารมย์"),
    ]:
        SchoolFactory(area_office=office, cluster=cluster, name=name, district=district)
    response = as_user(supervisor).get(LIST)
    # เกาะ files under ก (leading vowels are skipped), before ขาม
    assert [s.name for s in response.context["page"]] == [
        "โรงเรียนบ้านกุด",
        "โรงเรียนบ้านเกาะ",
        "โรงเรียนบ้านขาม",
    ]
    districts = [
        value for value, _label in response.context["filter"].form.fields["district"].choices
    ][1:]
    assert districts == ["กันทรารมย์", "เขมราฐ", "ตาลสุม"]


def test_supervisor_dashboard_lists_own_clusters(
    as_user, supervisor, executive, cluster, school, school2
):
    cluster.supervisors.add(supervisor)
    content = as_user(supervisor).get(reverse("dashboard")).content.decode()
    assert "กลุ่มเครือข่ายที่ท่านรับผิดชอบ" in content
    assert "สถานศึกษารวม 2 แห่ง" in content
    assert (
        "กลุ่มเครือข่ายที่ท่านรับผิดชอบ" not in as_user(executive).get(reverse("dashboard")).content.decode()
    )
