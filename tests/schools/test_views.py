"""The registry in the browser: school list, profile and cluster pages (content, filters,
scoping, query counts), the import (upload -> preview -> confirm) and the export download."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schools.models import AreaOffice, School, SchoolImport
from tests.factories import ClusterFactory, SchoolFactory
from tests.schools.factories import school_rows, to_csv

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
        # The count, the page's ids in order, then those rows (iqa_district.paging).
        with django_assert_max_num_queries(9), CaptureQueriesContext(connection) as queries:
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
    old = client.get(reverse("schools:cluster_detail", args=[cluster.pk]))
    assert old.url == reverse("networks:cluster_detail", args=[cluster.pk])
    detail = client.get(old.url).content.decode()
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


# --- Import and export -------------------------------------------------------------------

IMPORT = reverse("schools:import")


def upload(client, data, name="รายชื่อโรงเรียน.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data, "text/csv")})


def token_of(response):
    return re.search(r"/schools/import/([0-9a-f]{32})/", response["Location"]).group(1)


def stored_files():
    folder = Path(settings.MEDIA_ROOT) / "tmp" / "school_imports"
    return sorted(p.name for p in folder.glob("*")) if folder.exists() else []


def test_upload_preview_confirm(as_user, supervisor, office):
    client = as_user(supervisor)
    rows = school_rows(40)
    rows[3]["levels"] = "อุดมศึกษา"
    response = upload(
        client, to_csv(rows, thai_headers=True, encoding="cp874"), "../../etc/passwd.csv"
    )
    assert response.status_code == 302
    token = token_of(response)
    # the file is kept under a random name, never the uploaded one
    assert stored_files() == [f"{token}.upload"]

    preview = client.get(reverse("schools:import_preview", args=[token]))
    content = preview.content.decode()
    assert "TIS-620/cp874" in content
    assert 'id="count-new">39<' in content and 'id="count-error">1<' in content
    assert "ไม่รู้จักระดับที่เปิดสอน “อุดมศึกษา”" in content
    assert "<td>5</td>" in content  # the bad row's spreadsheet row number

    confirm = reverse("schools:import_confirm", args=[token])
    # all or nothing: without ticking "skip", nothing is imported
    response = client.post(confirm, {"action": "import"})
    assert response["Location"] == reverse("schools:import_preview", args=[token])
    assert School.objects.count() == 0
    # ticked: the valid rows go in, the file is removed, an audit row is kept
    response = client.post(confirm, {"action": "import", "skip_errors": "1"})
    assert response["Location"] == reverse("schools:list")
    assert School.objects.filter(area_office=office).count() == 39
    assert stored_files() == []
    record = SchoolImport.objects.get()
    assert record.imported_by == supervisor and record.skipped_error_count == 1
    assert record.source_name == "passwd.csv"


def test_status_tabs_filter_the_preview(as_user, supervisor):
    client = as_user(supervisor)
    rows = school_rows(5)
    rows[0]["code"] = "99"
    token = token_of(upload(client, to_csv(rows)))
    page = client.get(reverse("schools:import_preview", args=[token]), {"status": "error"})
    assert [r.number for r in page.context["page"]] == [2]


def test_a_bad_file_shows_a_thai_reason(as_user, supervisor):
    client = as_user(supervisor)
    token = token_of(upload(client, "ชื่อ,อำเภอ\nก,ข\n".encode()))
    content = client.get(reverse("schools:import_preview", args=[token])).content.decode()
    assert "ไม่พบคอลัมน์ที่จำเป็น" in content


def test_wrong_extension_is_refused_and_nothing_kept(as_user, supervisor):
    response = upload(as_user(supervisor), b"MZ...", "virus.exe")
    assert response.status_code == 200
    assert "รองรับเฉพาะไฟล์ .csv และ .xlsx" in response.content.decode()
    assert stored_files() == []


def test_cancel_removes_the_upload(as_user, supervisor):
    client = as_user(supervisor)
    token = token_of(upload(client, to_csv(school_rows(3))))
    client.post(reverse("schools:import_confirm", args=[token]), {"action": "cancel"})
    assert stored_files() == []
    assert client.get(reverse("schools:import_preview", args=[token])).status_code == 404


def test_another_user_cannot_use_my_upload(as_user, supervisor, district_admin, client):
    token = token_of(upload(as_user(supervisor), to_csv(school_rows(3))))
    client.force_login(district_admin)
    assert client.get(reverse("schools:import_preview", args=[token])).status_code == 404
    response = client.post(reverse("schools:import_confirm", args=[token]), {"action": "import"})
    assert response.status_code == 404
    assert School.objects.count() == 0


def test_import_pages_are_for_supervisors_and_admins(
    as_user, executive, school_staff, committee_member, client
):
    for user in (executive, school_staff, committee_member):
        assert as_user(user).get(IMPORT).status_code == 403
    client.logout()
    response = client.get(IMPORT)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_district_admin_may_import(as_user, district_admin):
    response = as_user(district_admin).get(IMPORT)
    assert response.status_code == 200 and "school-import-form" in response.content.decode()


def test_export_downloads_the_filtered_office_list(
    as_user, executive, school, school2, other_office_school
):
    client = as_user(executive)
    response = client.get(reverse("schools:export"), {"file_format": "csv", "q": "หนองไผ่"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "โรงเรียนบ้านหนองไผ่" in text
    assert "โรงเรียนบ้านโนนสูง" not in text and "โรงเรียนบ้านต่างเขต" not in text
    xlsx = client.get(reverse("schools:export"), {"file_format": "xlsx"})
    assert xlsx.content.startswith(b"PK")


def test_export_forbidden_for_school_staff_and_committee(
    as_user, school_staff, committee_member, client
):
    assert as_user(school_staff).get(reverse("schools:export")).status_code == 403
    assert as_user(committee_member).get(reverse("schools:export")).status_code == 403
    client.logout()
    assert client.get(reverse("schools:export")).status_code == 302


def test_anonymous_cannot_reach_preview_or_confirm(client):
    token = "0" * 32
    for response in (
        client.get(reverse("schools:import_preview", args=[token])),
        client.post(reverse("schools:import_confirm", args=[token]), {"action": "import"}),
    ):
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_superuser_without_office_chooses_one(client, office, other_office):
    from tests.factories import UserFactory

    root = UserFactory(username="root", area_office=None, is_superuser=True, is_staff=True)
    client.force_login(root)
    response = client.post(
        IMPORT,
        {"file": SimpleUploadedFile("a.csv", to_csv(school_rows(2))), "office": other_office.pk},
    )
    token = token_of(response)
    client.post(reverse("schools:import_confirm", args=[token]), {"action": "import"})
    assert School.objects.filter(area_office=other_office).count() == 2
    assert School.objects.filter(area_office=office).count() == 0
