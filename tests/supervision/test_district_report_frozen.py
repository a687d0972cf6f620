"""A published ๗.๓ is frozen (issue 13 item 4): publishing stores the PDF with its
checksum, the public link serves that file as it was, whatever visits come later;
withdrawing drops it, publishing again freezes the figures of then."""

import hashlib

import pytest
from django.urls import reverse

from iqa_district.audit.models import AuditEntry
from supervision import report_services
from supervision.models import DistrictReport
from tests.factories import SchoolFactory
from tests.pdf.tools import check_official_pdf, pdftotext_pages
from tests.supervision.test_reports import published_p2

pytestmark = pytest.mark.django_db


def written(office, year, supervisor):
    return report_services.district_report_write(
        office=office,
        year=year,
        conclusion="สถานศึกษาส่วนใหญ่มีผลการดำเนินงานระดับดีเลิศ",
        measures="เร่งรัดการอ่านออกเขียนได้\nนิเทศติดตามรายเดือน",
        actor=supervisor,
    )


def served(client, report):
    response = client.get(reverse("public:district_report_pdf", args=[report.pk]))
    assert response.status_code == 200
    return response.content


def test_publishing_freezes_the_pdf_and_the_public_reads_it_as_it_was(
    client, office, academic_year, supervisor
):
    published_p2(
        SchoolFactory(area_office=office, name="โรงเรียนก่อนเผยแพร่"), academic_year, [4, 4, 3, 3]
    )
    report = written(office, academic_year, supervisor)
    report = report_services.district_report_set_published(
        report=report, published=True, actor=supervisor
    )
    frozen = report.pdf.open("rb").read()
    assert frozen.startswith(b"%PDF")
    assert report.pdf_sha256 == hashlib.sha256(frozen).hexdigest()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PUBLISH)
    assert report.pdf_sha256 in entry.detail

    # A visit published afterwards changes the live figures, not the published file.
    published_p2(SchoolFactory(area_office=office), academic_year, [1, 1, 1, 1])
    assert served(client, report) == frozen
    assert served(client, report) == frozen

    report = report_services.district_report_set_published(
        report=report, published=False, actor=supervisor
    )
    assert not report.pdf and report.pdf_sha256 == ""
    assert client.get(reverse("public:district_report_pdf", args=[report.pk])).status_code == 404
    report = report_services.district_report_set_published(
        report=report, published=True, actor=supervisor
    )
    assert report.pdf_sha256 != hashlib.sha256(frozen).hexdigest()


def test_the_frozen_pdf_is_official_with_the_conclusion_and_measures(
    client, office, academic_year, supervisor
):
    for _ in range(2):
        published_p2(SchoolFactory(area_office=office), academic_year, [5, 4, 3, 3])
    report = report_services.district_report_set_published(
        report=written(office, academic_year, supervisor), published=True, actor=supervisor
    )
    pdf = served(client, report)
    check_official_pdf(
        pdf,
        "district-report-p2-frozen",
        expect_text=["เร่งรัดการอ่านออกเขียนได้", "นิเทศติดตามรายเดือน"],
    )
    assert "สถานศึกษาส่วนใหญ่มีผลการดำเนินงานระดับดีเลิศ" in "".join(pdftotext_pages(pdf))


def test_a_report_published_before_freezing_is_frozen_once_at_first_download(
    client, office, academic_year, supervisor
):
    published_p2(SchoolFactory(area_office=office), academic_year, [4, 4, 3, 3])
    report = written(office, academic_year, supervisor)
    DistrictReport.objects.filter(pk=report.pk).update(published_at=report.created_at)
    first = served(client, report)
    report.refresh_from_db()
    assert report.pdf_sha256 == hashlib.sha256(first).hexdigest()
    published_p2(SchoolFactory(area_office=office), academic_year, [1, 1, 1, 1])
    assert served(client, report) == first


def test_the_page_shows_the_checksum_of_the_published_file(
    as_user, office, academic_year, supervisor
):
    published_p2(SchoolFactory(area_office=office), academic_year, [4, 4, 3, 3])
    report = report_services.district_report_set_published(
        report=written(office, academic_year, supervisor), published=True, actor=supervisor
    )
    page = as_user(supervisor).get(
        reverse("supervision:report_process2"), {"year": academic_year.pk}
    )
    assert report.pdf_sha256 in page.content.decode()
