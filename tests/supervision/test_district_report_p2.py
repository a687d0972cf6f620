"""Process 2 district report ๗.๓ (issue 13 item 4): the schools' semester self-evaluations
summed per standard, common points by the phrase miner, the committee's own standard
level, the district's conclusion and acceleration measures, and publication."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from iqa_district.audit.models import AuditEntry
from supervision import pdf, report_services, reports
from supervision.models import DistrictReport, SelfEvaluationLevel
from tests.factories import SchoolFactory
from tests.pdf.tools import check_official_pdf
from tests.supervision.factories import SelfEvaluationFactory, standard_set
from tests.supervision.test_reports import published_p2

pytestmark = pytest.mark.django_db
URL = reverse("supervision:report_process2")
CONCLUSION_URL = reverse("supervision:report_process2_conclusion")


def evaluate(school, year, semester, levels, *, date=datetime.date(2024, 8, 20)):
    evaluation = SelfEvaluationFactory(
        school=school, academic_year=year, semester=semester, date=date
    )
    for standard, level in levels.items():
        SelfEvaluationLevel.objects.create(
            self_evaluation=evaluation, standard=standard, level=level
        )
    return evaluation


def test_self_evaluations_are_summed_per_semester_and_standard(office, other_office, academic_year):
    a, b, c = (SchoolFactory(area_office=office) for _ in range(3))
    s1, s2 = standard_set(a).standards.order_by("number")
    evaluate(a, academic_year, 1, {s1: 5, s2: 3})
    evaluate(b, academic_year, 1, {s1: 1, s2: 1}, date=datetime.date(2024, 6, 20))
    evaluate(b, academic_year, 1, {s1: 4, s2: 3})  # the later one replaces it
    evaluate(c, academic_year, 1, {s1: 4, s2: None})  # not rated: not counted
    evaluate(a, academic_year, 2, {s1: 3}, date=datetime.date(2024, 12, 1))
    evaluate(SchoolFactory(area_office=other_office), academic_year, 1, {s1: 1})

    summary = reports.self_evaluation_summary(office=office, year=academic_year)

    assert [(sem["semester"], sem["schools"]) for sem in summary] == [(1, 3), (2, 1)]
    first = [
        (
            r["standard"].number,
            [n for _lv, _label, n, _pct in r["distribution"]],
            r["rated"],
            r["total"],
            r["mean"],
            r["mean_level"],
        )
        for r in summary[0]["rows"]
    ]
    assert first == [
        (1, [1, 2, 0, 0, 0], 3, 13, Decimal("4.33"), 4),
        (2, [0, 0, 2, 0, 0], 2, 6, Decimal("3.00"), 3),
    ]
    assert [pct for *_x, pct in summary[0]["rows"][0]["distribution"]][:2] == [33.33, 66.67]
    second = summary[1]["rows"]
    assert [(r["standard"].number, r["total"], r["mean"]) for r in second] == [
        (1, 3, Decimal("3.00"))
    ]


def test_common_points_are_mined_phrases_counted_once_per_school(office, academic_year):
    for n, text in enumerate(
        [
            "นักเรียนมีทักษะการอ่านออกเขียนได้ดี และครูใช้สื่อเทคโนโลยี",
            "ส่งเสริมการอ่านออกเขียนได้อย่างต่อเนื่อง",
            "การอ่านออกเขียนได้ของผู้เรียนชั้นประถมศึกษาปีที่ ๑ ดีขึ้น",
        ]
    ):
        visit = published_p2(SchoolFactory(area_office=office), academic_year, [4, 4, 4, 4])
        visit.strengths = text
        visit.acceleration_measures = f"เร่งรัดการแก้ปัญหาการอ่านการเขียนภาษาไทย รอบที่ {n}"
        visit.save()
    common = reports.process2_district_report(office=office, year=academic_year)["common"]
    # Three differently worded lines share the key word; identical-line counting found none.
    assert ("อ่าน", 3) in common["strengths"]
    # No line is identical, yet the measure shared by the three schools is found.
    assert any(n == 3 and "อ่าน" in phrase for phrase, n in common["acceleration_measures"])


def test_committee_sets_a_standards_level_itself(
    office, academic_year, district_admin, school_staff
):
    visit = published_p2(SchoolFactory(area_office=office), academic_year, [4, 3, 2, 2])
    visit.status = visit.Status.IN_PROGRESS
    visit.save()
    first = reports.visit_report(visit)["standards"][0]
    assert (first.committee_mean, first.committee_level) == (Decimal("3.50"), 4)
    with pytest.raises(PermissionDenied):
        report_services.visit_set_standard_levels(
            visit=visit, levels={first.standard.pk: 2}, actor=school_staff
        )
    report_services.visit_set_standard_levels(
        visit=visit, levels={first.standard.pk: 2}, actor=district_admin
    )
    row = reports.visit_report(visit)["standards"][0]
    assert (row.committee_mean, row.committee_level, row.override) == (Decimal("3.50"), 2, 2)
    visit.status = visit.Status.PUBLISHED
    visit.save()
    district = reports.process2_district_report(office=office, year=academic_year)
    levels = {
        r["standard"].number: [n for *_x, n, _p in r["distribution"]]
        for r in district["standard_rows"]
    }
    assert levels[1] == [0, 0, 0, 1, 0]  # counted at the committee's level 2, not 4
    visit.status = visit.Status.IN_PROGRESS
    visit.save()
    report_services.visit_set_standard_levels(
        visit=visit, levels={first.standard.pk: None}, actor=district_admin
    )
    assert reports.visit_report(visit)["standards"][0].committee_level == 4


def test_standard_levels_view_permissions(
    client, as_user, district_admin, executive, other_supervisor, office, academic_year
):
    visit = published_p2(SchoolFactory(area_office=office), academic_year, [4, 3, 2, 2])
    visit.status = visit.Status.IN_PROGRESS
    visit.save()
    standard = reports.visit_report(visit)["standards"][0].standard
    url = reverse("supervision:visit_standard_levels", args=[visit.pk])
    data = {f"standard_{standard.pk}": "5"}
    assert client.post(url, data).status_code == 302
    assert not visit.standard_levels.exists()
    assert as_user(executive).post(url, data).status_code == 403
    assert as_user(other_supervisor).post(url, data).status_code == 404
    page = as_user(district_admin).get(reverse("supervision:visit_detail", args=[visit.pk]))
    assert "standard-levels-card" in page.content.decode()
    assert as_user(district_admin).post(url, data).status_code == 302
    assert visit.standard_levels.get().level == 5


def test_supervisor_writes_the_conclusion_and_publishes(
    client, as_user, supervisor, executive, school_staff, other_supervisor, office, academic_year
):
    published_p2(SchoolFactory(area_office=office), academic_year, [4, 4, 3, 3])
    data = {
        "year": "2567",
        "conclusion": "สถานศึกษาส่วนใหญ่อยู่ในระดับดีเลิศ",
        "measures": "เร่งรัดการอ่าน\nนิเทศติดตามรายเดือน",
    }
    assert client.post(CONCLUSION_URL, data).status_code == 302
    assert as_user(executive).post(CONCLUSION_URL, data).status_code == 403
    assert as_user(school_staff).post(CONCLUSION_URL, data).status_code == 403
    assert not DistrictReport.objects.exists()
    # A blank conclusion: a Thai error and the measures typed stay on the page.
    response = as_user(supervisor).post(CONCLUSION_URL, {**data, "conclusion": ""})
    assert response.status_code == 200
    assert "นิเทศติดตามรายเดือน" in response.content.decode()
    assert not DistrictReport.objects.exists()
    assert as_user(supervisor).post(CONCLUSION_URL, data).status_code == 302
    report = DistrictReport.objects.get()
    assert (report.conclusion, report.written_by, report.area_office) == (
        "สถานศึกษาส่วนใหญ่อยู่ในระดับดีเลิศ",
        supervisor,
        office,
    )
    page = as_user(supervisor).get(URL, {"year": 2567}).content.decode()
    assert "นิเทศติดตามรายเดือน" in page and "เผยแพร่รายงาน 7.3" in page

    public = reverse("public:district_report_pdf", args=[report.pk])
    publish = reverse("supervision:report_publish", args=[report.pk])
    assert client.get(public).status_code == 404  # not yet published
    assert not DistrictReport.objects.visible_to(school_staff).exists()
    assert as_user(other_supervisor).post(publish, {"publish": "1"}).status_code == 404
    assert as_user(executive).post(publish, {"publish": "1"}).status_code == 403
    assert as_user(supervisor).post(publish, {"publish": "1"}).status_code == 302
    report.refresh_from_db()
    assert report.is_published and report.published_by == supervisor
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISH).exists()
    assert DistrictReport.objects.visible_to(school_staff).get() == report
    response = client.get(public)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert as_user(supervisor).post(publish, {"publish": "0"}).status_code == 302
    assert client.get(public).status_code == 404


def test_publishing_needs_the_conclusion(supervisor, office, academic_year):
    report = DistrictReport.objects.create(area_office=office, academic_year=academic_year)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        report_services.district_report_set_published(
            report=report, published=True, actor=supervisor
        )


def test_district_report_pdf_is_official(office, academic_year, supervisor):
    a, b = SchoolFactory(area_office=office), SchoolFactory(area_office=office)
    for school in (a, b):
        visit = published_p2(school, academic_year, [5, 4, 3, 3])
        visit.strengths = "ส่งเสริมการอ่านออกเขียนได้อย่างต่อเนื่อง"
        visit.save()
    s1, s2 = a.standard_sets.get().standards.order_by("number")
    evaluate(a, academic_year, 1, {s1: 5, s2: 3})
    evaluate(b, academic_year, 1, {s1: 4, s2: 4})
    report_services.district_report_write(
        office=office,
        year=academic_year,
        conclusion="สถานศึกษา ๒ แห่งมีผลการประเมินตนเองเฉลี่ยระดับดีเลิศ",
        measures="เร่งรัดการอ่านออกเขียนได้ทุกชั้นเรียน",
        actor=supervisor,
    )
    context = reports.process2_district_report(office=office, year=academic_year)
    content = pdf.district_report_pdf(2, context)
    check_official_pdf(
        content,
        "district-report-p2",
        expect_text=[
            "ผลการประเมินคุณภาพภายในของสถานศึกษา รายภาคเรียน",
            "๔.๕๐",
            "สถานศึกษา ๒ แห่งมีผลการประเมินตนเองเฉลี่ยระดับดีเลิศ",
            "เร่งรัดการอ่านออกเขียนได้ทุกชั้นเรียน",
        ],
    )
