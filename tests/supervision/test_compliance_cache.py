"""The compliance summary cached per question (issue 19 item 6) and invalidated by any
write to the tables it counts: the ORM's, a bulk update, a delete, a raw statement."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection

from schools.models import School
from supervision import compliance
from supervision.models import Visit
from tests.factories import AcademicYearFactory, SchoolFactory
from tests.supervision.factories import SelfEvaluationFactory, VisitFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the version triggers are PostgreSQL's"
    ),
]
TODAY = datetime.date(2025, 3, 1)


@pytest.fixture
def office_year(office):
    cache.clear()
    year = AcademicYearFactory(year=2567)
    for n in range(3):
        SchoolFactory(area_office=office, code=f"20{n:08d}")
    return office, year


def summary(office, year):
    return compliance.cached_summary(School.objects.filter(area_office=office), year, TODAY)


def published(office, year):
    return summary(office, year)["per_check"][4][1]  # schools with the report published


def test_a_repeated_question_is_answered_from_the_cache(office_year, django_assert_num_queries):
    office, year = office_year
    first = summary(office, year)
    with django_assert_num_queries(1):  # the version only
        again = summary(office, year)
    assert again == first
    assert first == compliance.counted_summary(
        School.objects.filter(area_office=office), year, TODAY
    )


def test_every_kind_of_write_invalidates(office_year):
    office, year = office_year
    school = School.objects.filter(area_office=office).first()
    assert published(office, year) == 0
    visit = VisitFactory(school=school, academic_year=year, status=Visit.Status.PUBLISHED)
    assert published(office, year) == 1  # an ORM insert
    Visit.objects.filter(pk=visit.pk).update(status=Visit.Status.PLANNED)
    assert published(office, year) == 0  # a bulk update, which no save() hook sees
    with connection.cursor() as cursor:
        cursor.execute("UPDATE supervision_visit SET status = 'published'")
    assert published(office, year) == 1  # raw SQL
    Visit.objects.all().delete()
    assert published(office, year) == 0
    before = summary(office, year)["per_check"][1][1]
    SelfEvaluationFactory(school=school, academic_year=year, semester=1)
    assert summary(office, year)["per_check"][1][1] == before + 1
    School.objects.filter(pk=school.pk).update(is_active=False)
    assert summary(office, year)["total"] == 3  # the query counts inactive ones too
    assert (
        compliance.cached_summary(
            School.objects.filter(area_office=office, is_active=True), year, TODAY
        )["total"]
        == 2
    )


def test_dashboard_cards_are_cached_and_follow_writes(supervisor, office):
    from sar.dashboard import sar_cards
    from sar.models import SelfAssessmentReport
    from standards.dashboard import target_cards
    from tests.standards.factories import SchoolTargetFactory, national_item

    cache.clear()
    year = AcademicYearFactory(year=2567, is_current=True)
    school = SchoolFactory(area_office=office)
    assert target_cards(supervisor)[0].value == 0
    SchoolTargetFactory(
        school=school, academic_year=year, item=national_item("MOE2561-BASIC", "1.1.1")
    )
    assert target_cards(supervisor)[0].value == 1
    assert sar_cards(supervisor)[0].value == "0.0%"
    SelfAssessmentReport.objects.create(school=school, academic_year=year, status="draft")
    SelfAssessmentReport.objects.update(
        first_submitted_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    assert sar_cards(supervisor)[0].value == "100.0%"
