"""Importing school lists: the preview, all-or-nothing, encodings, round trips."""

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.utils import timezone

from schools.models import Cluster, School, SchoolImport
from schools.resources import (
    ImportFileError,
    SchoolResourceThai,
    ThaiCSV,
    check_file,
    export_csv_bytes,
    export_xlsx_bytes,
    read_table,
)
from schools.services import school_import_apply
from tests.factories import SchoolFactory
from tests.schools.factories import school_rows, to_csv, to_xlsx

pytestmark = pytest.mark.django_db


def bad_thousand():
    """1,000 rows with three bad ones: a short code, a duplicate code, an unknown level."""
    rows = school_rows(1000)
    rows[10]["code"] = "12345"  # row 12 in the file
    rows[500]["code"] = rows[499]["code"]  # rows 501 and 502 share a code
    rows[900]["levels"] = "ปฐมวัย, อุดมศึกษา"  # row 902
    return rows


def test_thousand_rows_with_bad_ones_give_a_clear_preview(office):
    check = check_file(office, to_csv(bad_thousand(), thai_headers=True), "schools.csv")
    assert check.counts == {"new": 996, "updated": 0, "unchanged": 0, "error": 4}
    errors = {row.number: row.reason for row in check.rows if row.status == "error"}
    assert errors[12] == "รหัสสถานศึกษาต้องเป็นตัวเลข ๑๐ หลัก (พบ “12345”)"
    assert errors[501] == "รหัสสถานศึกษาซ้ำกับแถวที่ 502 ในไฟล์"
    assert errors[502] == "รหัสสถานศึกษาซ้ำกับแถวที่ 501 ในไฟล์"
    assert errors[902].startswith("ไม่รู้จักระดับที่เปิดสอน “อุดมศึกษา”")
    assert check.summary() == "new 996, updated 0, unchanged 0, errors 4"


def test_an_error_row_imports_nothing_then_the_fixed_file_imports_exactly(office):
    with pytest.raises(ValidationError) as exc:
        school_import_apply(office=office, data=to_csv(bad_thousand()))
    assert "ผิดพลาด 4 แถว" in exc.value.messages[0]
    assert School.objects.count() == 0 and Cluster.objects.count() == 0

    fixed = school_rows(1000)
    check, record = school_import_apply(office=office, data=to_csv(fixed), filename="fixed.csv")
    assert check.counts["new"] == 1000 and record.created_count == 1000
    assert School.objects.filter(area_office=office).count() == 1000
    school = School.objects.get(code=fixed[7]["code"])
    assert school.name == fixed[7]["name"]
    assert school.levels_display == fixed[7]["levels"]
    assert school.students == int(fixed[7]["students"])
    assert school.cluster.name == fixed[7]["cluster"]
    assert Cluster.objects.filter(area_office=office).count() == 7

    again = check_file(office, to_csv(fixed))
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 1000, "error": 0}


def test_skipping_error_rows_must_be_chosen_and_imports_only_valid_rows(office):
    check, record = school_import_apply(
        office=office, data=to_csv(bad_thousand()), skip_errors=True
    )
    assert School.objects.count() == 996
    assert record.skipped_error_count == 4
    assert not School.objects.filter(code="12345").exists()


def test_updates_are_listed_with_old_and_new_values(office, cluster):
    SchoolFactory(area_office=office, code="1034000001", name="โรงเรียนบ้านเก่า", students=100)
    rows = [{"code": "1034000001", "name": "โรงเรียนบ้านใหม่", "students": "120"}]
    check = check_file(office, to_csv(rows, columns=["code", "name", "students"]))
    (row,) = check.rows
    assert row.status == "updated"
    assert "ชื่อสถานศึกษา: “โรงเรียนบ้านเก่า” → “โรงเรียนบ้านใหม่”" in row.reason
    assert "จำนวนนักเรียน: “100” → “120”" in row.reason
    school_import_apply(office=office, data=to_csv(rows, columns=["code", "name", "students"]))
    school = School.objects.get(code="1034000001")
    assert (school.name, school.students) == ("โรงเรียนบ้านใหม่", 120)
    assert school.students_as_of == timezone.localdate()
    assert school.district == "เมืองอุบลราชธานี"  # a column not in the file is left alone


def test_another_office_school_is_an_error(office, other_office_school):
    rows = [{"code": other_office_school.code, "name": "โรงเรียนที่ไม่ใช่ของเรา"}]
    (row,) = check_file(office, to_csv(rows, columns=["code", "name"])).rows
    assert row.status == "error" and "ไม่ใช่ของสำนักงานเขตที่นำเข้า" in row.reason


def test_missing_code_column_is_a_file_error(office):
    data = "ชื่อสถานศึกษา,อำเภอ\nโรงเรียนบ้านหนองไผ่,สิรินธร\n".encode()
    with pytest.raises(ImportFileError, match="รหัสสถานศึกษา"):
        check_file(office, data)


def test_old_xls_is_refused_in_thai(office):
    with pytest.raises(ImportFileError, match=".xlsx"):
        check_file(office, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874", "tis-620"])
def test_encodings_are_detected(office, encoding):
    rows = school_rows(20)
    check = check_file(office, to_csv(rows, thai_headers=True, encoding=encoding))
    assert check.counts["new"] == 20
    assert [r.name for r in check.rows] == [r["name"] for r in rows]


def test_semicolon_separated_csv(office):
    data = "code;name;levels\n1034000009;โรงเรียนบ้านดอนแดง;ประถมศึกษา\n".encode()
    (row,) = check_file(office, data).rows
    assert row.status == "new" and row.values["offers_primary"] is True


def test_xlsx_with_numeric_codes(office):
    rows = school_rows(30)
    check = check_file(office, to_xlsx(rows), "schools.xlsx")
    assert check.counts["new"] == 30
    assert check.rows[0].code == rows[0]["code"]
    assert check.description == "Excel (.xlsx)"


def test_thai_digits_and_level_aliases(office):
    data = 'รหัสสถานศึกษา,ชื่อสถานศึกษา,ระดับที่เปิดสอน,จำนวนนักเรียน\n๑๐๓๔๐๐๐๐๑๑,โรงเรียนบ้านนาขาม,อนุบาล/ประถม/ม.ต้น,"๑,๒๐๐"\n'.encode()
    (row,) = check_file(office, data).rows
    assert row.status == "new" and row.code == "1034000011"
    assert row.values["students"] == 1200
    assert row.values["offers_lower_secondary"] and not row.values["offers_upper_secondary"]


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
    assert "แถวที่ 12 ของไฟล์: รหัสสถานศึกษาต้องเป็นตัวเลข ๑๐ หลัก" in str(invalid.error_dict)
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
