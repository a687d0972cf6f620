"""A visit's recommendations followed up: made when the report is published, answered by
the school from its next SAR editor, shown with that answer on the next year's visit form,
closed by the district; overdue at the boundaries, on the dashboard, per group in the list,
and the share closed on time on the school's page and in report ๗.๓."""

import datetime

import pytest
from django.urls import reverse

from sar.followup import services as followup
from sar.followup.dashboard import followup_cards, followup_counts
from sar.followup.models import Recommendation
from supervision import services
from supervision.models import Visit
from tests.factories import AcademicYearFactory, SchoolFactory
from tests.sar.factories import make_sar
from tests.supervision.factories import VisitFactory, full_committee, standard_set

pytestmark = pytest.mark.django_db
Status = Recommendation.Status


def _publishable(visit, *, row_text="ควรจัดกิจกรรมส่งเสริมการอ่านทุกวัน"):
    first = visit.answers.order_by("order").first()
    first.recommendation = row_text
    first.save()
    visit.strengths = "ครูมีแผนการจัดการเรียนรู้ครบ"
    visit.improvements = "การวัดผลรายบุคคล"
    visit.recommendations = "1. ควรวิเคราะห์ผลสัมฤทธิ์รายบุคคล\n- ควรนิเทศภายในทุกเดือน\n\n"
    visit.save()
    return first


def test_publishing_a_visit_gives_its_recommendations_once(school, academic_year, supervisor):
    standard_set(school)
    visit = VisitFactory(school=school, academic_year=academic_year, supervisors=[supervisor])
    first = _publishable(visit)
    services.visit_publish(visit=visit, actor=supervisor)
    given = list(Recommendation.objects.filter(school=school).order_by("pk"))
    assert [r.text for r in given] == [
        "ควรจัดกิจกรรมส่งเสริมการอ่านทุกวัน",
        "ควรวิเคราะห์ผลสัมฤทธิ์รายบุคคล",
        "ควรนิเทศภายในทุกเดือน",
    ]
    assert {r.source for r in given} == {Recommendation.Source.VISIT}
    assert all(r.source_object == visit for r in given)
    assert (
        given[0].item == first.standard_item and given[0].standard == first.standard_item.standard
    )
    assert given[1].item is None
    assert {r.due_on for r in given} == {services.visit_due_on(visit)}
    assert all(r.events.get().actor == supervisor for r in given)
    visit.refresh_from_db()
    assert services.visit_recommendations_give(visit=visit, actor=supervisor) == []
    assert Recommendation.objects.filter(school=school).count() == 3


def test_due_date_is_the_years_sar_deadline_or_half_a_year(school, academic_year):
    visit = VisitFactory(school=school, academic_year=academic_year)
    assert academic_year.sar_deadline > visit.date
    assert services.visit_due_on(visit) == academic_year.sar_deadline
    visit.date = academic_year.sar_deadline
    assert services.visit_due_on(visit) == academic_year.sar_deadline + datetime.timedelta(183)


def test_an_unpublished_visit_gives_nothing(school, academic_year, supervisor):
    visit = VisitFactory(school=school, academic_year=academic_year)
    with pytest.raises(Exception, match="เผยแพร่แล้ว"):
        services.visit_recommendations_give(visit=visit, actor=supervisor)


def test_a_recommendations_life_from_a_visit_to_closure_across_two_years(
    as_user, school, office, academic_year, supervisor, committee_member, school_staff
):
    """2567: the visit recommends; 2568: the school answers in its SAR editor, the next
    visit's committee sees the answer, the district confirms and it leaves the form."""
    standard_set(school)
    visit = VisitFactory(school=school, academic_year=academic_year, supervisors=[supervisor])
    _publishable(visit)
    services.visit_publish(visit=visit, actor=supervisor)
    rec = Recommendation.objects.filter(school=school).order_by("pk").first()

    next_year = AcademicYearFactory(year=2568)
    report = make_sar(school, 2568, status="draft")
    editor = reverse("sar:edit", args=[report.pk])
    page = as_user(school_staff).get(editor).content.decode()
    assert rec.text in page and f'id="answer-rec-{rec.pk}"' in page
    response = as_user(school_staff).post(
        reverse("followup:detail", args=[rec.pk]),
        {
            "status": Status.DONE,
            "action": "จัดมุมรักการอ่านและบันทึกการอ่านรายวัน",
            "started_on": "01/06/2568",
            "completed_on": "30/09/2568",
            "lock_version": rec.lock_version,
            "next": editor,
        },
    )
    assert response.status_code == 302 and response["Location"] == editor
    rec.refresh_from_db()

    committee = full_committee(office=office, year=next_year, users=[committee_member])
    next_visit = VisitFactory(
        school=school,
        academic_year=next_year,
        committee=committee,
        date=datetime.date(2025, 7, 10),
    )
    fill = reverse("supervision:visit_fill", args=[next_visit.pk])
    page = as_user(committee_member).get(fill).content.decode()
    assert 'id="carried-recommendations"' in page
    assert rec.text in page and "จัดมุมรักการอ่านและบันทึกการอ่านรายวัน" in page
    followup.recommendation_confirm(recommendation=rec, actor=supervisor)
    page = as_user(committee_member).get(fill).content.decode()
    assert "จัดมุมรักการอ่านและบันทึกการอ่านรายวัน" not in page
    assert "ควรวิเคราะห์ผลสัมฤทธิ์รายบุคคล" in page  # the two others stay open
    assert rec.events.count() == 3  # given, answered, confirmed
    assert next_visit.status == Visit.Status.PLANNED  # opening the form wrote nothing


