"""Exporting school lists and the admin's import: round trips, formula cells, headers."""

import pytest
import tablib

from schools.models import School, SchoolImport
from schools.resources import SchoolResourceThai, ThaiCSV, export_csv_bytes, export_xlsx_bytes
from schools.services import school_import_apply
from schools.tables import check_file, read_table
from tests.factories import SchoolFactory
from tests.schools.factories import bad_thousand, school_rows, to_csv

pytestmark = pytest.mark.django_db


def test_names_round_trip_byte_for_byte_through_csv_and_xlsx(office, cluster):
    names = [
        "โรงเรียนบ้านหนองผือ(ประชาสามัคคี)",
        "โรงเรียนชุมชนบ้านโพธิ์ไทร “ศรีสุข”",
        "=โรงเรียนที่ชื่อขึ้นต้นด้วยเครื่องหมาย",
        "โรงเรียนบ้านกุดเรือคำ  เขียนเว้นสองช่อง",
        "โรงเรียนน้ำใส่ใจ ฯลฯ ๑๒๓",
    ]
    for i, name in enumerate(names):
        SchoolFactory(area_office=office, cluster=cluster, code=f"10345501{i:02d}", name=name)
    before = {s.code: s.name.encode("utf-8") for s in School.objects.all()}
    queryset = School.objects.filter(area_office=office)
    for data in (
        export_csv_bytes(queryset),
        export_csv_bytes(queryset, thai_headers=False),
        export_xlsx_bytes(queryset),
    ):
        check = check_file(office, data)
        assert check.counts == {"new": 0, "updated": 0, "unchanged": 5, "error": 0}
        assert {r.code: r.name.encode("utf-8") for r in check.rows} == before
    school_import_apply(office=office, data=export_csv_bytes(queryset))
    assert {s.code: s.name.encode("utf-8") for s in School.objects.all()} == before


def test_export_neutralises_formula_cells(office):
    SchoolFactory(
        area_office=office,
        code="1034550100",
        name='=HYPERLINK("http://x")',
        district="+อำเภอ",
        phone="-",
        director_name="@me",
    )
    headers, rows, _ = read_table(export_csv_bytes(School.objects.all(), thai_headers=False))
    row = dict(zip(headers, next(rows)[1], strict=False))
    assert row["name"] == '\'=HYPERLINK("http://x")'
    assert row["district"] == "'+อำเภอ"
    assert row["phone"] == "'-"
    assert row["director_name"] == "'@me"
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export_xlsx_bytes(School.objects.all()))).active
    assert sheet.cell(row=2, column=2).value == '\'=HYPERLINK("http://x")'


def test_export_headers(office, school):
    thai_headers, _, _ = read_table(export_csv_bytes(School.objects.all()))
    assert thai_headers[:8] == [
        "รหัสสถานศึกษา",
        "ชื่อสถานศึกษา",
        "ตำบล",
        "อำเภอ",
        "จังหวัด",
        "ระดับที่เปิดสอน",
        "จำนวนนักเรียน",
        "สหวิทยาเขต",
    ]
    english, _, _ = read_table(export_csv_bytes(School.objects.all(), thai_headers=False))
    assert english[:8] == [
        "code",
        "name",
        "subdistrict",
        "district",
        "province",
        "levels",
        "students",
        "cluster",
    ]
    assert export_csv_bytes(School.objects.all()).startswith(b"\xef\xbb\xbf")


# --- The django-import-export resource behind the admin -----------------------------


def admin_dataset(data):
    return ThaiCSV().create_dataset(data)


def test_admin_resource_reports_bad_rows_with_thai_reasons(office):
    resource = SchoolResourceThai(office=office)
    result = resource.import_data(
        admin_dataset(to_csv(bad_thousand()[:20], thai_headers=True)), dry_run=True
    )
    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert invalid.number == 11  # import-export counts data rows from 1
    assert "แถวที่ 12 ของไฟล์: รหัสสถานศึกษาต้องเป็นตัวเลข 10 หลัก" in str(invalid.error_dict)
    assert School.objects.count() == 0


def test_admin_resource_imports_and_skips_unchanged(office):
    data = to_csv(school_rows(15), thai_headers=False, encoding="cp874")
    result = SchoolResourceThai(office=office).import_data(admin_dataset(data), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert School.objects.filter(area_office=office).count() == 15
    first = school_rows(1)[0]
    assert School.objects.get(code=first["code"]).levels_display == first["levels"]
    assert School.objects.get(code=first["code"]).cluster.name == first["cluster"]
    again = SchoolResourceThai(office=office).import_data(admin_dataset(data), dry_run=True)
    assert again.totals["skip"] == 15


def test_admin_import_page_loads_for_district_admin(client, office):
    from tests.factories import UserFactory

    admin_user = UserFactory(
        username="root", role="district_admin", area_office=office, is_staff=True, is_superuser=True
    )
    client.force_login(admin_user)
    response = client.get("/admin/schools/school/import/")
    assert response.status_code == 200
    assert "หัวตารางภาษาไทย" in response.content.decode()


def test_dataset_helper_keeps_thai(office):
    dataset = admin_dataset(to_csv(school_rows(2), thai_headers=True, encoding="cp874"))
    assert isinstance(dataset, tablib.Dataset)
    assert dataset.headers[1] == "ชื่อสถานศึกษา"
    assert SchoolImport.objects.count() == 0


def test_admin_import_end_to_end(client, office):
    """Upload a cp874 file in the admin, read the preview, confirm: the schools exist."""
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    admin_user = UserFactory(
        username="office_admin",
        role="district_admin",
        area_office=office,
        is_staff=True,
        is_superuser=True,
    )
    client.force_login(admin_user)
    data = to_csv(school_rows(12), thai_headers=True, encoding="cp874")
    response = client.post(
        "/admin/schools/school/import/",
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("list.csv", data)},
    )
    content = response.content.decode()
    assert "โรงเรียนบ้านโนนไผ่ (1)" in content  # the preview decoded TIS-620
    fields = dict(
        re.findall(
            r'name="(import_file_name|original_file_name|format|resource)" value="([^"]*)"', content
        )
    )
    response = client.post("/admin/schools/school/process_import/", fields)
    assert response.status_code == 302
    assert School.objects.filter(area_office=office).count() == 12


def test_admin_import_writes_through_the_service(client, office):
    """Issue 11 item 4: the admin's confirmed import is school_import_apply's: a SchoolImport
    row naming the district admin (staff, not superuser) and dated student counts."""
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from iqa_district.accounts.groups import district_admin_group_ensure
    from tests.factories import UserFactory

    admin_user = UserFactory(
        username="t_import_admin", role="district_admin", area_office=office, is_staff=True
    )
    admin_user.groups.add(district_admin_group_ensure())
    client.force_login(admin_user)
    data = to_csv(school_rows(5), thai_headers=True, encoding="cp874")
    response = client.post(
        "/admin/schools/school/import/",
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("list.csv", data)},
    )
    assert response.status_code == 200
    fields = dict(
        re.findall(
            r'name="(import_file_name|original_file_name|format|resource)" value="([^"]*)"',
            response.content.decode(),
        )
    )
    assert School.objects.count() == 0  # the preview wrote nothing
    response = client.post("/admin/schools/school/process_import/", fields)
    assert response.status_code == 302
    record = SchoolImport.objects.get()
    assert record.imported_by == admin_user and record.area_office == office
    assert record.created_count == 5 and record.source_name == "list.csv"
    schools = School.objects.filter(area_office=office)
    assert schools.count() == 5
    assert set(schools.values_list("students_as_of", flat=True)) == {timezone.localdate()}
