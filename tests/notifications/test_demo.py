"""The notifications' demo module: today's scheduled notices, without e-mail, once."""

import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone

from iqa_district.notifications import demo
from iqa_district.notifications.models import Kind, Notification
from tests.factories import AcademicYearFactory

pytestmark = pytest.mark.django_db


def test_the_demo_reminds_waiting_schools_once_without_mail(
    office, school, school_staff, supervisor, mailed
):
    school_staff.email = "school@example.ac.th"
    school_staff.save()
    AcademicYearFactory(year=2599, sar_deadline=timezone.localdate() + datetime.timedelta(days=7))
    out = io.StringIO()
    with mailed():
        demo.seed(office, stdout=out)
        demo.seed(office, stdout=out)
    assert Notification.objects.filter(recipient=school_staff, kind=Kind.SAR_REMINDER).count() == 1
    assert set(Notification.objects.values_list("email_status", flat=True)) == {"skipped"}
    assert not mail.outbox
    assert "notifications: 1 scheduled notices" in out.getvalue()
