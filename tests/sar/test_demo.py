import io
import time

import pytest

from iqa_district.management.commands.seed_demo import seed_users
from sar import demo
from sar.models import SAREvent, SelfAssessmentReport
from schools import demo as schools_demo
from standards.models import StandardSet

Status = SelfAssessmentReport.Status


@pytest.mark.django_db
def test_demo_seed_is_fast_varied_and_idempotent(settings, tmp_path):
    if StandardSet.objects.filter(code__in=demo.NATIONAL_SETS.values()).count() != 2:
        pytest.skip("the national standard sets are loaded by the standards migration")
    office = schools_demo.seed_office()
    users = seed_users(office)
    out = io.StringIO()
    started = time.monotonic()
    demo.seed(office, stdout=out)
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"seed took {elapsed:.1f}s"

    last = SelfAssessmentReport.objects.filter(academic_year=2568, school__area_office=office)
    this = SelfAssessmentReport.objects.filter(academic_year=2569, school__area_office=office)
    schools = office.schools.count()
    assert schools * 0.9 <= last.count() < schools
    assert last.filter(status=Status.ACCEPTED).count() > schools * 0.7
    for status in (Status.SUBMITTED, Status.RETURNED, Status.DRAFT):
        assert last.filter(status=status).exists()
    assert this.count() < last.count()
    assert (
        this.filter(status=Status.SUBMITTED).exists() and this.filter(status=Status.DRAFT).exists()
    )
    deadline = last.first().academic_year.sar_deadline
    assert any(r.days_late() > 0 for r in last.exclude(first_submitted_at=None))
    assert last.filter(first_submitted_at__isnull=False).count() > 0
    assert any(
        r.first_submitted_at.date() <= deadline for r in last.exclude(first_submitted_at=None)[:50]
    )

    # The two demo school users' journeys.
    own = this.get(school=users["school"].school)
    assert own.status == Status.DRAFT
    returned = this.get(school=users["school2"].school)
    assert returned.status == Status.RETURNED and returned.return_comment

    # Every sent version has the real PDF, levels and Thai text.
    version = last.filter(status=Status.ACCEPTED).first().latest_submitted_version
    assert version.pdf.read(5) == b"%PDF-"
    assert version.item_results.filter(level__isnull=True).count() == 0
    levels = set(last.values_list("versions__standard_results__level", flat=True))
    assert len(levels - {None}) >= 4
    assert "ผู้เรียน" in "".join(
        version.standard_results.values_list("strengths", flat=True)
    ) or "เด็ก" in "".join(version.standard_results.values_list("strengths", flat=True))
    assert version.help_needs.exists()
    assert (
        SAREvent.objects.filter(report__in=last, action=SAREvent.Action.ACCEPTED).count()
        == last.filter(status=Status.ACCEPTED).count()
    )

    counts = (last.count(), this.count(), SAREvent.objects.count())
    demo.seed(office, stdout=out)
    assert (last.count(), this.count(), SAREvent.objects.count()) == counts
    assert "2568" in out.getvalue()


@pytest.mark.django_db
def test_tracker_counts_match_the_demo_district(client):
    if StandardSet.objects.filter(code__in=demo.NATIONAL_SETS.values()).count() != 2:
        pytest.skip("the national standard sets are loaded by the standards migration")
    office = schools_demo.seed_office()
    users = seed_users(office)
    demo.seed(office, stdout=io.StringIO())
    client.force_login(users["supervisor"])
    response = client.get("/sar/tracker/", {"year": 2568})
    summary = response.context["summary"]["district"]
    reports = SelfAssessmentReport.objects.filter(academic_year=2568, school__area_office=office)
    assert summary["total"] == office.schools.filter(is_active=True).count()
    assert summary["sent"] == reports.exclude(first_submitted_at=None).count()
    by_status = {status: count for _label, count, status in summary["by_status"]}
    for status in Status.values:
        assert by_status[status] == reports.filter(status=status).count()
    assert by_status["not_started"] == summary["total"] - reports.count()
    public = client.get("/public/sar/", {"year": 2568}).context["page"].paginator.count
    assert public == reports.filter(status__in=["submitted", "accepted"], is_public=True).count()
