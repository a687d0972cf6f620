"""Dashboard cards per role; process 1 forms filled in the browser; nav links."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from supervision.models import Visit
from tests.supervision.factories import VisitFactory, full_committee, template

pytestmark = pytest.mark.django_db


@pytest.fixture
def p1_visit(school, academic_year, supervisor):
    return VisitFactory(
        school=school,
        academic_year=academic_year,
        kind=Visit.Kind.IQA_SUPERVISION,
        template=template("P1-7.2"),
        supervisors=[supervisor],
    )


def test_rubric_form_shows_descriptors_per_level(as_user, supervisor, p1_visit):
    body = as_user(supervisor).get(reverse("supervision:visit_fill", args=[p1_visit.pk])).content
    body = body.decode()
    assert "องค์ประกอบที่ 1 กำหนดมาตรฐานการศึกษาและค่าเป้าหมาย" in body
    assert "ผู้มีส่วนเกี่ยวข้องทุกฝ่ายมีส่วนร่วมทุกขั้นตอน" in body  # level 5 descriptor
    assert body.count('type="radio"') == 9 * 5
    answer = p1_visit.answers.order_by("order").first()
    response = as_user(supervisor).post(
        reverse("supervision:answer_save", args=[p1_visit.pk, answer.pk]),
        {f"a{answer.pk}-level": "5", f"a{answer.pk}-evidence": "ประกาศมาตรฐาน"},
        HTTP_HX_REQUEST="true",
    )
    assert "บันทึกแล้ว" in response.content.decode()
    answer.refresh_from_db()
    assert answer.level == 5


def test_steps_form_records_yes_no(as_user, supervisor, school, academic_year):
    visit = VisitFactory(
        school=school,
        academic_year=academic_year,
        kind=Visit.Kind.IQA_SUPERVISION,
        template=template("P1-7.1"),
        supervisors=[supervisor],
    )
    body = as_user(supervisor).get(reverse("supervision:visit_fill", args=[visit.pk])).content
    assert "คำสั่งแต่งตั้งคณะกรรมการประเมินภายใน" in body.decode()  # evidence prompt, step 6
    answer = visit.answers.order_by("order").last()
    as_user(supervisor).post(
        reverse("supervision:answer_save", args=[visit.pk, answer.pk]),
        {f"a{answer.pk}-has_evidence": "False", f"a{answer.pk}-finding": "ยังไม่มีแผนปีถัดไป"},
    )
    answer.refresh_from_db()
    assert answer.has_evidence is False and answer.finding == "ยังไม่มีแผนปีถัดไป"


def test_dashboard_cards(
    as_user, supervisor, committee_member, school_staff, office, academic_year, school
):
    today = timezone.localdate()
    committee = full_committee(office=office, year=academic_year, users=[committee_member])
    VisitFactory(school=school, academic_year=academic_year, date=today, committee=committee)
    VisitFactory(
        school=school,
        academic_year=academic_year,
        date=today - datetime.timedelta(days=40),
        status=Visit.Status.PUBLISHED,
    )
    page = as_user(supervisor).get(reverse("dashboard")).content.decode()
    assert "การนิเทศ/ตรวจเยี่ยมเดือนนี้" in page
    assert "การดำเนินงานตามเกณฑ์ ปีการศึกษา 2567" in page
    page = as_user(committee_member).get(reverse("dashboard")).content.decode()
    assert "การนิเทศที่ได้รับมอบหมาย" in page
    page = as_user(school_staff).get(reverse("dashboard")).content.decode()
    assert "รายงานผลการนิเทศรอรับทราบ" in page


def test_nav_links_by_role(as_user, supervisor, school_staff, committee_member):
    page = as_user(supervisor).get(reverse("supervision:calendar")).content.decode()
    assert reverse("supervision:compliance") in page
    assert reverse("supervision:report_process2") in page
    page = as_user(school_staff).get(reverse("supervision:calendar")).content.decode()
    assert reverse("supervision:self_evaluation_list") in page
    assert reverse("supervision:compliance") not in page
    page = as_user(committee_member).get(reverse("supervision:calendar")).content.decode()
    assert "การนิเทศที่ได้รับมอบหมาย" in page
    assert reverse("supervision:self_evaluation_list") not in page
