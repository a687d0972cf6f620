"""Issue 17 item 3: every trigger tells the right people once: a SAR submitted (its
supervisors), returned and accepted (the school), a visit planned and its report
published (the school), a recommendation falling due (the school), a synthesis finished
or failed (who asked for it); the SAR reminders at the boundaries of their schedule and
the weekly digest, each exactly once when the beat runs again."""

import datetime

import pytest
from django.core import mail

from iqa_district.accounts.models import User
from iqa_district.notifications.models import Kind, Notification
from iqa_district.notifications.services import notifications_run_daily, weekly_digest_send
from sar import services as sar_services
from sar.followup import services as followup_services
from sar.followup.models import Recommendation
from sar.models import SynthesisRun
from sar.notifications import reminder_threshold
from sar.synthesis import services as synthesis_services
from supervision import services as supervision_services
from supervision.models import Visit
from tests.factories import UserFactory
from tests.sar.factories import SynthesisRunFactory, fill_version, make_test_standards
from tests.supervision.factories import VisitFactory, standard_set, template

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(school, school_staff, supervisor, cluster, office):
    school_staff.email = "school@example.ac.th"
    school_staff.save()
    supervisor.email = "sup@example.go.th"
    supervisor.save()
    cluster.supervisors.add(supervisor)
    # Another supervisor of the office, not of this cluster: not told about its SARs.
    UserFactory(username="t_sup_other_cluster", role=User.Role.SUPERVISOR, area_office=office)
    return school_staff, supervisor


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def sar(school, academic_year, school_staff):
    make_test_standards()
    return sar_services.sar_open(school=school, academic_year=academic_year, actor=school_staff)


def test_submit_return_accept(people, sar, mailed):
    staff, supervisor = people
    fill_version(sar.latest_version)
    with mailed():
        sar_services.sar_submit(report=sar, actor=staff)
    assert _kinds(supervisor) == [Kind.SAR_SUBMITTED]
    assert not Notification.objects.filter(recipient__username="t_sup_other_cluster").exists()
    told = Notification.objects.get(recipient=supervisor)
    assert told.title == "โรงเรียนบ้านหนองไผ่ ส่ง SAR ปีการศึกษา 2567 เข้าคิวตรวจแล้ว"
    assert mail.outbox[-1].to == ["sup@example.go.th"]
    with mailed():
        sar_services.sar_return(report=sar, actor=supervisor, comment="แนบรายงานการประชุม")
    returned = Notification.objects.get(recipient=staff, kind=Kind.SAR_RETURNED)
    assert returned.body == "สิ่งที่ต้องแก้ไข: แนบรายงานการประชุม"
    assert returned.link == f"/sar/{sar.pk}/"
    assert mail.outbox[-1].to == ["school@example.ac.th"]
    fill_version(sar.latest_version)
    sar_services.sar_submit(report=sar, actor=staff)
    sar_services.sar_accept(report=sar, actor=supervisor)
    assert sorted(_kinds(staff)) == sorted([Kind.SAR_RETURNED, Kind.SAR_ACCEPTED])
    # Submitted twice: two events, two notices; the drafts' saves told nobody.
    assert _kinds(supervisor) == [Kind.SAR_SUBMITTED, Kind.SAR_SUBMITTED]


def test_an_office_without_cluster_supervisors_tells_all_its_supervisors(
    school, school_staff, supervisor, sar
):
    fill_version(sar.latest_version)
    sar_services.sar_submit(report=sar, actor=school_staff)
    assert _kinds(supervisor) == [Kind.SAR_SUBMITTED]


