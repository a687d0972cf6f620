"""Issue 18 item 4: the dashboard's counts agree with the pages they link to, and where two
pages count differently on purpose, the difference is the number each page says it is."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from iqa_district.dashboard import cards_for, todos_for
from sar.models import SelfAssessmentReport
from tests.factories import AcademicYearFactory, SchoolFactory

pytestmark = pytest.mark.django_db

Status = SelfAssessmentReport.Status


def report(school, year, status):
    at = timezone.now() - datetime.timedelta(days=2)
    sent = status != Status.DRAFT
    return SelfAssessmentReport.objects.create(
        school=school,
        academic_year=year,
        status=status,
        first_submitted_at=at if sent else None,
        last_submitted_at=at if sent else None,
    )


@pytest.fixture
def district(office, academic_year):
    last_year = AcademicYearFactory(year=2566, is_current=False)
    schools = SchoolFactory.create_batch(8, area_office=office)
    for school, status in zip(
        schools,
        [Status.SUBMITTED] * 3 + [Status.RETURNED] * 2 + [Status.ACCEPTED, Status.DRAFT],
        strict=False,
    ):
        report(school, academic_year, status)
    # Waiting from last year, and from a school that has since closed: still in the queue.
    report(schools[7], last_year, Status.SUBMITTED)
    closed = SchoolFactory(area_office=office, is_active=False)
    report(closed, academic_year, Status.SUBMITTED)
    return schools


def card(user, url_name):
    url = reverse(url_name)
    return next(c for c in cards_for(user) if c.url == url)


def test_the_waiting_card_is_the_queue(as_user, supervisor, district):
    queue = as_user(supervisor).get(reverse("sar:review_queue"))
    assert queue.context["page"].paginator.count == 5
    assert card(supervisor, "sar:review_queue").value == 5


def test_tracker_and_compliance_differ_by_the_returned_sars_they_name(
    as_user, supervisor, district, academic_year
):
    client = as_user(supervisor)
    tracker = client.get(reverse("sar:tracker"), {"year": academic_year.year})
    summary = tracker.context["summary"]
    district_counts = summary["district"]
    assert district_counts["sent"] == 6 and district_counts["returned"] == 2
    assert "รวมที่ส่งกลับให้แก้ไข 2 แห่ง" in tracker.content.decode()

    compliance = client.get(reverse("supervision:compliance"), {"year": academic_year.year})
    per_check = dict(compliance.context["summary"]["per_check"])
    assert per_check["ส่ง SAR"] == district_counts["sent"] - district_counts["returned"] == 4
    assert "ไม่นับฉบับที่ส่งกลับให้แก้ไข" in compliance.content.decode()

    # The dashboard's "sent" card counts what the tracker counts.
    sent_card = card(supervisor, "sar:tracker")
    assert f"{district_counts['sent']} จาก" in sent_card.note


# ----------------------------------------------------------------- the school's to-do list

IN_SEMESTER_1 = datetime.date(2024, 8, 1)  # the 2567 academic year of the fixtures


def todo_keys(user, today=IN_SEMESTER_1):
    return {todo.key: todo for todo in todos_for(user, today)}


def test_each_todo_comes_and_goes_with_its_work(school, school_staff, supervisor, academic_year):
    from sar.followup import services as followup
    from sar.followup.models import Recommendation
    from standards.models import Item, SchoolTarget
    from supervision.models import SelfEvaluation, Visit
    from tests.supervision.factories import VisitFactory, standard_set

    standard_set(school)
    todos = todo_keys(school_staff)
    assert set(todos) == {"targets", "sar", "self_evaluation"}
    assert todos["targets"].due == academic_year.semester1_ends_on
    assert todos["sar"].due == academic_year.sar_deadline
    assert todos["self_evaluation"].due == academic_year.semester1_ends_on
    # Earliest due first; past its date it says so.
    assert [t.key for t in todos_for(school_staff, IN_SEMESTER_1)][-1] == "sar"
    assert todos_for(school_staff, datetime.date(2024, 10, 20))[0].overdue

    for item in Item.objects.applicable_to(school, academic_year.year):
        SchoolTarget.objects.create(
            school=school, academic_year=academic_year, item=item, target_level=3
        )
    assert "targets" not in todo_keys(school_staff)

    sar = report(school, academic_year, Status.DRAFT)
    assert "ฉบับร่าง" in todo_keys(school_staff)["sar"].note
    sar.status = Status.SUBMITTED
    sar.save()
    assert "sar" not in todo_keys(school_staff)
    sar.status = Status.RETURNED
    sar.save()
    assert "ส่งกลับ" in todo_keys(school_staff)["sar"].note

    SelfEvaluation.objects.create(
        school=school, academic_year=academic_year, semester=1, date=IN_SEMESTER_1
    )
    assert "self_evaluation" not in todo_keys(school_staff)
    # Semester 2 asks again.
    assert "self_evaluation" in todo_keys(school_staff, datetime.date(2024, 12, 1))

    visit = VisitFactory(
        school=school,
        academic_year=academic_year,
        status=Visit.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    assert "acknowledge" in todo_keys(school_staff)
    visit.acknowledged_at = timezone.now()
    visit.save()
    assert "acknowledge" not in todo_keys(school_staff)

    due = datetime.date(2024, 9, 30)
    recommendation = followup.recommendation_give(
        school=school,
        academic_year=academic_year,
        source=Recommendation.Source.SAR_REVIEW,
        text="ควรพัฒนาการอ่านออกเขียนได้",
        due_on=due,
        actor=supervisor,
    )
    assert todo_keys(school_staff)["recommendations"].due == due
    recommendation.status = Recommendation.Status.DONE
    recommendation.save()
    assert "recommendations" not in todo_keys(school_staff)


def test_the_school_dashboard_leads_with_its_todo_list(
    as_user, school, school_staff, academic_year
):
    page = as_user(school_staff).get(reverse("dashboard"))
    html = page.content.decode()
    assert 'id="todo-list"' in html and 'data-todo="sar"' in html
    # The headline is the work, not the school's code.
    assert school.code not in html
    assert html.index('id="todo-list"') < html.index('id="dashboard-cards"')
    # District staff see no to-do list.


def test_district_staff_have_no_todo_list(as_user, supervisor, academic_year):
    html = as_user(supervisor).get(reverse("dashboard")).content.decode()
    assert 'id="todo-list"' not in html


# --------------------------------------------------------- the supervisor's counts and pages


def test_visits_this_week_and_not_compliant_equal_their_pages(
    as_user, supervisor, office, academic_year
):
    from tests.supervision.factories import VisitFactory

    today = timezone.localdate()
    schools = SchoolFactory.create_batch(4, area_office=office)
    for offset, school in zip((-1, 0, 0, 9), schools, strict=True):
        VisitFactory(
            school=school, academic_year=academic_year, date=today + datetime.timedelta(days=offset)
        )
    client = as_user(supervisor)
    cards = {c.title: c for c in cards_for(supervisor)}

    week = cards["การนิเทศ/ตรวจเยี่ยมสัปดาห์นี้"]
    listed = client.get(week.url)
    assert listed.context["page"].paginator.count == week.value
    assert 2 <= week.value <= 3  # yesterday may fall in last week on a Sunday

    red = cards["สถานศึกษาที่ยังไม่ดำเนินการตามเกณฑ์"]
    page = client.get(red.url)
    assert (
        red.value
        == page.context["page"].paginator.count
        == page.context["summary"]["counts"]["red"]
    )
    assert red.value > 0
    green = cards[f"การดำเนินงานตามเกณฑ์ ปีการศึกษา {academic_year.year}"]
    assert green.value == client.get(green.url).context["page"].paginator.count
