"""Every official form of the project passes the official-PDF checks (tools.py): only
Sarabun embedded, page 1 not blank (its PNG kept in test-artifacts/, the synthesis cover
among them), and its text read back intact by pdftotext and pypdf."""

import pytest
from django.urls import reverse

from iqa_district.thai import thai_digits
from supervision import pdf as supervision_pdf
from tests.factories import SchoolFactory
from tests.supervision.factories import full_committee
from tests.supervision.test_reports import published_p2

from .tools import check_official_pdf

pytestmark = pytest.mark.django_db


def test_committee_order(office, academic_year):
    committee = full_committee(office=office, year=academic_year)
    check_official_pdf(
        supervision_pdf.committee_order_pdf(committee),
        "pdf-form-committee-order",
        expect_text=["คำสั่ง", thai_digits(committee.name), "สั่ง ณ วันที่ ๑๖ ธันวาคม พ.ศ. ๒๕๖๗"],
    )


def test_visit_report(office, academic_year):
    school = SchoolFactory(area_office=office, name="โรงเรียนบ้านหนองไผ่")
    visit = published_p2(school, academic_year, [5, 4, 3, 2])
    check_official_pdf(
        supervision_pdf.visit_report_pdf(visit),
        "pdf-form-visit-report",
        expect_text=["โรงเรียนบ้านหนองไผ่", "การวิเคราะห์ผลสัมฤทธิ์รายบุคคล"],
    )


@pytest.mark.parametrize("process", [1, 2])
def test_district_reports(process, office, academic_year, supervisor, as_user):
    published_p2(
        SchoolFactory(area_office=office, name="โรงเรียนรายงานเขต"), academic_year, [4, 4, 3, 3]
    )
    response = as_user(supervisor).get(
        reverse(f"supervision:report_process{process}"), {"year": 2567, "format": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf"
    check_official_pdf(
        response.content,
        f"pdf-form-district-report-p{process}",
        expect_text=["แบบรายงานผล", thai_digits(office.name), "ปีการศึกษา ๒๕๖๗"],
    )


def test_synthesis_report_and_its_cover(office, cluster, other_office, academic_year):
    from sar.synthesis import services
    from tests.sar.factories import make_district

    make_district(office, cluster, other_office)
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert services.synthesis_execute(run_id=run.pk)
    run.refresh_from_db()
    check_official_pdf(
        run.pdf.read(),
        "pdf-synthesis-cover",
        expect_text=["สารบัญ", f"ปีการศึกษา {thai_digits(academic_year.year)}"],
    )