def test_visit_planned_and_published(people, school, academic_year, committee_member):
    staff, supervisor = people
    standard_set(school)
    visit = supervision_services.visit_plan(
        school=school,
        kind=Visit.Kind.IQA_SUPERVISION,
        date=academic_year.semester1_starts_on,
        template=template("P1-7.2"),
        supervisors=[supervisor],
        actor=supervisor,
    )
    planned = Notification.objects.get(recipient=staff)
    assert planned.kind == Kind.VISIT_PLANNED
    assert planned.title.startswith("นัดหมายนิเทศ ติดตามระบบการประกันคุณภาพภายใน วันที่ ")
    assert planned.link == f"/supervision/visits/{visit.pk}/"
    visit.strengths, visit.improvements = "ครูมีแผนครบ", "การวัดผลรายบุคคล"
    visit.recommendations = "ควรวิเคราะห์ผลสัมฤทธิ์รายบุคคล"
    visit.findings = "พบว่ามีการประกันคุณภาพครบ"
    visit.acceleration_measures = "เร่งรัดการอ่าน"
    visit.save()
    supervision_services.visit_publish(visit=visit, actor=supervisor)
    assert sorted(_kinds(staff)) == sorted([Kind.VISIT_PLANNED, Kind.REPORT_PUBLISHED])


def test_a_recommendation_falling_due(people, school, academic_year):
    staff, supervisor = people
    due = datetime.date(2025, 3, 1)
    rec = followup_services.recommendation_give(
        school=school,
        academic_year=academic_year,
        source=Recommendation.Source.SAR_REVIEW,
        text="ควรเพิ่มหลักฐานเชิงประจักษ์",
        due_on=due,
        actor=supervisor,
    )
    assert notifications_run_daily(today=due - datetime.timedelta(days=1)) == 0
    assert notifications_run_daily(today=due) == 1
    assert notifications_run_daily(today=due) == 0  # the beat again: nothing new
    assert notifications_run_daily(today=due + datetime.timedelta(days=2)) == 0
    told = Notification.objects.get(recipient=staff, kind=Kind.RECOMMENDATION_DUE)
    assert "ควรเพิ่มหลักฐานเชิงประจักษ์" in told.body and "1 มีนาคม พ.ศ. 2568" in told.title
    # Closed ones are not chased.
    Recommendation.objects.filter(pk=rec.pk).update(status=Recommendation.Status.NOT_RELEVANT)
    Notification.objects.all().delete()
    assert notifications_run_daily(today=due) == 0


def test_synthesis_finished_and_failed_tell_who_asked(office, academic_year, supervisor):
    done = SynthesisRunFactory(
        area_office=office,
        academic_year=academic_year,
        status=SynthesisRun.Status.RUNNING,
        attempts=1,
        requested_by=supervisor,
    )
    assert synthesis_services.synthesis_finish(
        run_id=done.pk, attempt=1, results={"coverage": {"schools": 3}}, pdf=b"%PDF-", xlsx=b"x"
    )
    failed = SynthesisRunFactory(
        area_office=office,
        academic_year=academic_year,
        status=SynthesisRun.Status.RUNNING,
        attempts=1,
        requested_by=supervisor,
    )
    assert synthesis_services.synthesis_fail(run_id=failed.pk, attempt=1, reason="หน่วยความจำไม่พอ")
    assert not synthesis_services.synthesis_fail(run_id=failed.pk, attempt=1, reason="again")
    rows = {n.kind: n for n in Notification.objects.filter(recipient=supervisor)}
    assert set(rows) == {Kind.SYNTHESIS_DONE, Kind.SYNTHESIS_FAILED}
    assert rows[Kind.SYNTHESIS_FAILED].body == "สาเหตุ: หน่วยความจำไม่พอ"
    assert rows[Kind.SYNTHESIS_DONE].link == f"/sar/synthesis/{done.pk}/"


@pytest.mark.parametrize(
    ("days_left", "threshold"),
    [
        (31, None),
        (30, 30),
        (29, 30),
        (15, 30),
        (14, 14),
        (8, 14),
        (7, 7),
        (2, 7),
        (1, 1),
        (0, 1),
        (-1, None),
    ],
)
def test_reminder_thresholds(days_left, threshold):
    assert reminder_threshold(days_left) == threshold


