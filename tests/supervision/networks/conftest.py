"""Fixtures of process 5 steps 2–5 and the district's training events: a cluster with its
supervisor, the year's plan and a done activity, and the same in another office."""

import datetime

import pytest

from supervision.networks import services
from supervision.networks.models import Activity, ParticipantRole, TrainingEvent
from tests.factories import ClusterFactory, SchoolFactory


@pytest.fixture
def cluster_supervisor(supervisor, cluster):
    cluster.supervisors.add(supervisor)
    return supervisor


@pytest.fixture
def plan(cluster, academic_year, cluster_supervisor):
    return services.plan_save(
        cluster=cluster,
        academic_year=academic_year,
        goals="ยกระดับการวัดผล",
        actor=cluster_supervisor,
    )


def make_activity(plan, actor, *, title="ประชุมเครือข่ายครูแกนนำ", done=True, objectives=None):
    activity = services.activity_save(
        plan=plan,
        actor=actor,
        kind=Activity.Kind.MEETING,
        title=title,
        starts_on=datetime.date(2024, 6, 20),
        objectives=objectives or "ครูออกแบบการวัดผลได้\nครูแลกเปลี่ยนแนวปฏิบัติ",
        place="โรงเรียนบ้านหนองไผ่",
        need_areas=["measurement"],
    )
    if done:
        services.activity_record(
            activity=activity, what_was_done="ประชุมปฏิบัติการ", results="ครูได้แนวทาง", actor=actor
        )
    return activity


@pytest.fixture
def activity(plan, cluster_supervisor):
    return make_activity(plan, cluster_supervisor)


@pytest.fixture
def participants(activity, school, school2, cluster_supervisor):
    rows = [
        services.participant_add(
            activity=activity, school=s, name=n, role=r, actor=cluster_supervisor
        )
        for s, n, r in [
            (school, "นางสาวสมใจ ใจดี", ParticipantRole.CORE_TEACHER),
            (school, "นายมานะ ขยัน", ParticipantRole.TEACHER),
            (school2, "นางปราณี ศรีสุข", ParticipantRole.DIRECTOR),
        ]
    ]
    services.attendance_set(
        activity=activity, attended_ids=[rows[0].pk, rows[2].pk], actor=cluster_supervisor
    )
    return rows


@pytest.fixture
def other_cluster(other_office):
    return ClusterFactory(area_office=other_office, name="สหวิทยาเขตต่างเขต")


@pytest.fixture
def other_activity(other_cluster, other_office, academic_year, other_supervisor):
    other_cluster.supervisors.add(other_supervisor)
    SchoolFactory(area_office=other_office, cluster=other_cluster)
    plan = services.plan_save(
        cluster=other_cluster, academic_year=academic_year, goals="", actor=other_supervisor
    )
    return make_activity(plan, other_supervisor, title="กิจกรรมต่างเขต")


@pytest.fixture
def event(office, academic_year, supervisor):
    return services.training_save(
        office=office,
        academic_year=academic_year,
        kind=TrainingEvent.Kind.IQA_TRAINING,
        title="อบรมการประกันคุณภาพภายในสถานศึกษา",
        held_on=datetime.date(2024, 7, 5),
        place="ห้องประชุมเขต",
        actor=supervisor,
    )


@pytest.fixture
def other_event(other_office, academic_year, other_supervisor):
    return services.training_save(
        office=other_office,
        academic_year=academic_year,
        kind=TrainingEvent.Kind.SHARING,
        title="เวทีต่างเขต",
        held_on=datetime.date(2024, 7, 5),
        actor=other_supervisor,
    )
