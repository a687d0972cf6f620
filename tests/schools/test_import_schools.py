"""manage.py import_schools: the same check and import as the browser, from a shell."""

import io

import pytest
from django.core.management import CommandError, call_command

from schools.models import School
from tests.schools.factories import school_rows, to_csv

pytestmark = pytest.mark.django_db


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
    assert "row 4 (10340): รหัสสถานศึกษาต้องเป็นตัวเลข 10 หลัก (พบ “10340”)" in output
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
