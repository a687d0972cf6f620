"""The demo seed: committees with orders, visits with filled forms, self-evaluations;
idempotent; the demo committee user and school user see what the README promises."""

import datetime
import io
from unittest import mock

import pytest
from django.utils import timezone

from iqa_district.management.commands.seed_demo import seed_users
from schools import demo as schools_demo
from supervision import demo
from supervision.models import Committee, CommitteeMember, SelfEvaluation, Visit, VisitAnswer

pytestmark = pytest.mark.django_db


def test_seed_is_complete_and_idempotent():
    office = schools_demo.seed_office()
    users = seed_users(office)
    demo.seed(office, stdout=io.StringIO())
    counts = (
        Committee.objects.count(),
        Visit.objects.count(),
        VisitAnswer.objects.count(),
        SelfEvaluation.objects.count(),
        CommitteeMember.objects.count(),
    )
    demo.seed(office, stdout=io.StringIO())
    assert counts == (
        Committee.objects.count(),
        Visit.objects.count(),
        VisitAnswer.objects.count(),
        SelfEvaluation.objects.count(),
        CommitteeMember.objects.count(),
    )

    first = Committee.objects.get(name__endswith="ชุดที่ ๑")
    seats = {m.role: m.user for m in first.members.all()}
    assert seats[CommitteeMember.Role.ONESQA_EXPERT] == users["committee"]
    assert seats[CommitteeMember.Role.AGENCY_REP] == users["supervisor"]
    assert first.order_number == "412/2569" and first.order_date

    assert Visit.objects.visible_to(users["committee"]).count() >= 12
    school_reports = Visit.objects.visible_to(users["school"])
    assert school_reports.exists()
    assert all(v.status == Visit.Status.PUBLISHED for v in school_reports)
    published = Visit.objects.filter(status=Visit.Status.PUBLISHED)
    assert published.filter(template__process=1).exists()
    assert published.filter(template__process=2).exists()
    assert Visit.objects.filter(status=Visit.Status.PLANNED).exists()
    assert VisitAnswer.objects.filter(level__isnull=False).exists()
    assert SelfEvaluation.objects.filter(academic_year=2569, semester=1).count() > 200


def test_earlier_years_give_the_three_year_rule_and_followup_every_state():
    import datetime

    from sar.followup.models import Recommendation
    from schools.models import AcademicYear
    from supervision import compliance

    office = schools_demo.seed_office()
    seed_users(office)
    demo.seed(office, stdout=io.StringIO())
    followed = Recommendation.objects.filter(
        school__area_office=office, academic_year=2568, source=Recommendation.Source.VISIT
    )
    assert set(followed.values_list("status", flat=True)) == set(Recommendation.Status.values)
    assert followed.filter(confirmed_at__isnull=False).exists()
    today = datetime.date(2026, 12, 2)
    assert followed.overdue(today).exists()
    assert followed.filter(action__contains="SAR ปีการศึกษา ๒๕๖๙").exists()
    year = AcademicYear.objects.get(pk=2569)
    rows = compliance.compliance_rows(office.schools.filter(is_active=True), year, today)
    states = {row.cycle.state for row in rows}
    assert {compliance.MET, compliance.RUNS_OUT, compliance.PENDING} <= states
    flagged = sum(1 for row in rows if row.cycle.flagged)
    assert 0 < flagged < len(rows)
    before = Recommendation.objects.count()
    demo.seed(office, stdout=io.StringIO())
    assert Recommendation.objects.count() == before


def test_the_demo_publishes_the_district_report_with_its_conclusion_and_measures():
    from supervision.models import DistrictReport

    office = schools_demo.seed_office()
    seed_users(office)
    out = io.StringIO()
    demo.seed(office, stdout=out)
    report = DistrictReport.objects.get(area_office=office, academic_year=2569, process=2)
    assert report.is_published and report.pdf and len(report.pdf_sha256) == 64
    assert report.conclusion == demo.DISTRICT_CONCLUSION
    assert len(report.acceleration_measures.splitlines()) == 3
    assert "district report ๗.๓ published" in out.getvalue()
    checksum = report.pdf_sha256
    demo.seed(office, stdout=io.StringIO())
    report.refresh_from_db()
    assert DistrictReport.objects.count() == 1 and report.pdf_sha256 == checksum


def test_seed_rerun_on_a_later_day_plans_no_second_set():
    """The planned visits are dated from today; seeding again days later (or across
    midnight) must find them, not plan a second set."""
    office = schools_demo.seed_office()
    seed_users(office)
    demo.seed(office, stdout=io.StringIO())
    before = Visit.objects.count()
    later = timezone.localdate() + datetime.timedelta(days=5)
    with mock.patch.object(timezone, "localdate", return_value=later):
        demo.seed(office, stdout=io.StringIO())
    assert Visit.objects.count() == before
