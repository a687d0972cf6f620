"""Every file response (SAR files, the synthesis PDF and XLSX, the engine's PDFs, the
exports) carries the download helper's headers: an RFC 6266 name, nosniff, no-store
and a sandbox policy. Also the per-school storage quota of SAR uploads."""

import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.sar.synthesis.runs import finished_run
from tests.supervision.factories import full_committee

from .factories import docx_bytes, editor_post_data, fill_version, pdf_bytes


def check_download(response):
    assert response.status_code == 200, response
    disposition = response["Content-Disposition"]
    assert disposition.split(";")[0] in ("attachment", "inline")
    assert 'filename="' in disposition and "filename*=UTF-8''" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("sandbox")


@pytest.fixture
def sar_with_files(sar):
    version = fill_version(sar.latest_version)
    version.docx.save("upload.docx", ContentFile(docx_bytes()), save=False)
    version.save()
    return sar


def test_every_file_response_has_the_download_headers(
    as_user, sar_with_files, supervisor, office, academic_year, school
):
    client = as_user(supervisor)
    run = finished_run(office, academic_year)
    committee = full_committee(office=office, year=academic_year)
    committee.schools.add(school)
    urls = [
        reverse("sar:download", args=[sar_with_files.pk, 1, "pdf"]),
        reverse("sar:download", args=[sar_with_files.pk, 1, "pdf"]) + "?inline=1",
        reverse("sar:download", args=[sar_with_files.pk, 1, "docx"]),
        reverse("sar:synthesis_pdf", args=[run.pk]),
        reverse("sar:synthesis_xlsx", args=[run.pk]),
        reverse("sar:tracker_export"),
        reverse("schools:export") + "?file_format=csv",
        reverse("schools:export") + "?file_format=xlsx",
        reverse("supervision:compliance_xlsx"),
        reverse("supervision:committee_order_pdf", args=[committee.pk]),
    ]
    for url in urls:
        check_download(client.get(url))


def test_school_storage_quota_refuses_an_upload(as_user, sar, school_staff, settings):
    settings.SAR_SCHOOL_QUOTA_MB = 1
    first = editor_post_data(sar)
    first["pdf"] = SimpleUploadedFile("sar.pdf", pdf_bytes() + b"%" + b"0" * (600 * 1024))
    client = as_user(school_staff)
    assert client.post(reverse("sar:edit", args=[sar.pk]), first).status_code == 302
    sar.refresh_from_db()
    stored = sar.latest_version.pdf.name
    second = editor_post_data(sar, innovations="ต้องไม่หาย")
    second["docx"] = SimpleUploadedFile(
        "sar.docx", docx_bytes(extra={"word/media/image1.png": os.urandom(600 * 1024)})
    )
    response = client.post(reverse("sar:edit", args=[sar.pk]), second)
    assert response.status_code == 400
    html = response.content.decode()
    assert "พื้นที่จัดเก็บไฟล์ของสถานศึกษาเต็มแล้ว" in html and "ต้องไม่หาย" in html
    sar.refresh_from_db()
    assert not sar.latest_version.docx and sar.latest_version.pdf.name == stored
    # Replacing the stored PDF with one of the same size fits: the old one goes.
    third = editor_post_data(sar)
    third["pdf"] = SimpleUploadedFile("sar2.pdf", pdf_bytes() + b"%" + b"1" * (600 * 1024))
    assert client.post(reverse("sar:edit", args=[sar.pk]), third).status_code == 302
