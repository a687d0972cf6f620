"""The computations: attendance of an activity (by school and role) and of a training
event, the satisfaction means, objectives achieved and the figures of form ๓ — exact
values on fixed rows."""

import datetime

import pytest

from supervision.networks import attendance, services
from supervision.networks.models import ActivityEvaluation, ParticipantRole
from supervision.networks.report import report_context
from tests.supervision.factories import NeedsSurveyFactory

from .conftest import make_activity

pytestmark = pytest.mark.django_db


def test_percent_is_half_up_at_one_decimal():
    assert attendance.percent(1, 8) == 12.5
    assert attendance.percent(2, 3) == 66.7
    assert attendance.percent(1, 6) == 16.7
    assert attendance.percent(0, 0) == 0.0


def test_activity_attendance_by_school_and_role(activity, participants, school, school2):
    result = attendance.activity_attendance(activity)
    assert (result.invited, result.attended, result.share) == (3, 2, 66.7)
    assert result.by_school == [(school.name, 2, 1), (school2.name, 1, 1)]
    assert result.by_role == [
        ("ผู้บริหารสถานศึกษา", 1, 1),
        ("ครู", 1, 0),
        ("ครูแกนนำ", 1, 1),
    ]


def test_attendance_set_replaces_the_previous_marks(activity, participants, cluster_supervisor):
    came = services.attendance_set(
        activity=activity, attended_ids=[participants[1].pk], actor=cluster_supervisor
    )
    assert came == 1
    assert [p.attended for p in participants[0].activity.participants.order_by("pk")] == [
        False,
        True,
        False,
    ]


def test_attendance_by_activity_counts_in_one_query(
    plan, activity, participants, cluster_supervisor, django_assert_num_queries
):
    empty = make_activity(plan, cluster_supervisor, title="สัมมนา")
    with django_assert_num_queries(1):
        counts = attendance.attendance_by_activity(plan.activities.all())
    assert counts == {activity.pk: (3, 2)}
    assert empty.pk not in counts


def test_training_attendance_by_school(event, school, school2, supervisor):
    a = services.training_attendee_add(event=event, school=school, name="ครู ก", actor=supervisor)
    services.training_attendee_add(event=event, school=school, name="ครู ข", actor=supervisor)
    c = services.training_attendee_add(event=event, school=school2, name="ครู ค", actor=supervisor)
    services.training_attendance_set(event=event, attended_ids=[a.pk, c.pk], actor=supervisor)
    result = attendance.training_attendance(event.pk)
    assert (result.invited, result.attended, result.share) == (3, 2, 66.7)
    assert result.by_school == [(school.name, 2, 1), (school2.name, 1, 1)]
    trained = attendance.trained_by_school([school, school2])
    assert [t.name for t in trained[school.pk]] == ["ครู ก"]
    assert [t.name for t in trained[school2.pk]] == ["ครู ค"]


def test_satisfaction_means_are_half_up_at_two_decimals(activity, cluster_supervisor):
    services.satisfaction_set_open(activity=activity, is_open=True, actor=cluster_supervisor)
    for key, ratings in [("a", [5, 4, 3, 5, 5]), ("b", [4, 4, 2, 5, 4]), ("c", [4, 5, 3, 4, 4])]:
        services.satisfaction_submit(
            activity=activity,
            role=ParticipantRole.TEACHER,
            ratings=ratings,
            comment="",
            respondent_key=key,
        )
    summary = attendance.satisfaction_summary(activity)
    assert summary.responses == 3
    assert [mean for _q, mean in summary.means] == [4.33, 4.33, 2.67, 4.67, 4.33]
    assert summary.overall == 4.07  # 61 / 15 = 4.0667


def test_objectives_achieved_reads_both_scales(plan, activity, cluster_supervisor):
    services.evaluation_save(
        activity=activity,
        scale=ActivityEvaluation.Scale.FIVE,
        ratings={1: 4, 2: 2},
        evaluator_name="นางสาวสมใจ ใจดี",
        signed_on=datetime.date(2024, 6, 21),
        actor=cluster_supervisor,
    )
    other = make_activity(plan, cluster_supervisor, title="อบรม", objectives="ก\nข\nค")
    services.evaluation_save(
        activity=other,
        scale=ActivityEvaluation.Scale.MET,
        ratings={1: True, 2: True, 3: False},
        evaluator_name="นางสาวสมใจ ใจดี",
        signed_on=datetime.date(2024, 6, 21),
        actor=cluster_supervisor,
    )
    assert attendance.objectives_achieved(plan.activities.all()) == {
        activity.pk: (2, 1),
        other.pk: (3, 2),
    }


def test_form_3_figures_come_from_forms_1_and_2(
    cluster, academic_year, plan, activity, participants, school, school_staff, cluster_supervisor
):
    survey = NeedsSurveyFactory(cluster=cluster, academic_year=academic_year)
    services.survey_answer(
        survey=survey,
        school=school,
        priorities={"measurement": 5, "curriculum": 3},
        supports=["training"],
        comments="",
        actor=school_staff,
    )
    services.evaluation_save(
        activity=activity,
        scale=ActivityEvaluation.Scale.FIVE,
        ratings={1: 5, 2: 3},
        evaluator_name="ศน.",
        signed_on=datetime.date(2024, 6, 21),
        actor=cluster_supervisor,
    )
    make_activity(plan, cluster_supervisor, title="ยังไม่ทำ", done=False)
    outside = make_activity(plan, cluster_supervisor, title="นอกช่วง")
    type(outside).objects.filter(pk=outside.pk).update(starts_on=datetime.date(2025, 5, 1))
    report = services.report_save(
        cluster=cluster,
        academic_year=academic_year,
        period_start=datetime.date(2024, 5, 16),
        period_end=datetime.date(2025, 3, 31),
        actor=cluster_supervisor,
    )
    context = report_context(report)
    assert [r.area for r in context["ranked"]] == ["measurement", "curriculum"]
    assert context["survey"].answered == 1
    assert (context["planned"], context["done"]) == (2, 1)
    assert (context["attended"], context["invited"], context["attendance_share"]) == (2, 3, 66.7)
    assert context["schools_reached"] == 2
    assert (context["objectives"], context["objectives_met"], context["objectives_share"]) == (
        2,
        2,
        100.0,
    )
