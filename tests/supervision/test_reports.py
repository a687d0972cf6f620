"""District reports ๗.๓ of processes 1 and 2: figures, bounded queries, PDF, permissions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from supervision import reports, services
from supervision.models import Visit, VisitAnswer
from tests.factories import SchoolFactory
from tests.supervision.factories import VisitFactory, standard_set, template

pytestmark = pytest.mark.django_db


def published_p2(school, year, levels, *, self_levels=None, targets=None, strengths=""):
    """A published process-2 visit whose four items got ``levels`` from the committee."""
    if not school.standard_sets.exists():
        standard_set(school, code=f"SUP-TEST-{school.code}")
    visit = VisitFactory(school=school, academic_year=year, status=Visit.Status.PUBLISHED)
    services.visit_prepare_answers(visit=visit)
    for n, answer in enumerate(visit.answers.order_by("order")):
        answer.level = levels[n]
        answer.self_level = (self_levels or levels)[n]
        answer.target_level = (targets or [None] * 4)[n]
        answer.save()
    visit.strengths = strengths
    visit.improvements = "การวิเคราะห์ผลสัมฤทธิ์รายบุคคล"
    visit.recommendations = "ควรพัฒนาการวัดผลประเมินผล"
    visit.save()
    return visit


def published_p1(school, year, code, *, yes=None, levels=None):
    visit = VisitFactory(
        school=school,
        academic_year=year,
        kind=Visit.Kind.IQA_SUPERVISION,
        template=template(code),
        status=Visit.Status.PUBLISHED,
        strengths="มีแผนพัฒนาการจัดการศึกษาที่ชัดเจน",
    )
    services.visit_prepare_answers(visit=visit)
    for n, answer in enumerate(visit.answers.order_by("order")):
        if yes is not None:
            answer.has_evidence = yes[n] if n < len(yes) else True
        if levels is not None:
            answer.level = levels[n] if n < len(levels) else 4
        answer.save()
    return visit


def test_process2_level_distribution_per_standard(office, academic_year, cluster):
    a = SchoolFactory(area_office=office, cluster=cluster)
    b = SchoolFactory(area_office=office, cluster=cluster)
    c = SchoolFactory(area_office=office)
    published_p2(a, academic_year, [5, 5, 4, 4], strengths="ผู้เรียนอ่านคล่อง")
    published_p2(
        b, academic_year, [5, 4, 3, 3], self_levels=[5, 5, 5, 5], targets=[None, None, 4, 4]
    )
    published_p2(c, academic_year, [2, 2, 1, 1], strengths="ผู้เรียนอ่านคล่อง")
    # An unpublished visit does not count.
    draft = VisitFactory(school=SchoolFactory(area_office=office), academic_year=academic_year)
    services.visit_prepare_answers(visit=draft)

    result = reports.process2_district_report(office=office, year=academic_year)
    assert result["school_count"] == 3
    counts = {}
    for row in result["standard_rows"]:
        counts[row["standard"].number] = [n for _lv, _l, n, _p in row["distribution"]]
    # Standard 1 (items 1.1, 1.2): a→5, b→(5+4)/2=4.5→5, c→2. Standard 2: a→4, b→3, c→1.
    assert sorted(counts.values()) == sorted([[2, 0, 0, 1, 0], [0, 1, 1, 0, 1]])
    standard2 = next(
        r for r in result["standard_rows"] if r["rated"] and r["distribution"][1][2] == 1
    )
    assert standard2["self_higher"] == 1
    assert [v.school for v, _items in result["below_target"]] == [b]
    assert ("ผู้เรียนอ่านคล่อง", 2) in result["common"]["strengths"]
    first = next(r for r in result["standard_rows"] if r["standard"].number == 1)
    assert dict(first["clusters"]) == {cluster.name: [2, 0, 0, 0, 0], "-": [0, 0, 0, 1, 0]}
    assert dict(first["sizes"]) == {"ขนาดกลาง": [2, 0, 0, 1, 0]}


def test_process1_steps_and_rubric(office, academic_year):
    a = SchoolFactory(area_office=office)
    b = SchoolFactory(area_office=office)
    published_p1(a, academic_year, "P1-7.1", yes=[True] * 9)
    published_p1(b, academic_year, "P1-7.1", yes=[True, False])
    published_p1(a, academic_year, "P1-7.2", levels=[5, 5])
    published_p1(b, academic_year, "P1-7.2", levels=[2, 4])
    result = reports.process1_district_report(office=office, year=academic_year)
    assert result["school_count"] == 2
    steps = result["yes_no_rows"]
    assert len(steps) == 9
    assert (steps[0]["yes"], steps[1]["yes"], steps[1]["no"]) == (2, 1, 1)
    assert steps[1]["yes_pct"] == 50
    rubric_first = result["rubric_rows"][0]
    assert [n for _lv, _l, n, _p in rubric_first["distribution"]] == [1, 0, 0, 1, 0]
    assert rubric_first["mean"] == 3.5
    assert {v.school for v, _items in result["needing_help"]} == {b}


def test_process1_report_counts_both_forms_of_each_school(office, academic_year):
    a = SchoolFactory(area_office=office)
    published_p1(a, academic_year, "P1-7.1", yes=[True, False])
    result = reports.process1_district_report(office=office, year=academic_year)
    step2 = result["yes_no_rows"][1]
    assert (step2["yes"], step2["no"]) == (0, 1)


def _count_queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_district_reports_run_a_fixed_number_of_queries(office, academic_year):
    def run():
        reports.process2_district_report(office=office, year=academic_year)
        reports.process1_district_report(office=office, year=academic_year)

    for _ in range(2):
        published_p2(SchoolFactory(area_office=office), academic_year, [4, 4, 3, 3])
    few = _count_queries(run)
    for _ in range(6):
        published_p2(SchoolFactory(area_office=office), academic_year, [4, 4, 3, 3])
    assert _count_queries(run) == few


def test_report_pages_and_pdf(
    client, as_user, supervisor, executive, school_staff, office, academic_year
):
    published_p2(
        SchoolFactory(area_office=office, name="โรงเรียนรายงานเขต"), academic_year, [4, 4, 3, 3]
    )
    url = reverse("supervision:report_process2")
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 403
    page = as_user(executive).get(url, {"year": 2567}).content.decode()
    assert "มาตรฐานทดสอบที่ 1" in page
    response = as_user(supervisor).get(url, {"year": 2567, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    url1 = reverse("supervision:report_process1")
    assert "แบบ 7.3" in as_user(supervisor).get(url1).content.decode()
    assert as_user(supervisor).get(url1, {"format": "pdf"}).content.startswith(b"%PDF")


def test_reports_exclude_other_offices(office, other_office, academic_year):
    published_p2(SchoolFactory(area_office=other_office), academic_year, [5, 5, 5, 5])
    assert reports.process2_district_report(office=office, year=academic_year)["school_count"] == 0


def test_visit_report_standard_table(office, academic_year):
    visit = published_p2(
        SchoolFactory(area_office=office), academic_year, [4, 3, 2, 2], self_levels=[5, 5, 3, 3]
    )
    context = reports.visit_report(visit)
    rows = [(r.standard.number, r.self_level, r.committee_level) for r in context["standards"]]
    assert rows == [(1, 5, 4), (2, 3, 2)]
    assert VisitAnswer.objects.filter(visit=visit).count() == 4
    assert context["standards"][0].committee_label == "ดีเลิศ"
    assert datetime.date(2024, 7, 10) == visit.date
