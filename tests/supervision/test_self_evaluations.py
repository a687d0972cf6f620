"""School self-evaluations: the school records its own, scoping, the bounded list."""

import pytest
from django.urls import reverse

from supervision.models import SelfEvaluation
from tests.supervision.factories import SelfEvaluationFactory, standard_set

pytestmark = pytest.mark.django_db


def test_school_staff_record_their_own_self_evaluation(
    client, as_user, school_staff, supervisor, school, academic_year
):
    sset = standard_set(school)
    url = reverse("supervision:self_evaluation_create")
    assert client.get(url).status_code == 302
    assert as_user(supervisor).get(url).status_code == 403
    standards = list(sset.standards.order_by("number"))
    response = as_user(school_staff).get(url)
    assert "มาตรฐานทดสอบที่ 2" in response.content.decode()
    response = as_user(school_staff).post(
        url,
        {
            "date": "2024-09-15",
            "committee": "คำสั่งโรงเรียนที่ 12/2567",
            "notes": "ผลการประเมินภาคเรียนที่ ๑",
            f"level_{standards[0].pk}": "4",
            f"level_{standards[1].pk}": "3",
        },
    )
    assert response.status_code == 302
    evaluation = SelfEvaluation.objects.get()
    assert (evaluation.school, evaluation.semester, evaluation.academic_year_id) == (
        school,
        1,
        2567,
    )
    assert {lv.standard.number: lv.level for lv in evaluation.levels.all()} == {1: 4, 2: 3}
    listing = as_user(supervisor).get(reverse("supervision:self_evaluation_list"), {"year": 2567})
    assert school.name in listing.content.decode()
    listing = as_user(supervisor).get(
        reverse("supervision:self_evaluation_list"), {"year": 2567, "q": "ไม่มีโรงเรียนนี้"}
    )
    assert school.name not in listing.content.decode()


def test_self_evaluation_scoping(as_user, school_staff2, committee_member, school, academic_year):
    evaluation = SelfEvaluationFactory(school=school, academic_year=academic_year)
    assert not SelfEvaluation.objects.visible_to(school_staff2).exists()
    url = reverse("supervision:self_evaluation_edit", args=[evaluation.pk])
    assert as_user(school_staff2).get(url).status_code == 404
    assert (
        as_user(committee_member).get(reverse("supervision:self_evaluation_list")).status_code
        == 403
    )


def test_self_evaluation_list_bounded(
    as_user, executive, office, academic_year, django_assert_max_num_queries
):
    from standards.models import Standard
    from supervision.models import SelfEvaluationLevel
    from tests.factories import SchoolFactory

    standard = Standard.objects.first()
    for s in SchoolFactory.create_batch(25, area_office=office):
        evaluation = SelfEvaluationFactory(school=s, academic_year=academic_year)
        SelfEvaluationLevel.objects.create(self_evaluation=evaluation, standard=standard, level=4)
    client = as_user(executive)
    with django_assert_max_num_queries(9):
        response = client.get(
            reverse("supervision:self_evaluation_list"), {"year": 2567, "semester": 1}
        )
    assert response.content.decode().count("มาตรฐานที่ ") >= 25
