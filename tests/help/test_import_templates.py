"""Issue 18 item 5: each import template downloads as XLSX with the header row its
importer accepts and an example row, and the file as downloaded, filled with nothing but
its example row, imports cleanly through the real importer: schools.tables and the
school import service, schools.account_import and the account service,
external_eval.imports and its service, and the admin's committee-member resource."""

import io

import pytest
import tablib
from django.urls import reverse
from openpyxl import load_workbook

from external_eval import services as external_services
from external_eval.imports import check_file as check_results_file
from external_eval.models import OnesqaStandardResult
from iqa_district.accounts.models import User
from iqa_district.accounts.services import accounts_import_create
from iqa_district.help import import_templates
from schools.account_import import check_account_file
from schools.models import School
from schools.services import school_import_apply
from schools.tables import check_file as check_school_file
from standards.models import StandardSet
from supervision.models import CommitteeMember
from supervision.resources import CommitteeMemberResource
from tests.external_eval.factories import make_evaluation, make_round
from tests.supervision.factories import full_committee

pytestmark = pytest.mark.django_db
KEYS = ["schools", "accounts", "committee-members", "onesqa-results"]


def _download(client, key):
    response = client.get(reverse("help:template", args=[key]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return b"".join(response.streaming_content) if response.streaming else response.content


def _rows(data):
    sheet = load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_every_importer_has_its_template():
    assert [t.key for t in import_templates()] == KEYS


@pytest.mark.parametrize("key", KEYS)
def test_templates_are_for_district_staff(client, as_user, key, supervisor, school_staff):
    url = reverse("help:template", args=[key])
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 403
    rows = _rows(_download(as_user(supervisor), key))
    assert len(rows) == 2 and all(rows[0]) and any(rows[1])


def test_no_such_template_is_a_404(as_user, supervisor):
    assert as_user(supervisor).get(reverse("help:template", args=["nothing"])).status_code == 404


def test_the_school_template_imports_cleanly(as_user, district_admin, office, school):
    data = _download(as_user(district_admin), "schools")
    assert _rows(data)[0][:2] == ["รหัสสถานศึกษา", "ชื่อสถานศึกษา"]
    check = check_school_file(office, data, "schools.xlsx")
    assert not check.has_errors, [r.errors for r in check.rows]
    school_import_apply(office=office, data=data, filename="schools.xlsx", actor=district_admin)
    imported = School.objects.get(code="1034599901")
    assert imported.name == "โรงเรียนบ้านโนนสวรรค์" and imported.students == 215
    assert imported.cluster == school.cluster  # the example names the office's cluster


def test_the_account_template_imports_cleanly(as_user, district_admin, office, school):
    data = _download(as_user(district_admin), "accounts")
    check = check_account_file(office, data, "accounts.xlsx")
    assert not check.has_errors, [r.errors for r in check.rows]
    assert check.counts["new"] == 1
    accounts_import_create(
        accounts=check.accounts(), actor=district_admin, base_url="https://iqa.example.go.th"
    )
    user = User.objects.get(email="pimchanok.s@example.ac.th")
    assert user.role == User.Role.SCHOOL_STAFF and user.school == school


def test_the_committee_member_template_imports_cleanly(
    as_user, district_admin, office, academic_year
):
    committee = full_committee(office=office, year=academic_year)
    data = _download(as_user(district_admin), "committee-members")
    dataset = tablib.Dataset().load(data, format="xlsx")
    result = CommitteeMemberResource().import_data(dataset, dry_run=False, user=district_admin)
    assert not result.has_errors() and not result.has_validation_errors()
    member = committee.members.get(name="นางสาวรัตนา บุญประเสริฐ")
    assert member.role == CommitteeMember.Role.MEMBER


def test_the_onesqa_template_imports_cleanly(as_user, supervisor, office, school, academic_year):
    onesqa_round = make_round(*StandardSet.objects.filter(code="MOE2561-BASIC"), number=5)
    evaluation = make_evaluation(school, onesqa_round, academic_year)
    data = _download(as_user(supervisor), "onesqa-results")
    assert _rows(data)[1][0] == school.code
    check = check_results_file(onesqa_round, office, data, "onesqa.xlsx")
    assert not check.has_errors, [r.errors for r in check.rows]
    external_services.results_import_apply(
        onesqa_round=onesqa_round,
        office=office,
        data=data,
        filename="onesqa.xlsx",
        source="final",
        actor=supervisor,
    )
    result = OnesqaStandardResult.objects.get(evaluation=evaluation)
    assert result.standard.number == 1 and result.level.label == "ดีเลิศ"
