"""Issue 18 item 6: a SAR version's structured results as a printable PDF (per standard
its level, per item target, result, level and met; the help needs), through the
project's engine, passing the official-PDF checks; the school's own and its district's
only; linked from the SAR's page."""

import pytest
from django.urls import reverse

from sar.models import HelpNeed, SelfAssessmentReport
from sar.pdf import sar_results_pdf
from standards.models import QualityLevel
from tests.pdf.tools import check_official_pdf, pdftotext_pages, squash

from .factories import make_framework, make_sar, make_target

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(school, academic_year):
    f = make_framework()
    make_target(school, academic_year.year, f["1.1.1"], QualityLevel.VERY_GOOD, 80)
    make_target(school, academic_year.year, f["1.1.2"], QualityLevel.VERY_GOOD)
    return make_sar(
        school,
        academic_year.year,
        standards={
            f["B1"]: (QualityLevel.VERY_GOOD, "อ่านคล่อง", "การคิดวิเคราะห์"),
            f["B2"]: (QualityLevel.GOOD, "", ""),
        },
        items={
            f["1.1.1"]: (75.45, QualityLevel.VERY_GOOD),  # below its 80 %: not met
            f["1.1.2"]: (88, QualityLevel.EXCELLENT),
            f["2.1"]: (None, QualityLevel.GOOD),
        },
        needs=[(HelpNeed.Category.MEASUREMENT, "การสร้างเครื่องมือวัดการคิดวิเคราะห์ 3 ชุด")],
        versions=2,
    )


def test_the_pdf_passes_the_official_checks_and_prints_the_results(report):
    pdf = sar_results_pdf(report, report.versions.get(number=2))
    check_official_pdf(
        pdf,
        "sar-results",
        expect_text=[
            "สรุปผลการประเมินตนเองของสถานศึกษา",
            "โรงเรียนบ้านหนองไผ่",
            "SAR ฉบับที่ ๒",
            "มาตรฐานที่ ๑ คุณภาพของผู้เรียน",
            "๑.๑.๑ การอ่าน การเขียน",
            "๗๕.๔๕",
            "ไม่บรรลุ",
            "บรรลุค่าเป้าหมาย ๑ ประเด็น จาก ๒ ประเด็นที่มีค่าเป้าหมาย",
            "การสร้างเครื่องมือวัดการคิดวิเคราะห์ ๓ ชุด",
        ],
    )
    old = squash("".join(pdftotext_pages(sar_results_pdf(report, report.versions.get(number=1)))))
    assert "๗๕.๔๕" not in old and "SARฉบับที่๑" in old


def test_the_school_and_its_district_print_it_others_do_not(
    client,
    as_user,
    report,
    school_staff,
    school_staff2,
    supervisor,
    executive,
    committee_member,
    other_supervisor,
):
    url = reverse("sar:results_pdf", args=[report.pk])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    for user in (school_staff, supervisor, executive):
        response = as_user(user).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert as_user(committee_member).get(url).status_code == 403
    assert as_user(school_staff2).get(url).status_code == 404  # another school's SAR
    assert as_user(other_supervisor).get(url).status_code == 404  # another office's
    assert as_user(supervisor).get(url + "?v=9").status_code == 404
    assert as_user(supervisor).get(url + "?v=1").status_code == 200
    assert as_user(supervisor).post(url).status_code == 405


def test_the_sar_page_links_the_pdf_of_the_version_shown(as_user, supervisor, report):
    body = as_user(supervisor).get(reverse("sar:detail", args=[report.pk]) + "?v=1").content
    assert f"{reverse('sar:results_pdf', args=[report.pk])}?v=1".encode() in body


def test_a_report_without_a_version_is_a_404(as_user, supervisor, school, academic_year):
    report = SelfAssessmentReport.objects.create(school=school, academic_year=academic_year)
    url = reverse("sar:results_pdf", args=[report.pk])
    assert as_user(supervisor).get(url).status_code == 404