def test_the_editor_answer_never_redirects_off_the_site(
    as_user, school, academic_year, supervisor, school_staff
):
    rec = followup.recommendation_give(
        school=school,
        academic_year=academic_year,
        source=Recommendation.Source.VISIT,
        text="ควรพัฒนาครู",
        actor=supervisor,
    )
    response = as_user(school_staff).post(
        reverse("followup:detail", args=[rec.pk]),
        {"status": Status.PLANNED, "lock_version": 0, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("followup:detail", args=[rec.pk])


def test_the_visit_form_shows_no_other_schools_recommendations(
    as_user, school, school2, office, academic_year, supervisor, committee_member
):
    followup.recommendation_give(
        school=school2,
        academic_year=academic_year,
        source=Recommendation.Source.VISIT,
        text="ข้อเสนอแนะของอีกโรงเรียน",
        actor=supervisor,
    )
    committee = full_committee(office=office, year=academic_year, users=[committee_member])
    visit = VisitFactory(school=school, academic_year=academic_year, committee=committee)
    page = as_user(committee_member).get(reverse("supervision:visit_fill", args=[visit.pk]))
    assert "ข้อเสนอแนะของอีกโรงเรียน" not in page.content.decode()


def _rec(school, year, actor, due, text="ควรพัฒนา"):
    return followup.recommendation_give(
        school=school,
        academic_year=year,
        source=Recommendation.Source.SYNTHESIS,
        text=text,
        due_on=due,
        actor=actor,
    )


def test_overdue_at_the_boundaries(school, academic_year, supervisor, school_staff):
    today = datetime.date(2025, 6, 1)
    due_today = _rec(school, academic_year, supervisor, today, "ครบกำหนดวันนี้")
    due_yesterday = _rec(school, academic_year, supervisor, today - datetime.timedelta(1), "เมื่อวาน")
    closed_late = _rec(school, academic_year, supervisor, today - datetime.timedelta(30), "ปิดช้า")
    closed_late = followup.recommendation_update(
        recommendation=closed_late,
        actor=school_staff,
        status=Status.DONE,
        action="ดำเนินการแล้ว",
        completed_on=today - datetime.timedelta(2),
    )
    overdue = set(Recommendation.objects.overdue(today))
    assert overdue == {due_yesterday}
    assert not due_today.is_overdue(today) and due_yesterday.is_overdue(today)
    assert not closed_late.is_overdue(today)
    # Tomorrow, today's becomes overdue.
    assert due_today.is_overdue(today + datetime.timedelta(1))
    assert followup_counts(school_staff, today) == {"open": 3, "overdue": 1, "waiting": 1}
    # Closed late counts as not on time; due today is not counted yet.
    counted = Recommendation.objects.on_time_by_school(today)[school.pk]
    assert (counted.on_time, counted.counted) == (0, 2)


def test_the_dashboard_card_counts_overdue_of_the_office_only(
    as_user, school, other_office_school, academic_year, supervisor, other_supervisor, school_staff
):
    past = datetime.date(2020, 1, 1)
    _rec(school, academic_year, supervisor, past)
    _rec(other_office_school, academic_year, other_supervisor, past)
    (card,) = followup_cards(supervisor)
    assert card.value == 1 and card.tone == "danger"
    (own,) = followup_cards(school_staff)
    assert own.value == 1
    page = as_user(supervisor).get(reverse("dashboard")).content.decode()
    assert "ข้อเสนอแนะเลยกำหนด" in page


def test_the_list_counts_per_cluster_standard_and_source_in_bounded_queries(
    as_user, office, cluster, academic_year, supervisor, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            school = SchoolFactory(area_office=office, cluster=cluster)
            _rec(school, academic_year, supervisor, datetime.date(2020, 1, 1))
            _rec(school, academic_year, supervisor, datetime.date(2099, 1, 1))

    client = as_user(supervisor)
    add(3)
    with django_assert_max_num_queries(20) as few:
        page = client.get(reverse("followup:list")).content.decode()
    assert 'id="summary-cluster"' in page and 'id="summary-source"' in page
    add(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("followup:list")).content.decode()
    assert cluster.name in page


def test_share_closed_on_time_on_the_school_page_and_in_report_7_3(
    as_user, school, academic_year, supervisor, school_staff, committee_member
):
    rec = _rec(school, academic_year, supervisor, datetime.date(2024, 12, 31))
    _rec(school, academic_year, supervisor, datetime.date(2024, 12, 31))
    followup.recommendation_update(
        recommendation=rec,
        actor=school_staff,
        status=Status.DONE,
        action="จัดทำแล้ว",
        completed_on=datetime.date(2024, 12, 1),
    )
    page = as_user(supervisor).get(reverse("schools:detail", args=[school.pk]))
    assert 'id="closed-on-time"' in page.content.decode() and "50.0%" in page.content.decode()
    report = as_user(supervisor).get(reverse("supervision:report_process2"), {"year": 2567})
    body = report.content.decode()
    assert 'id="on-time-table"' in body and school.name in body
    pdf = as_user(supervisor).get(
        reverse("supervision:report_process2"), {"year": 2567, "format": "pdf"}
    )
    assert pdf.content.startswith(b"%PDF")
