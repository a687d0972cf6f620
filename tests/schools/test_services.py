"""Importing school lists: all-or-nothing, skipping error rows, updates."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from schools.models import Cluster, School
from schools.services import school_import_apply
from schools.tables import check_file
from tests.factories import SchoolFactory
from tests.schools.factories import bad_thousand, school_rows, to_csv

pytestmark = pytest.mark.django_db


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
