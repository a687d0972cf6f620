from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from .factories import docx_bytes, fill_version, pdf_bytes


@pytest.fixture
def sar_with_files(sar):
    version = fill_version(sar.latest_version)
    version.docx.save("upload.docx", ContentFile(docx_bytes()), save=False)
    version.save()
    return sar


def read(response):
    return b"".join(response.streaming_content)


def test_school_downloads_its_pdf_as_attachment(as_user, sar_with_files, school_staff):
    url = reverse("sar:download", args=[sar_with_files.pk, 1, "pdf"])
    response = as_user(school_staff).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    school = sar_with_files.school
    assert f"filename*=UTF-8''{quote(f'SAR-2567-{school.code}-{school.name}')}" in disposition
    assert read(response).startswith(b"%PDF-")


def test_inline_pdf_may_be_framed_by_our_pages_only(as_user, sar_with_files, supervisor):
    url = reverse("sar:download", args=[sar_with_files.pk, 1, "pdf"]) + "?inline=1"
    response = as_user(supervisor).get(url)
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # Every other page keeps the project-wide DENY.
    detail = as_user(supervisor).get(reverse("sar:detail", args=[sar_with_files.pk]))
    assert detail["X-Frame-Options"] == "DENY"


def test_docx_download(as_user, sar_with_files, executive):
    response = as_user(executive).get(reverse("sar:download", args=[sar_with_files.pk, 1, "docx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    assert read(response)[:2] == b"PK"


def test_downloads_refused_to_others(
    client, as_user, sar_with_files, school_staff2, other_supervisor, committee_member
):
    url = reverse("sar:download", args=[sar_with_files.pk, 1, "pdf"])
    assert client.get(url).status_code == 302
    assert as_user(school_staff2).get(url).status_code == 404
    assert as_user(other_supervisor).get(url).status_code == 404
    assert as_user(committee_member).get(url).status_code == 403


def test_unknown_kind_or_version_is_404(as_user, sar_with_files, supervisor):
    c = as_user(supervisor)
    assert c.get(reverse("sar:download", args=[sar_with_files.pk, 1, "exe"])).status_code == 404
    assert c.get(reverse("sar:download", args=[sar_with_files.pk, 9, "pdf"])).status_code == 404


def test_media_is_not_reachable_by_url(client, as_user, sar_with_files, supervisor):
    name = sar_with_files.latest_version.pdf.name
    for prefix in ("/media/", "/media-not-served/"):
        assert client.get(prefix + name).status_code == 404
        assert as_user(supervisor).get(prefix + name).status_code == 404


def test_pdf_bytes_fixture_is_a_pdf():
    assert pdf_bytes().startswith(b"%PDF-")


def test_who_opened_which_sar_file_is_in_the_audit_log(
    as_user, sar_with_files, supervisor, school_staff
):
    from iqa_district.audit.models import AuditEntry

    url = reverse("sar:download", args=[sar_with_files.pk, 1, "pdf"])
    as_user(supervisor).get(url + "?inline=1", REMOTE_ADDR="192.0.2.7")
    as_user(school_staff).get(url.replace("/pdf", "/docx"), REMOTE_ADDR="192.0.2.8")
    seen = [
        (e.actor, e.action, e.object_type, e.ip_address, e.area_office_id)
        for e in AuditEntry.objects.order_by("at", "pk")
    ]
    office = sar_with_files.school.area_office_id
    assert seen == [
        (supervisor, AuditEntry.Action.VIEW, "sar.SARVersion", "192.0.2.7", office),
        (school_staff, AuditEntry.Action.DOWNLOAD, "sar.SARVersion", "192.0.2.8", office),
    ]
