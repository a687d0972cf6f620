"""The compliance counts made in SQL (dashboards, the page's summary and its state filters)
say what the rows built in Python say, for every mix of states and at every point of the
year; and the page's queries and its work do not grow with the office's schools."""

import datetime
import itertools
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sar.models import SelfAssessmentReport
from schools.models import School
from supervision import compliance
from supervision.models import Visit
from tests.factories import AcademicYearFactory, SchoolFactory
from tests.supervision.factories import SelfEvaluationFactory, VisitFactory

pytestmark = pytest.mark.django_db

PAST, FUTURE = datetime.date(2024, 7, 10), datetime.date(2025, 3, 1)
VISITS = [
    None,
    ("planned", PAST),
    ("in_progress", PAST),
    ("in_progress", FUTURE),
    ("published", PAST),
]
SARS = [None, "draft", "submitted", "returned", "accepted"]
EARLIER = [None, 1, 2, 3]  # a published district visit this many years before


@pytest.fixture
def years(db):
    return {y: AcademicYearFactory(year=y) for y in (2564, 2565, 2566, 2567)}


def build(office, years, combinations):
    year = years[2567]
    for n, (visit, se1, se2, sar, earlier) in enumerate(combinations):
        school = SchoolFactory(area_office=office, code=f"10{n:08d}")
        if visit:
            status, date = visit
            VisitFactory(school=school, academic_year=year, status=status, date=date)
        if se1:
            SelfEvaluationFactory(school=school, academic_year=year, semester=1)
        if se2:
            SelfEvaluationFactory(
                school=school, academic_year=year, semester=2, date=datetime.date(2025, 1, 10)
            )
        if sar:
            SelfAssessmentReport.objects.create(school=school, academic_year=year, status=sar)
        if earlier:
            VisitFactory(
                school=school,
                academic_year=years[2567 - earlier],
                status=Visit.Status.PUBLISHED,
                date=years[2567 - earlier].semester1_starts_on,
            )


@pytest.mark.parametrize(
    "today",
    [
        datetime.date(2024, 6, 1),  # early in the year: much is pending
        datetime.date(2024, 12, 1),  # semester 1 over
        datetime.date(2025, 5, 20),  # the year over, the SAR not yet due
        datetime.date(2025, 6, 10),  # everything due
    ],
)
def test_sql_counts_equal_the_rows(office, years, today):
    every = list(itertools.product(VISITS, (0, 1), (0, 1), SARS, EARLIER))
    build(office, years, random.Random(7).sample(every, 40))
    year = years[2567]
    schools = School.objects.filter(area_office=office).order_by("code")
    rows = compliance.compliance_rows(schools, year, today)

    assert compliance.counted_summary(schools, year, today) == compliance.summary(rows)
    for state in (compliance.GREEN, compliance.AMBER, compliance.RED):
        expected = {r.school.pk for r in rows if r.rag == state}
        assert (
            set(
                compliance.schools_in_state(schools, year, today, state).values_list(
                    "pk", flat=True
                )
            )
            == expected
        )
    flagged = {r.school.pk for r in rows if r.cycle.flagged}
    assert (
        set(compliance.schools_in_state(schools, year, today, "cycle").values_list("pk", flat=True))
        == flagged
    )


def test_the_page_builds_only_its_rows(as_user, supervisor, office, academic_year, monkeypatch):
    """At 120 schools the page's 100 rows are built, not 120; the queries are the same."""
    built = []
    original = compliance.annotated_schools

    def counting(schools, year, today):
        result = original(schools, year, today)
        built.append(len(result))
        return result

    monkeypatch.setattr(compliance, "annotated_schools", counting)
    client = as_user(supervisor)
    url = reverse("supervision:compliance")
    SchoolFactory.create_batch(3, area_office=office)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    School.objects.bulk_create(
        School(area_office=office, code=f"20{n:08d}", name=f"โรงเรียนทดสอบ {n}") for n in range(117)
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert built == [3, 100]
    assert response.context["page"].paginator.count == 120
    assert response.context["page"].paginator.num_pages == 2
