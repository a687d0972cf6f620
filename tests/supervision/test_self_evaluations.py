"""School self-evaluations: the school records its own, scoping, the bounded list."""

import pytest
from django.urls import reverse

from supervision.models import SelfEvaluation
from tests.supervision.factories import (
    SelfEvaluationFactory,
    school_committee_data,
    standard_set,
)

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
            "committee_order": "คำสั่งโรงเรียนที่ 12/2567",
            "notes": "ผลการประเมินภาคเรียนที่ ๑",
            f"level_{standards[0].pk}": "4",
            f"level_{standards[1].pk}": "3",
            **school_committee_data(
                [
                    ("นายประธาน ใจดี", "ผู้อำนวยการโรงเรียน", "chair"),
                    ("นางกรรมการ ตั้งใจ", "ครูชำนาญการ", "member"),
                    ("", "", "member"),  # a blank row left empty is no member
                ]
            ),
        },
    )
    assert response.status_code == 302
    evaluation = SelfEvaluation.objects.get()
    assert evaluation.committee_order == "คำสั่งโรงเรียนที่ 12/2567"
    assert [(m.order, m.name, m.role) for m in evaluation.committee_members.all()] == [
        (1, "นายประธาน ใจดี", "chair"),
        (2, "นางกรรมการ ตั้งใจ", "member"),
    ]
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


def test_school_committee_with_two_chairs_is_refused_and_nothing_is_lost(
    as_user, school_staff, school, academic_year
):
    sset = standard_set(school)
    standard = sset.standards.first()
    response = as_user(school_staff).post(
        reverse("supervision:self_evaluation_create"),
        {
            "date": "2024-09-15",
            "notes": "บันทึกที่ต้องไม่หาย",
            f"level_{standard.pk}": "4",
            **school_committee_data(
                [
                    ("นายหนึ่ง ประธาน", "ผู้อำนวยการโรงเรียน", "chair"),
                    ("นางสอง ประธาน", "รองผู้อำนวยการ", "chair"),
                ]
            ),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "มีประธานกรรมการได้เพียง 1 คน" in page
    assert "บันทึกที่ต้องไม่หาย" in page and "นางสอง ประธาน" in page
    assert not SelfEvaluation.objects.exists()


def test_editing_replaces_the_school_committee(as_user, school_staff, school, academic_year):
    from supervision.models import SelfEvaluationCommitteeMember

    standard_set(school)
    evaluation = SelfEvaluationFactory(school=school, academic_year=academic_year)
    SelfEvaluationCommitteeMember.objects.create(
        self_evaluation=evaluation, order=1, name="นายเดิม ออกไป", role="chair"
    )
    url = reverse("supervision:self_evaluation_edit", args=[evaluation.pk])
    assert "นายเดิม ออกไป" in as_user(school_staff).get(url).content.decode()
    data = {"date": "2024-08-20", **school_committee_data([("นางใหม่ มาแทน", "", "chair")])}
    assert as_user(school_staff).post(url, data).status_code == 302
    assert [m.name for m in evaluation.committee_members.all()] == ["นางใหม่ มาแทน"]


def test_migration_carries_the_free_text_committee_over():
    import importlib

    migration = importlib.import_module(
        "supervision.migrations.0006_committee_rules_and_school_committee_members"
    )
    text = (
        "คำสั่งโรงเรียนบ้านหนองบัว ที่ ๑๒/๒๕๖๗\n"
        "1. นายสมชาย ใจดี ผู้อำนวยการโรงเรียน ประธานกรรมการ\n"
        "- นางสาวสมศรี รักเรียน ครูชำนาญการ กรรมการ\n"
        "นางมาลี ขยัน กรรมการและเลขานุการ, คุณครูไม่มีคำนำหน้า"
    )
    assert migration.parse_committee_text(text) == (
        "คำสั่งโรงเรียนบ้านหนองบัว ที่ ๑๒/๒๕๖๗",
        [
            ("นายสมชาย ใจดี", "ผู้อำนวยการโรงเรียน", "chair"),
            ("นางสาวสมศรี รักเรียน", "ครูชำนาญการ", "member"),
            ("นางมาลี ขยัน", "", "secretary"),
            ("คุณครูไม่มีคำนำหน้า", "", "member"),
        ],
    )


def test_self_evaluation_scoping(as_user, school_staff2, committee_member, school, academic_year):
    evaluation = SelfEvaluationFactory(school=school, academic_year=academic_year)
    assert not SelfEvaluation.objects.visible_to(school_staff2).exists()
    url = reverse("supervision:self_evaluation_edit", args=[evaluation.pk])
    assert as_user(school_staff2).get(url).status_code == 404
    assert (
        as_user(committee_member).get(reverse("supervision:self_evaluation_list")).status_code
        == 403
    )


@pytest.mark.parametrize("schools", [5, 25])
def test_self_evaluation_list_bounded(
    as_user, executive, office, academic_year, django_assert_max_num_queries, schools
):
    from standards.models import Standard
    from supervision.models import SelfEvaluationLevel
    from tests.factories import SchoolFactory

    standard = Standard.objects.first()
    from supervision.models import SelfEvaluationCommitteeMember

    for s in SchoolFactory.create_batch(schools, area_office=office):
        evaluation = SelfEvaluationFactory(school=s, academic_year=academic_year)
        SelfEvaluationLevel.objects.create(self_evaluation=evaluation, standard=standard, level=4)
        SelfEvaluationCommitteeMember.objects.create(
            self_evaluation=evaluation, name=f"นายประธาน {s.code}", role="chair"
        )
    client = as_user(executive)
    # The committee lists are one prefetch more, whatever the number of schools.
    with django_assert_max_num_queries(10):
        response = client.get(
            reverse("supervision:self_evaluation_list"), {"year": 2567, "semester": 1}
        )
    page = response.content.decode()
    assert page.count("มาตรฐานที่ ") >= schools
    assert page.count("นายประธาน ") == schools
