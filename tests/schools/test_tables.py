"""Reading and checking school lists: the preview's verdict per row, encodings, formats."""

import pytest

from schools.tables import ImportFileError, check_file
from tests.schools.factories import bad_thousand, school_rows, to_csv, to_xlsx

pytestmark = pytest.mark.django_db


def test_thousand_rows_with_bad_ones_give_a_clear_preview(office):
    check = check_file(office, to_csv(bad_thousand(), thai_headers=True), "schools.csv")
    assert check.counts == {"new": 996, "updated": 0, "unchanged": 0, "error": 4}
    errors = {row.number: row.reason for row in check.rows if row.status == "error"}
    assert errors[12] == "รหัสสถานศึกษาต้องเป็นตัวเลข 10 หลัก (พบ “12345”)"
    assert errors[501] == "รหัสสถานศึกษาซ้ำกับแถวที่ 502 ในไฟล์"
    assert errors[502] == "รหัสสถานศึกษาซ้ำกับแถวที่ 501 ในไฟล์"
    assert errors[902].startswith("ไม่รู้จักระดับที่เปิดสอน “อุดมศึกษา”")
    assert check.summary() == "new 996, updated 0, unchanged 0, errors 4"


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
