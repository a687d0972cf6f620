"""Compliance per school and academic year: states, RAG, filters, XLSX, bounded queries."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sar.models import SelfAssessmentReport
from schools.models import School
from supervision import compliance
from supervision.models import Visit
from tests.factories import AcademicYearFactory, ClusterFactory, SchoolFactory
from tests.supervision.factories import SelfEvaluationFactory, VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(db):
    return AcademicYearFactory(year=2567)


def make_compliant(school, year):
    VisitFactory(school=school, academic_year=year, status=Visit.Status.PUBLISHED)
    SelfEvaluationFactory(school=school, academic_year=year, semester=1)
    SelfEvaluationFactory(
        school=school, academic_year=year, semester=2, date=datetime.date(2025, 1, 10)
    )
    SelfAssessmentReport.objects.create(school=school, academic_year=year, status="submitted")


def rows_for(office, year, today):
    schools = School.objects.filter(area_office=office).order_by("code")
    return {r.school.code: r for r in compliance.compliance_rows(schools, year, today)}


def test_states_and_rag_after_the_year(office, year):
    done = SchoolFactory(area_office=office)
    make_compliant(done, year)
    nothing = SchoolFactory(area_office=office)
    half = SchoolFactory(area_office=office)
    VisitFactory(school=half, academic_year=year, status=Visit.Status.PLANNED)
    SelfEvaluationFactory(school=half, academic_year=year, semester=1)
    SelfAssessmentReport.objects.create(school=half, academic_year=year, status="returned")

    after = datetime.date(2025, 7, 1)  # the year and the SAR deadline are over
    rows = rows_for(office, year, after)
    assert rows[done.code].rag == compliance.GREEN
    assert rows[nothing.code].rag == compliance.RED
    assert rows[nothing.code].states == dict.fromkeys(rows[nothing.code].states, "missing")
    assert rows[half.code].states == {
        "visit": "missing",
        "self_eval_1": "met",
        "self_eval_2": "missing",
        "sar": "missing",
        "report": "missing",
    }


def test_early_in_the_year_a_planned_visit_is_pending(office, year):
    school = SchoolFactory(area_office=office)
    VisitFactory(
        school=school,
        academic_year=year,
        status=Visit.Status.PLANNED,
        date=datetime.date(2024, 9, 1),
    )
    SelfEvaluationFactory(school=school, academic_year=year, semester=1)
    row = rows_for(office, year, datetime.date(2024, 7, 1))[school.code]
    assert row.states == {
        "visit": "pending",
        "self_eval_1": "met",
        "self_eval_2": "pending",
        "sar": "pending",
        "report": "pending",
    }
    assert row.rag == compliance.AMBER
    # A visit being recorded after its date counts as done.
    Visit.objects.filter(school=school).update(status=Visit.Status.IN_PROGRESS)
    row = rows_for(office, year, datetime.date(2024, 9, 2))[school.code]
    assert row.states["visit"] == "met" and row.states["report"] == "pending"


def test_an_unplanned_visit_is_red_even_early(office, year):
    school = SchoolFactory(area_office=office)
    row = rows_for(office, year, datetime.date(2024, 6, 1))[school.code]
    assert row.states["visit"] == "missing" and row.rag == compliance.RED


def test_summary_counts(office, year):
    make_compliant(SchoolFactory(area_office=office), year)
    SchoolFactory(area_office=office)
    rows = list(rows_for(office, year, datetime.date(2025, 7, 1)).values())
    summary = compliance.summary(rows)
    assert summary["counts"] == {"green": 1, "amber": 0, "red": 1}
    assert summary["overall"] == compliance.RED


@pytest.fixture
def current_year(db):
    """The academic year that contains today, so the page judges deadlines for real."""
    from django.utils import timezone

    from iqa_district.thai import academic_year_of

    return AcademicYearFactory(year=academic_year_of(timezone.localdate()), is_current=True)


def test_page_permissions_filters_and_content(
    client, as_user, supervisor, school_staff, committee_member, office, current_year
):
    other_cluster = ClusterFactory(area_office=office, name="กลุ่มเครือข่ายโขงเจียม")
    green = SchoolFactory(area_office=office, cluster=other_cluster, name="โรงเรียนครบถ้วน")
    today = datetime.date.today()
    VisitFactory(
        school=green, academic_year=current_year, status=Visit.Status.PUBLISHED, date=today
    )
    SelfEvaluationFactory(school=green, academic_year=current_year, semester=1, date=today)
    SelfEvaluationFactory(school=green, academic_year=current_year, semester=2, date=today)
    SelfAssessmentReport.objects.create(school=green, academic_year=current_year, status="accepted")
    SchoolFactory(area_office=office, name="โรงเรียนยังไม่ดำเนินการ")
    url = reverse("supervision:compliance")
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 403
    assert as_user(committee_member).get(url).status_code == 403
    page = as_user(supervisor).get(url).content.decode()
    assert "โรงเรียนครบถ้วน" in page and "โรงเรียนยังไม่ดำเนินการ" in page
    page = as_user(supervisor).get(url, {"cluster": other_cluster.pk}).content.decode()
    assert "โรงเรียนครบถ้วน" in page and "โรงเรียนยังไม่ดำเนินการ" not in page
    page = as_user(supervisor).get(url, {"status": "green"}).content.decode()
    assert "โรงเรียนครบถ้วน" in page and "โรงเรียนยังไม่ดำเนินการ" not in page
    page = as_user(supervisor).get(url, {"status": "red"}).content.decode()
    assert "โรงเรียนครบถ้วน" not in page and "โรงเรียนยังไม่ดำเนินการ" in page


def test_bounded_queries_whatever_the_number_of_schools(as_user, supervisor, office, current_year):
    client = as_user(supervisor)
    url = reverse("supervision:compliance")
    SchoolFactory.create_batch(5, area_office=office)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for s in SchoolFactory.create_batch(45, area_office=office):
        VisitFactory(school=s, academic_year=current_year)
        SelfEvaluationFactory(school=s, academic_year=current_year)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    # 14: the summary is one counting query (and, on PostgreSQL, the version of the data
    # it is cached under); the page builds only its own rows.
    assert len(many.captured_queries) == len(few.captured_queries) <= 14
    assert response.context["summary"]["total"] == 50


def test_xlsx_export_neutralises_formulas(
    as_user, supervisor, executive, school_staff, office, current_year
):
    SchoolFactory(area_office=office, name='=HYPERLINK("http://evil")')
    SchoolFactory(area_office=office, name="โรงเรียนปกติ")
    url = reverse("supervision:compliance_xlsx")
    assert as_user(school_staff).get(url).status_code == 403
    response = as_user(executive).get(url)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil")' in names and "โรงเรียนปกติ" in names
    assert sheet.cell(row=1, column=4).value.startswith("ตรวจเยี่ยม")
    assert all(
        not str(c.value).startswith("=") for row in sheet.iter_rows() for c in row if c.value
    )


def test_other_office_schools_are_not_listed(
    as_user, supervisor, other_office_school, current_year
):
    page = as_user(supervisor).get(reverse("supervision:compliance")).content.decode()
    assert other_office_school.name not in page
