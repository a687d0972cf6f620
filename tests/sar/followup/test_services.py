"""A recommendation's life, from the visit that gave it to its closure a year later; the
overdue rule at its boundaries; who may do what; the share closed on time."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sar.followup import services
from sar.followup.models import Recommendation, RecommendationEvent
from tests.factories import AcademicYearFactory
from tests.standards.factories import national_item
from tests.supervision.factories import VisitFactory

Status = Recommendation.Status
TODAY = datetime.date(2025, 9, 1)


@pytest.fixture
def visit(school, academic_year):
    return VisitFactory(school=school, academic_year=academic_year)


@pytest.fixture
def given(visit, school, academic_year, supervisor):
    return services.recommendation_give(
        school=school,
        academic_year=academic_year,
        source=Recommendation.Source.VISIT,
        source_object=visit,
        item=national_item("MOE2561-BASIC", "1.1.1"),
        text="ควรจัดกิจกรรมส่งเสริมการอ่านอย่างต่อเนื่องทุกระดับชั้น",
        due_on=datetime.date(2025, 3, 31),
        actor=supervisor,
    )


def test_from_a_visit_to_closure_across_two_academic_years(
    given, visit, school, school_staff, supervisor
):
    assert given.source_object == visit
    assert given.standard == given.item.standard  # the item's standard is filled in
    assert given.status == Status.OPEN

    planned = services.recommendation_update(
        recommendation=given,
        actor=school_staff,
        status=Status.IN_PROGRESS,
        action="จัดตั้งชมรมรักการอ่าน",
        started_on=datetime.date(2024, 11, 1),
        owner=school_staff,
        lock_version=given.lock_version,
    )
    # The next academic year: still open, so it is carried forward.
    next_year = AcademicYearFactory(year=2568)
    assert Recommendation.objects.filter(school=school).open().get() == planned
    assert planned.academic_year.year == 2567 and next_year.year == 2568

    done = services.recommendation_update(
        recommendation=planned,
        actor=school_staff,
        status=Status.DONE,
        action="จัดตั้งชมรมรักการอ่าน และประเมินผลการอ่านทุกภาคเรียน",
        started_on=datetime.date(2024, 11, 1),
        completed_on=datetime.date(2025, 3, 15),
        lock_version=planned.lock_version,
    )
    assert not done.is_closed  # until the district confirms
    reopened = services.recommendation_reopen(
        recommendation=done, actor=supervisor, comment="ยังไม่พบหลักฐานผลการประเมินการอ่าน"
    )
    assert reopened.status == Status.IN_PROGRESS
    done = services.recommendation_update(
        recommendation=reopened,
        actor=school_staff,
        status=Status.DONE,
        action="แนบผลการประเมินการอ่านภาคเรียนที่ ๒",
        started_on=datetime.date(2024, 11, 1),
        completed_on=datetime.date(2025, 5, 20),
        lock_version=reopened.lock_version,
    )
    closed = services.recommendation_confirm(recommendation=done, actor=supervisor)
    assert closed.is_closed and closed.confirmed_by == supervisor
    assert not Recommendation.objects.open().exists()
    events = list(closed.events.values_list("action", "actor__username", "to_status"))
    A = RecommendationEvent.Action
    assert [e[0] for e in events] == [
        A.CREATED,
        A.UPDATED,
        A.UPDATED,
        A.REOPENED,
        A.UPDATED,
        A.CONFIRMED,
    ]
    assert events[0][1] == supervisor.username and events[1][1] == school_staff.username
    with pytest.raises(ValidationError):
        services.recommendation_update(
            recommendation=closed, actor=school_staff, status=Status.IN_PROGRESS
        )


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (TODAY, Status.OPEN, False),  # due today: not yet
        (TODAY - datetime.timedelta(days=1), Status.OPEN, True),
        (TODAY - datetime.timedelta(days=1), Status.IN_PROGRESS, True),
        (TODAY - datetime.timedelta(days=1), Status.DONE, False),  # the school's part is done
        (TODAY - datetime.timedelta(days=1), Status.NOT_RELEVANT, False),
        (None, Status.OPEN, False),
    ],
)
def test_overdue_at_the_boundaries(given, due, status, overdue):
    Recommendation.objects.filter(pk=given.pk).update(due_on=due, status=status)
    given.refresh_from_db()
    assert given.is_overdue(TODAY) is overdue
    assert Recommendation.objects.overdue(TODAY).filter(pk=given.pk).exists() is overdue


def test_done_needs_what_was_done_and_when(given, school_staff):
    with pytest.raises(ValidationError):
        services.recommendation_update(recommendation=given, actor=school_staff, status=Status.DONE)


def test_a_stale_update_is_refused_and_changes_nothing(given, school_staff):
    services.recommendation_update(
        recommendation=given, actor=school_staff, status=Status.PLANNED, lock_version=0
    )
    with pytest.raises(services.StaleRecommendationError):
        services.recommendation_update(
            recommendation=given, actor=school_staff, status=Status.NOT_DONE, lock_version=0
        )
    given.refresh_from_db()
    assert given.status == Status.PLANNED


def test_who_may_give_update_confirm(
    given, school, academic_year, other_supervisor, school_staff2, executive, school_staff
):
    with pytest.raises(PermissionDenied):
        services.recommendation_give(
            school=school,
            academic_year=academic_year,
            source=Recommendation.Source.SAR_REVIEW,
            text="x",
            actor=other_supervisor,
        )
    for outsider in (school_staff2, other_supervisor, executive):
        with pytest.raises(PermissionDenied):
            services.recommendation_update(
                recommendation=given, actor=outsider, status=Status.PLANNED
            )
    Recommendation.objects.filter(pk=given.pk).update(
        status=Status.DONE, action="ทำแล้ว", completed_on=TODAY
    )
    for outsider in (school_staff, executive, other_supervisor):
        with pytest.raises(PermissionDenied):
            services.recommendation_confirm(recommendation=given, actor=outsider)


def test_each_role_sees_its_own(given, school_staff, school_staff2, supervisor, other_supervisor):
    visible = Recommendation.objects.visible_to
    assert list(visible(school_staff)) == [given]
    assert list(visible(supervisor)) == [given]
    assert not visible(school_staff2).exists()
    assert not visible(other_supervisor).exists()


def test_share_closed_on_time(given, school, academic_year, supervisor, school_staff):
    assert services.closed_on_time_share(school) == 0.0  # one past due, not done
    late = services.recommendation_give(
        school=school,
        academic_year=academic_year,
        source=Recommendation.Source.SYNTHESIS,
        text="ควรยกระดับผลสัมฤทธิ์ทางการเรียนคณิตศาสตร์",
        due_on=datetime.date(2025, 3, 31),
        actor=None,
    )
    Recommendation.objects.filter(pk=given.pk).update(
        status=Status.DONE, action="ทำแล้ว", completed_on=datetime.date(2025, 3, 30)
    )
    Recommendation.objects.filter(pk=late.pk).update(
        status=Status.DONE, action="ทำแล้ว", completed_on=datetime.date(2025, 4, 2)
    )
    assert services.closed_on_time_share(school) == 50.0


def test_the_synthesis_gives_one_per_school_and_standard_below_target(
    office, cluster, other_office, academic_year, supervisor, other_supervisor
):
    from sar.synthesis import services as synthesis
    from tests.sar.factories import make_district

    make_district(office, cluster, other_office)
    run = synthesis.synthesis_start(office=office, academic_year=academic_year, queue=False)
    synthesis.synthesis_execute(run_id=run.pk)
    run.refresh_from_db()
    below = {
        (row["code"], entry["key"])
        for level_set in run.results["level_sets"]
        for entry in level_set["standards"]
        for row in entry["below_target"]
    }
    assert below  # the test district has schools below target
    with pytest.raises(PermissionDenied):
        services.recommendations_from_synthesis(run=run, actor=other_supervisor)
    given = services.recommendations_from_synthesis(
        run=run, actor=supervisor, due_on=datetime.date(2026, 3, 31)
    )
    assert {
        (r.school.code, f"{r.standard.standard_set.code}:{r.standard.number}") for r in given
    } == below
    assert all(
        r.source == Recommendation.Source.SYNTHESIS and r.source_object == run for r in given
    )
    assert "ยังไม่บรรลุค่าเป้าหมาย" in given[0].text
    assert services.recommendations_from_synthesis(run=run, actor=supervisor) == []
