"""Public disclosure as a figure (issue 13 item 7): the share of schools whose SAR the
public can read, on the tracker and the dashboard, and the list of those that hide it."""

import datetime

from django.urls import reverse

from sar.models import SelfAssessmentReport
from tests.factories import SchoolFactory

from .test_tracker_public import make_report

Status = SelfAssessmentReport.Status


def test_public_share_and_the_schools_that_hide_their_sar(
    as_user, office, cluster, academic_year, supervisor
):
    sent = datetime.date(2025, 5, 20)
    public, hidden, _not_started = (
        SchoolFactory(area_office=office, cluster=cluster, name=name)
        for name in ("โรงเรียนเปิดเผย", "โรงเรียนปิดไว้", "โรงเรียนยังไม่ส่ง")
    )
    make_report(public, academic_year, Status.ACCEPTED, sent_on=sent, is_public=True)
    make_report(hidden, academic_year, Status.SUBMITTED, sent_on=sent, is_public=False)
    client = as_user(supervisor)
    url = reverse("sar:tracker")
    html = client.get(url, {"year": academic_year.year}).content.decode()
    assert "เผยแพร่ต่อสาธารณะ: <strong>1</strong> (33.3%)" in html
    hidden_only = client.get(url, {"year": academic_year.year, "status": "hidden"}).content.decode()
    assert "โรงเรียนปิดไว้" in hidden_only
    assert "โรงเรียนเปิดเผย" not in hidden_only and "โรงเรียนยังไม่ส่ง" not in hidden_only
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "เผยแพร่ต่อสาธารณะ" in dashboard and "33.3%" in dashboard