def test_reminders_at_the_boundaries_exactly_once(
    school, school2, school_staff, school_staff2, academic_year, settings
):
    settings.SAR_REMINDER_DAYS = [30, 14, 7, 1]
    make_test_standards()
    sent = sar_services.sar_open(school=school2, academic_year=academic_year, actor=school_staff2)
    fill_version(sent.latest_version)
    sar_services.sar_submit(report=sent, actor=school_staff2)
    draft = sar_services.sar_open(school=school, academic_year=academic_year, actor=school_staff)
    deadline = academic_year.sar_deadline

    def run(days_left):
        return notifications_run_daily(today=deadline - datetime.timedelta(days=days_left))

    assert run(31) == 0
    assert run(30) == 1
    assert run(30) == 0  # the beat retried the same morning
    assert run(29) == 0  # still the 30-day reminder: already sent
    assert run(15) == 0
    assert run(14) == 1
    assert run(7) == 1
    assert run(1) == 1
    assert run(0) == 0  # the deadline day: the 1-day reminder was the last
    assert run(-1) == 0
    reminders = Notification.objects.filter(kind=Kind.SAR_REMINDER)
    assert set(reminders.values_list("recipient", flat=True)) == {school_staff.pk}
    assert reminders.count() == 4
    first = reminders.order_by("pk").first()
    assert first.title == "อีก 30 วัน ถึงกำหนดส่ง SAR ปีการศึกษา 2567"
    assert "31 พฤษภาคม พ.ศ. 2568" in first.body
    # A missed morning is caught up the next day, once.
    Notification.objects.filter(kind=Kind.SAR_REMINDER).delete()
    assert run(13) == 1 and run(12) == 0
    # A school that sent its SAR is no longer reminded; one returned to it is again.
    fill_version(draft.latest_version)
    sar_services.sar_submit(report=draft, actor=school_staff)
    assert run(6) == 0


def test_the_weekly_digest_once_a_week(people, school, academic_year, sar, office):
    staff, supervisor = people
    fill_version(sar.latest_version)
    sar_services.sar_submit(report=sar, actor=staff)
    VisitFactory(
        school=school,
        academic_year=academic_year,
        supervisors=[supervisor],
        date=datetime.date(2026, 12, 9),
    )
    monday = datetime.date(2026, 12, 7)
    # Both supervisors see the office's queue; only one has a visit coming.
    assert weekly_digest_send(today=monday) == 2
    assert weekly_digest_send(today=monday + datetime.timedelta(days=2)) == 0
    digest = Notification.objects.get(recipient=supervisor, kind=Kind.WEEKLY_DIGEST)
    assert "SAR รอตรวจในคิวของเขต 1 ฉบับ" in digest.body
    assert "การนิเทศของท่านใน 7 วันข้างหน้า 1 ครั้ง" in digest.body
    other = Notification.objects.get(
        recipient__username="t_sup_other_cluster", kind=Kind.WEEKLY_DIGEST
    )
    assert "การนิเทศ" not in other.body
    assert weekly_digest_send(today=monday + datetime.timedelta(days=7)) == 2


def test_the_finished_synthesis_notice_does_not_read_the_results_back(
    office, academic_year, supervisor
):
    # The results of a national office are megabytes of JSON, just written.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sar.notifications import synthesis_notify

    run = SynthesisRunFactory(
        area_office=office,
        academic_year=academic_year,
        status=SynthesisRun.Status.DONE,
        attempts=1,
        requested_by=supervisor,
        results={"coverage": {"schools": 3}, "schools": [{"code": "1"}] * 1000},
    )
    with CaptureQueriesContext(connection) as queries:
        synthesis_notify(run.pk)
    assert Notification.objects.get(recipient=supervisor).kind == Kind.SYNTHESIS_DONE
    assert not [q["sql"] for q in queries if '"sar_synthesisrun"."results"' in q["sql"]]
