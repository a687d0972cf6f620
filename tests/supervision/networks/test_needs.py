"""Form ๑: opening the survey, a school's answer, the ranked summary."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from supervision.networks import needs, services
from supervision.networks.models import NeedsResponse, NeedsSurvey
from tests.factories import SchoolFactory, UserFactory
from tests.supervision.factories import NeedsSurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_supervisor(supervisor, cluster):
    cluster.supervisors.add(supervisor)
    return supervisor


@pytest.fixture
def survey(cluster, academic_year):
    return NeedsSurveyFactory(cluster=cluster, academic_year=academic_year)


def answer(survey, school, staff, priorities, supports=(), comments=""):
    return services.survey_answer(
        survey=survey,
        school=school,
        priorities=priorities,
        supports=list(supports),
        comments=comments,
        actor=staff,
    )


def test_the_cluster_supervisor_opens_the_survey_once(cluster_supervisor, cluster, academic_year):
    survey = services.survey_open(
        cluster=cluster, academic_year=academic_year, actor=cluster_supervisor
    )
    assert survey.is_open and survey.opened_by == cluster_supervisor
    with pytest.raises(ValidationError):
        services.survey_open(cluster=cluster, academic_year=academic_year, actor=cluster_supervisor)


def test_a_supervisor_of_another_cluster_may_not_open_it(supervisor, cluster, academic_year):
    with pytest.raises(PermissionDenied):
        services.survey_open(cluster=cluster, academic_year=academic_year, actor=supervisor)


def test_a_district_admin_of_the_office_may_open_it(district_admin, cluster, academic_year):
    assert services.survey_open(cluster=cluster, academic_year=academic_year, actor=district_admin)


def test_a_school_answers_and_answers_again(survey, school, school_staff):
    answer(survey, school, school_staff, {"curriculum": 5, "technology": 2}, ["training"], "ขอบคุณ")
    answer(survey, school, school_staff, {"measurement": 4}, ["coaching", "training"])
    response = NeedsResponse.objects.get(survey=survey, school=school)
    assert [(i.area, i.priority) for i in response.needs.all()] == [("measurement", 4)]
    assert response.supports == ["training", "coaching"]  # the form's order
    assert response.answered_by == school_staff


def test_a_school_cannot_answer_for_another_school(survey, school2, school_staff):
    with pytest.raises(PermissionDenied):
        answer(survey, school2, school_staff, {"curriculum": 5})


def test_a_school_outside_the_cluster_cannot_answer(survey, office):
    outsider = SchoolFactory(area_office=office, cluster=None)
    staff = UserFactory(role="school_staff", area_office=office, school=outsider)
    with pytest.raises(PermissionDenied):
        answer(survey, outsider, staff, {"curriculum": 5})


@pytest.mark.parametrize(
    ("priorities", "supports"),
    [({}, []), ({"curriculum": 6}, []), ({"nonsense": 3}, []), ({"budget": 2}, ["money"])],
)
def test_bad_answers_are_refused(survey, school, school_staff, priorities, supports):
    with pytest.raises(ValidationError):
        answer(survey, school, school_staff, priorities, supports)
    assert not NeedsResponse.objects.exists()


def test_a_closed_survey_takes_no_answer(survey, school, school_staff, cluster_supervisor):
    services.survey_close(survey=survey, actor=cluster_supervisor)
    survey.refresh_from_db()
    assert survey.status == NeedsSurvey.Status.CLOSED
    with pytest.raises(ValidationError):
        answer(survey, school, school_staff, {"curriculum": 5})


def test_needs_are_ranked_by_total_priority_then_urgent_schools(
    survey, cluster, office, school, school_staff, school2, school_staff2
):
    third = SchoolFactory(area_office=office, cluster=cluster)
    staff3 = UserFactory(role="school_staff", area_office=office, school=third)
    answer(survey, school, school_staff, {"curriculum": 5, "technology": 3, "budget": 4})
    answer(survey, school2, school_staff2, {"curriculum": 4, "technology": 3, "measurement": 2})
    answer(survey, third, staff3, {"technology": 2, "budget": 4, "measurement": 2})
    ranked = needs.ranked_needs(survey)
    # curriculum 9 (2 urgent), budget 8 (2 urgent), technology 8 (0 urgent), measurement 4
    assert [(n.area, n.rank, n.total, n.urgent, n.schools) for n in ranked] == [
        ("curriculum", 1, 9, 2, 2),
        ("budget", 2, 8, 2, 2),
        ("technology", 3, 8, 0, 3),
        ("measurement", 4, 4, 0, 2),
    ]
    assert ranked[0].mean == 4.5


def test_equal_needs_share_a_rank(survey, school, school_staff, school2, school_staff2):
    answer(survey, school, school_staff, {"curriculum": 3})
    answer(survey, school2, school_staff2, {"budget": 3})
    assert [n.rank for n in needs.ranked_needs(survey)] == [1, 1]


def test_support_counts(survey, school, school_staff, school2, school_staff2):
    answer(survey, school, school_staff, {"curriculum": 3}, ["training", "sharing"])
    answer(survey, school2, school_staff2, {"budget": 3}, ["training"])
    counts = dict(needs.support_counts(survey))
    assert counts["การอบรม"] == 2
    assert counts["การแลกเปลี่ยนเรียนรู้"] == 1
    assert counts["การนิเทศแบบพี่เลี้ยง (coaching)"] == 0
