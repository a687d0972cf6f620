"""Upload -> preview -> confirm in the browser, the export download and the command."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from schools.models import School, SchoolImport
from tests.schools.factories import school_rows, to_csv

pytestmark = pytest.mark.django_db

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


# --- manage.py import_schools ----------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("import_schools", *args, stdout=out)
    return out.getvalue()


def test_command_imports_and_reports(office, tmp_path):
    path = tmp_path / "schools.csv"
    path.write_bytes(to_csv(school_rows(25), thai_headers=True))
    output = run(str(path), "--office", office.code)
    assert output.splitlines()[0] == "new 25, updated 0, unchanged 0, errors 0"
    assert School.objects.count() == 25
    assert run(str(path)).splitlines()[0] == "new 0, updated 0, unchanged 25, errors 0"


def test_command_dry_run_and_errors(office, tmp_path):
    rows = school_rows(5)
    rows[2]["code"] = "10340"
    path = tmp_path / "schools.csv"
    path.write_bytes(to_csv(rows))
    output = run(str(path), "--dry-run")
    assert "new 4, updated 0, unchanged 0, errors 1" in output
    assert "row 4 (10340): รหัสสถานศึกษาต้องเป็นตัวเลข ๑๐ หลัก (พบ “10340”)" in output
    assert School.objects.count() == 0
    with pytest.raises(CommandError, match="nothing was imported"):
        run(str(path))
    assert School.objects.count() == 0
    assert "errors 1" in run(str(path), "--skip-errors")
    assert School.objects.count() == 4


def test_command_needs_office_when_there_are_several(office, other_office, tmp_path):
    path = tmp_path / "schools.csv"
    path.write_bytes(to_csv(school_rows(1)))
    with pytest.raises(CommandError, match="--office"):
        run(str(path))
    with pytest.raises(CommandError, match="no area office"):
        run(str(path), "--office", "NOPE")


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
