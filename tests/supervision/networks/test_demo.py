"""The demo of process 5: every school of two clusters answers form ๑, a plan with eight
activities each evaluated (form ๒), one published form ๓, district events with
attendance; a second run changes nothing."""

import io

import pytest

from iqa_district.management.commands.seed_demo import seed_users
from schools import demo as schools_demo
from supervision.networks import demo
from supervision.networks.models import (
    Activity,
    ActivityEvaluation,
    ClusterReport,
    NeedsResponse,
    NeedsSurvey,
    NetworkMember,
    NetworkPlan,
    Participant,
    TrainingAttendee,
    TrainingEvent,
)

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (
            NeedsSurvey,
            NeedsResponse,
            NetworkPlan,
            Activity,
            ActivityEvaluation,
            Participant,
            NetworkMember,
            ClusterReport,
            TrainingEvent,
            TrainingAttendee,
        )
    ]


def test_seed_fills_a_year_and_is_idempotent():
    office = schools_demo.seed_office()
    users = seed_users(office)
    demo.seed(office, stdout=io.StringIO())
    first = counts()
    demo.seed(office, stdout=io.StringIO())
    assert counts() == first

    surveys = list(NeedsSurvey.objects.all())
    assert len(surveys) == 2
    for survey in surveys:
        assert survey.responses.count() == survey.cluster.schools.count() > 0
    assert Activity.objects.filter(status=Activity.Status.DONE).count() == 8
    assert ActivityEvaluation.objects.count() == 8
    assert not Participant.objects.filter(activity__evaluation__isnull=True).exists()
    report = ClusterReport.objects.get()
    assert report.is_public and report.cluster.supervisors.filter(pk=users["supervisor"].pk)
    assert TrainingEvent.objects.count() == 3
    assert TrainingAttendee.objects.filter(attended=True).count() > 20
    # The demo school user's answer is its own.
    school = users["school"].school
    answer = NeedsResponse.objects.filter(school=school).first()
    if answer is not None:
        assert answer.answered_by == users["school"]
