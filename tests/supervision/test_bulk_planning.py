"""Issue 18 item 3: visits planned in bulk — a cluster or a selection, a date range, a
committee and a form; a preview with each school's weekday and the clashes flagged (the
committee booked that day, a school visited twice), then all or none."""

import datetime
import uuid

import pytest
from django.urls import reverse

from supervision import planning
from supervision.models import Visit
from tests.factories import ClusterFactory, SchoolFactory
from tests.supervision.factories import VisitFactory, full_committee, template

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2024, 7, 8)
URL = reverse("supervision:visit_bulk_plan")


@pytest.fixture
def committee(office, academic_year):
    return full_committee(office=office, year=academic_year)


@pytest.fixture
def cluster_schools(office):
    cluster = ClusterFactory(area_office=office, name="กลุ่มเครือข่ายโขงเจียม")
    schools = [
        SchoolFactory(area_office=office, cluster=cluster, code=f"10345599{n:02d}")
        for n in range(3)
    ]
    return cluster, schools


def post_data(cluster, committee, *, action="preview", end=None, key=None, rows=(), **extra):
    data = {
        "cluster": cluster.pk,
        "start": MONDAY.isoformat(),
        "end": (end or MONDAY + datetime.timedelta(days=13)).isoformat(),
        "per_day": 1,
        "kind": Visit.Kind.DISTRICT_VISIT,
        "template": template("P2-7.1").pk,
        "committee": committee.pk,
        "submission_key": str(key or uuid.uuid4()),
        "action": action,
        "row": list(rows),
    }
    data.update(extra)
    return data


def test_preview_gives_weekdays_skips_the_committees_booked_day_and_flags_a_second_visit(
    as_user, supervisor, committee, cluster_schools, academic_year
):
    cluster, schools = cluster_schools
    other_school = SchoolFactory(area_office=cluster.area_office)
    VisitFactory(
        school=other_school,
        academic_year=academic_year,
        committee=committee,
        date=MONDAY + datetime.timedelta(days=1),
    )  # the committee's Tuesday
    VisitFactory(school=schools[2], academic_year=academic_year, date=datetime.date(2024, 6, 3))
    response = as_user(supervisor).post(URL, post_data(cluster, committee))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r.school, r.date) for r in rows] == [
        (schools[0], MONDAY),
        (schools[1], MONDAY + datetime.timedelta(days=2)),  # Tuesday is the committee's
        (schools[2], MONDAY + datetime.timedelta(days=3)),
    ]
    assert rows[0].conflicts == [] and rows[1].conflicts == []
    assert rows[2].conflicts == ["มีการนิเทศประเภทนี้ในปีการศึกษานี้แล้ว (3 มิ.ย. 2567)"]
    page = response.content.decode()
    assert f'value="{rows[0].key}" id="row-{schools[0].pk}" aria-label' in page
    assert "มีรายการที่ต้องตรวจสอบ 1 แห่ง" in page
    # Nothing is planned by a preview.
    assert Visit.objects.filter(school__in=schools, committee=committee).count() == 0


def test_a_range_too_short_leaves_schools_without_a_date(committee, cluster_schools):
    _cluster, schools = cluster_schools
    rows = planning.bulk_plan_preview(
        schools=schools,
        start=MONDAY,
        end=MONDAY + datetime.timedelta(days=1),
        per_day=1,
        kind=Visit.Kind.DISTRICT_VISIT,
        committee=committee,
        academic_year_id=None,
    )
    assert [r.date for r in rows] == [MONDAY, MONDAY + datetime.timedelta(days=1), None]
    assert rows[2].conflicts == ["วันทำการในช่วงวันที่ที่เลือกไม่พอ"]
    # Weekends are skipped and two a day fit.
    rows = planning.bulk_plan_preview(
        schools=schools,
        start=datetime.date(2024, 7, 12),  # a Friday
        end=datetime.date(2024, 7, 15),
        per_day=2,
        kind=Visit.Kind.DISTRICT_VISIT,
        committee=None,
        academic_year_id=None,
    )
    assert [r.date for r in rows] == [
        datetime.date(2024, 7, 12),
        datetime.date(2024, 7, 12),
        datetime.date(2024, 7, 15),
    ]


def test_confirm_plans_the_ticked_rows_once(
    as_user, supervisor, committee, cluster_schools, academic_year
):
    cluster, schools = cluster_schools
    client = as_user(supervisor)
    rows = client.post(URL, post_data(cluster, committee)).context["rows"]
    key = uuid.uuid4()
    ticked = [rows[0].key, rows[2].key]
    data = post_data(cluster, committee, action="confirm", key=key, rows=ticked)
    response = client.post(URL, data)
    assert response.status_code == 302
    planned = Visit.objects.filter(committee=committee).order_by("date")
    assert [(v.school, v.date, v.status) for v in planned] == [
        (schools[0], MONDAY, Visit.Status.PLANNED),
        (schools[2], rows[2].date, Visit.Status.PLANNED),
    ]
    assert all(v.answers.exists() for v in planned)  # the form's rows, made at planning
    # The same confirmation again (a double click): nothing more.
    assert client.post(URL, data).status_code == 302
    assert Visit.objects.filter(committee=committee).count() == 2


def test_a_booking_made_after_the_preview_refuses_the_whole_batch(
    as_user, supervisor, committee, cluster_schools, academic_year
):
    cluster, schools = cluster_schools
    client = as_user(supervisor)
    rows = client.post(URL, post_data(cluster, committee)).context["rows"]
    # Someone on another PC books the committee on the second school's day.
    VisitFactory(
        school=SchoolFactory(area_office=cluster.area_office),
        academic_year=academic_year,
        committee=committee,
        date=rows[1].date,
    )
    data = post_data(cluster, committee, action="confirm", rows=[r.key for r in rows[:2]])
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "คณะกรรมการมีนัดนิเทศแล้วในวันที่" in response.content.decode()
    assert not Visit.objects.filter(school__in=schools).exists()


def test_rows_outside_the_selection_are_refused(
    as_user, supervisor, committee, cluster_schools, other_office_school
):
    cluster, _schools = cluster_schools
    data = post_data(
        cluster, committee, action="confirm", rows=[f"{other_office_school.pk}:2024-07-08"]
    )
    response = as_user(supervisor).post(URL, data)
    assert response.status_code == 400
    assert "รายการที่เลือกไม่ถูกต้อง" in response.content.decode()
    assert not Visit.objects.exists()


def test_roles(
    client, as_user, school_staff, executive, other_supervisor, committee, cluster_schools
):
    cluster, _schools = cluster_schools
    assert client.get(URL).status_code == 302
    assert as_user(school_staff).get(URL).status_code == 403
    assert as_user(executive).get(URL).status_code == 403
    # Another office's supervisor cannot pick this office's cluster or committee.
    response = as_user(other_supervisor).post(URL, post_data(cluster, committee, action="confirm"))
    assert response.status_code == 200 and response.context["rows"] is None
    assert not Visit.objects.exists()


@pytest.mark.parametrize("count", [5, 60])
def test_preview_queries_are_bounded(
    as_user, supervisor, office, committee, academic_year, count, django_assert_max_num_queries
):
    cluster = ClusterFactory(area_office=office)
    SchoolFactory.create_batch(count, area_office=office, cluster=cluster)
    client = as_user(supervisor)
    with django_assert_max_num_queries(20):
        response = client.post(
            URL, post_data(cluster, committee, end=MONDAY + datetime.timedelta(days=120))
        )
    assert len(response.context["rows"]) == count
