"""Issue 18 item 4: the dashboard's counts agree with the pages they link to, and where two
pages count differently on purpose, the difference is the number each page says it is."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from iqa_district.dashboard import cards_for
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
