"""Issue 18 item 9: a visit dated in the future cannot be filled or published before its
date, and a self-evaluation cannot be dated in the future; nothing is written when refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from supervision import services
from supervision.models import SelfEvaluation, Visit
from tests.supervision.factories import (
    VisitFactory,
    full_committee,
    school_committee_data,
    standard_set,
)

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
SUMMARY = {
    "strengths": "ผู้เรียนมีผลสัมฤทธิ์สูง",
    "improvements": "การใช้เทคโนโลยีในการเรียนรู้",
    "recommendations": "ควรจัดอบรมครูด้านสื่อดิจิทัล",
}


@pytest.fixture
def committee(office, academic_year, committee_member, supervisor):
    return full_committee(office=office, year=academic_year, users=[committee_member, supervisor])


def visit_on(date, school, academic_year, committee):
    standard_set(school)
    visit = VisitFactory(school=school, academic_year=academic_year, committee=committee, date=date)
    services.visit_prepare_answers(visit=visit)
    return visit


def test_the_boundary_is_the_visit_date_itself(school, academic_year, committee):
    today = timezone.localdate()
    visit = visit_on(today, school, academic_year, committee)
    assert not visit.is_before_its_date()
    assert visit.is_before_its_date(today - datetime.timedelta(days=1))
    visit.date = today + datetime.timedelta(days=1)
    assert visit.is_before_its_date()


def test_a_visit_of_tomorrow_is_neither_filled_nor_published(
    as_user, supervisor, school, academic_year, committee
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    visit = visit_on(tomorrow, school, academic_year, committee)
    with pytest.raises(ValidationError, match="ก่อนวันนิเทศ"):
        services.visit_save_summary(visit=visit, data=SUMMARY, actor=supervisor)
    answer = visit.answers.first()
    with pytest.raises(ValidationError, match="ก่อนวันนิเทศ"):
        services.visit_save_answer(answer=answer, data={"text": "บันทึกล่วงหน้า"}, actor=supervisor)
    # Even with a complete summary written straight into the row, publishing is refused.
    Visit.objects.filter(pk=visit.pk).update(**SUMMARY)
    with pytest.raises(ValidationError, match="ก่อนวันนิเทศ"):
        services.visit_publish(visit=visit, actor=supervisor)
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PLANNED and visit.published_at is None
    answer.refresh_from_db()
    assert answer.text == "" and answer.updated_by is None

    page = as_user(supervisor).get(reverse("supervision:visit_fill", args=[visit.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "ยังไม่ถึงวันนิเทศ" in text
    assert reverse("supervision:visit_publish", args=[visit.pk]) not in text
    response = as_user(supervisor).post(reverse("supervision:visit_publish", args=[visit.pk]))
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PLANNED


def test_a_visit_of_today_is_filled_and_published(supervisor, school, academic_year, committee):
    visit = visit_on(timezone.localdate(), school, academic_year, committee)
    services.visit_save_summary(visit=visit, data=SUMMARY, actor=supervisor)
    services.visit_publish(visit=visit, actor=supervisor)
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PUBLISHED


def test_a_self_evaluation_dated_tomorrow_is_refused_and_nothing_is_stored(
    as_user, school_staff, school, academic_year
):
    sset = standard_set(school)
    standard = sset.standards.order_by("number").first()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = as_user(school_staff).post(
        reverse("supervision:self_evaluation_create"),
        {
            "date": tomorrow.isoformat(),
            "committee_order": "คำสั่งโรงเรียนที่ 12/2567",
            f"level_{standard.pk}": "4",
            **school_committee_data([("นายประธาน ใจดี", "ผู้อำนวยการโรงเรียน", "chair")]),
        },
    )
    assert response.status_code in (200, 400)
    assert "วันที่ประเมินต้องไม่เป็นวันในอนาคต" in response.content.decode()
    assert not SelfEvaluation.objects.exists()
