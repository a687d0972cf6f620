"""Issue 11 item 15: a GET does not write. The rows of a visit's form are made when the
visit is planned (and, for visits planned before, by a data migration); opening the
form to fill it only reads."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standards.models import SchoolTarget
from supervision import services
from supervision.models import Visit
from tests.supervision.factories import VisitFactory, full_committee, standard_set, template

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def supervision_writes(queries):
    """The statements that wrote to supervision's tables (the session and login
    bookkeeping of other apps are not this page's doing)."""
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(WRITES) and '"supervision_' in q["sql"]
    ]


@pytest.fixture
def committee(office, academic_year, committee_member, supervisor):
    return full_committee(office=office, year=academic_year, users=[committee_member, supervisor])


def test_opening_the_fill_page_writes_nothing(
    as_user, supervisor, school, academic_year, committee
):
    standard_set(school)
    # A visit without rows, as visits planned before this change were.
    visit = VisitFactory(
        school=school, academic_year=academic_year, committee=committee, answers=False
    )
    client = as_user(supervisor)
    url = reverse("supervision:visit_fill", args=[visit.pk])
    client.get(url)  # the login's own bookkeeping happens on the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert supervision_writes(captured.captured_queries) == []
    assert not visit.answers.exists()


def test_opening_a_planned_visit_writes_nothing_and_shows_its_rows(
    as_user, supervisor, school, academic_year, committee
):
    standard_set(school)
    visit = services.visit_plan(
        school=school,
        kind=Visit.Kind.DISTRICT_VISIT,
        date=academic_year.semester1_starts_on,
        template=template("P2-7.1"),
        committee=committee,
        actor=supervisor,
    )
    client = as_user(supervisor)
    url = reverse("supervision:visit_fill", args=[visit.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        body = client.get(url).content.decode()
    assert supervision_writes(captured.captured_queries) == []
    assert "ประเด็นทดสอบ 2.2" in body


def test_planning_makes_the_rows_with_the_targets_known_then(
    supervisor, school, academic_year, committee
):
    sset = standard_set(school)
    item = sset.standards.get(number=1).items.get(code="1.1")
    SchoolTarget.objects.create(
        school=school, academic_year=academic_year, item=item, target_level=4, target_percent=80
    )
    visit = services.visit_plan(
        school=school,
        kind=Visit.Kind.DISTRICT_VISIT,
        date=academic_year.semester1_starts_on,
        template=template("P2-7.1"),
        committee=committee,
        actor=supervisor,
    )
    answers = list(visit.answers.order_by("order"))
    assert [a.standard_item.code for a in answers] == ["1.1", "1.2", "2.1", "2.2"]
    assert (answers[0].target_level, answers[0].target_percent) == (4, 80)
    p1 = services.visit_plan(
        school=school,
        kind=Visit.Kind.IQA_SUPERVISION,
        date=academic_year.semester1_starts_on,
        template=template("P1-7.2"),
        actor=supervisor,
    )
    assert p1.answers.count() == 9


def test_the_migration_makes_rows_for_unpublished_visits_planned_before(
    school, school2, academic_year
):
    standard_set(school)
    standard_set(school2, code="SUP-TEST-SCHOOL2")
    planned = VisitFactory(school=school, academic_year=academic_year, answers=False)
    published = VisitFactory(
        school=school2,
        academic_year=academic_year,
        status=Visit.Status.PUBLISHED,
        answers=False,
    )
    migration = importlib.import_module(
        "supervision.migrations.0005_prepare_answers_of_planned_visits"
    )
    migration.prepare(apps, None)
    assert planned.answers.count() == 4
    assert not published.answers.exists()  # a published report stays as it was published
    migration.prepare(apps, None)  # running it again adds nothing
    assert planned.answers.count() == 4
