"""Issue 18 item 6: the lists users export — target matrix, review queue, visit list and
self-evaluations — as XLSX: the rows the list's filters choose (every row, not one page),
only what the user may see, formula-safe, with the list's roles, and bounded queries."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sar.models import SelfAssessmentReport
from supervision.models import Visit
from tests.factories import SchoolFactory
from tests.standards.factories import SchoolTargetFactory, national_item
from tests.supervision.factories import SelfEvaluationFactory, VisitFactory, standard_set

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOSTILE = '=HYPERLINK("http://evil.example/","คลิก")'


def sheet_rows(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def submitted(school, year, days_ago=3):
    at = timezone.now() - datetime.timedelta(days=days_ago)
    return SelfAssessmentReport.objects.create(
        school=school,
        academic_year=year,
        status=SelfAssessmentReport.Status.SUBMITTED,
        first_submitted_at=at,
        last_submitted_at=at,
    )


def test_review_queue_xlsx(
    client, as_user, supervisor, school_staff, other_supervisor, school, office, academic_year
):
    hostile = SchoolFactory(area_office=office, code="1034550099", name=HOSTILE)
    submitted(school, academic_year, days_ago=5)
    submitted(hostile, academic_year, days_ago=1)
    url = reverse("sar:review_queue_xlsx")
    rows = sheet_rows(as_user(supervisor).get(url))
    assert rows[0][:2] == ["รหัสสถานศึกษา", "ชื่อสถานศึกษา"]
    # The longest-waiting first, as on the page; the hostile name is text, not a formula.
    assert [r[1] for r in rows[1:]] == ["โรงเรียนบ้านหนองไผ่", "'" + HOSTILE]
    assert rows[1][3] == 2567
    assert [r[1] for r in sheet_rows(as_user(supervisor).get(url, {"q": "หนองไผ่"}))[1:]] == [
        "โรงเรียนบ้านหนองไผ่"
    ]
    assert len(sheet_rows(as_user(other_supervisor).get(url))) == 1  # header only
    assert as_user(school_staff).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    assert client.post(url).status_code in (302, 405)


def test_visit_list_xlsx_follows_the_filters_and_the_roles(
    client, as_user, supervisor, school_staff, other_supervisor, school, school2, academic_year
):
    standard_set(school)
    VisitFactory(school=school, academic_year=academic_year, date=datetime.date(2024, 7, 10))
    VisitFactory(
        school=school2,
        academic_year=academic_year,
        date=datetime.date(2024, 8, 1),
        status=Visit.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    url = reverse("supervision:visit_list_xlsx")
    rows = sheet_rows(as_user(supervisor).get(url))
    assert [r[1] for r in rows[1:]] == ["โรงเรียนบ้านหนองไผ่", "โรงเรียนบ้านโนนสูง"]
    assert rows[1][3] == "10 ก.ค. 67" and rows[1][4] == "2567/1"
    published = sheet_rows(as_user(supervisor).get(url, {"status": "published"}))
    assert [r[1] for r in published[1:]] == ["โรงเรียนบ้านโนนสูง"]
    # A school sees only its own published visits: none here.
    assert len(sheet_rows(as_user(school_staff).get(url))) == 1
    assert len(sheet_rows(as_user(other_supervisor).get(url))) == 1
    client.logout()
    assert client.get(url).status_code == 302


def test_self_evaluation_xlsx(
    client, as_user, supervisor, committee_member, other_supervisor, school, academic_year
):
    SelfEvaluationFactory(school=school, academic_year=academic_year, notes=HOSTILE)
    url = reverse("supervision:self_evaluation_list_xlsx")
    rows = sheet_rows(as_user(supervisor).get(url))
    assert len(rows) == 2 and rows[1][1] == "โรงเรียนบ้านหนองไผ่"
    assert rows[1][-1] == "'" + HOSTILE
    assert len(sheet_rows(as_user(other_supervisor).get(url))) == 1
    assert as_user(committee_member).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_target_matrix_xlsx_has_every_school_not_one_page(
    client, as_user, supervisor, school_staff, office, school, academic_year
):
    SchoolTargetFactory(
        school=school,
        academic_year=academic_year,
        item=national_item("MOE2561-BASIC", "1.1.1"),
        target_level=5,
        target_percent="80.00",
    )
    SchoolFactory.create_batch(60, area_office=office)  # more than one page of the matrix
    url = reverse("standards:target_matrix_xlsx")
    rows = sheet_rows(as_user(supervisor).get(url))
    assert len(rows) == 1 + 61
    assert rows[0][3].startswith("1.1.1 ")
    mine = next(r for r in rows if r[0] == "1034550001")
    assert mine[3] == "ยอดเยี่ยม (80%)"
    assert as_user(school_staff).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("count", [5, 120])
def test_exports_run_bounded_queries(
    as_user, supervisor, office, academic_year, count, django_assert_max_num_queries
):
    for school in SchoolFactory.create_batch(count, area_office=office):
        submitted(school, academic_year)
        VisitFactory(school=school, academic_year=academic_year)
        SelfEvaluationFactory(school=school, academic_year=academic_year)
    client = as_user(supervisor)
    for name in (
        "sar:review_queue_xlsx",
        "supervision:visit_list_xlsx",
        "supervision:self_evaluation_list_xlsx",
        "standards:target_matrix_xlsx",
    ):
        with django_assert_max_num_queries(16):
            response = client.get(reverse(name))
        assert response.status_code == 200
