"""The synthesis's per-school appendix, a document of its own (issue 19 item 4): the
job no longer lays out one table row per school; the appendix is rendered the first
time someone who may read the run asks for it, kept, and served again from storage."""

import io
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from sar.models import SynthesisRun
from sar.synthesis import services
from tests.pdf.tools import check_official_pdf, pdftotext_pages, squash

CODES = ("๑๐๙๙๐๐๐๐๐๑", "๑๐๙๙๐๐๐๐๐๒", "๑๐๙๙๐๐๐๐๐๓")


def body(response):
    return b"".join(response.streaming_content)


def appendix_url(run, namespace="sar"):
    return reverse(f"{namespace}:synthesis_appendix_pdf", args=[run.pk])


def test_staff_get_the_appendix_rendered_once_then_from_storage(run, as_user, executive):
    client = as_user(executive)
    renders = mock.patch.object(
        services, "render_appendix_pdf_bytes", wraps=services.render_appendix_pdf_bytes
    )
    with renders as render:
        first = client.get(appendix_url(run))
        second = client.get(appendix_url(run))
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert "inline" in first["Content-Disposition"]
    assert "ภาคผนวก" in first["Content-Disposition"] or "%E0%B8%A0" in first["Content-Disposition"]
    pdf = body(first)
    assert pdf == body(second) and pdf.startswith(b"%PDF")
    assert render.call_count == 1
    run.refresh_from_db()
    assert run.appendix_pdf.name.endswith(".pdf")


def test_the_appendix_lists_every_school_in_landscape_as_an_official_pdf(run, executive):
    run = services.synthesis_appendix(run=run, user=executive)
    pdf = run.appendix_pdf.read()
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape
    check_official_pdf(
        pdf,
        "synthesis-appendix",
        expect_text=["ภาคผนวก ผลการประเมินรายมาตรฐานของสถานศึกษา", "กลุ่มเครือข่ายเมือง"],
    )
    text = squash("".join(pdftotext_pages(pdf)))
    for code in CODES:
        assert code in text, code
    # Only the schools this office synthesised: not the draft, not the other office's.
    assert "๑๐๙๙๐๐๐๐๐๕" not in text


def test_the_report_pdf_points_to_the_appendix_and_lists_no_school(run, executive):
    """The report itself (as the job renders it) keeps the appendix chapter's title in
    its contents and says where the per-school table is, but lays out none of it."""
    from sar.synthesis.pdf import render_pdf_bytes

    report = run.__class__.objects.select_related("area_office").get(pk=run.pk)
    text = squash("".join(pdftotext_pages(render_pdf_bytes(report, report.results))))
    assert squash("จัดพิมพ์เป็นเอกสารภาคผนวกแยกเล่ม") in text
    assert CODES[0] not in text


def test_school_staff_and_committee_are_refused(run, as_user, school_staff, committee_member):
    for persona in (school_staff, committee_member):
        assert as_user(persona).get(appendix_url(run)).status_code == 403
        with pytest.raises(PermissionDenied):
            services.synthesis_appendix(run=run, user=persona)
    assert not SynthesisRun.objects.get(pk=run.pk).appendix_pdf


def test_another_office_and_an_unfinished_run_are_not_found(
    run, other_run, office, academic_year, as_user, supervisor
):
    client = as_user(supervisor)
    assert client.get(appendix_url(other_run)).status_code == 404
    pending = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert client.get(appendix_url(pending)).status_code == 404
    with pytest.raises(services.SynthesisError):
        services.synthesis_appendix(run=pending, user=supervisor)
    assert not SynthesisRun.objects.get(pk=other_run.pk).appendix_pdf


def test_anonymous_is_sent_to_login_and_reads_only_a_published_appendix(
    run, other_run, client, supervisor
):
    response = client.get(appendix_url(run))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(appendix_url(run, "public")).status_code == 404  # not published
    with pytest.raises(PermissionDenied):
        services.synthesis_appendix(run=run, user=AnonymousUser())
    services.synthesis_publish(run=run, actor=supervisor)
    public = client.get(appendix_url(run, "public"))
    assert public.status_code == 200 and body(public).startswith(b"%PDF")
    assert client.get(appendix_url(other_run, "public")).status_code == 404


def test_the_pages_link_the_appendix(run, as_user, executive, supervisor, client):
    page = as_user(executive).get(reverse("sar:synthesis_detail", args=[run.pk])).content
    assert appendix_url(run).encode() in page
    services.synthesis_publish(run=run, actor=supervisor)
    public = client.get(reverse("public:synthesis_detail", args=[run.pk])).content
    assert appendix_url(run, "public").encode() in public


def test_a_lost_file_is_rendered_again(run, executive):
    run = services.synthesis_appendix(run=run, user=executive)
    run.appendix_pdf.storage.delete(run.appendix_pdf.name)
    again = services.synthesis_appendix(run=SynthesisRun.objects.get(pk=run.pk), user=executive)
    assert again.appendix_pdf.storage.exists(again.appendix_pdf.name)


def test_publishing_queues_the_appendix_for_a_worker(
    run, supervisor, django_capture_on_commit_callbacks
):
    """Once published anyone may open the appendix, so a worker renders it first."""
    from celery import current_app

    task = current_app.tasks[services.APPENDIX_TASK]
    with mock.patch.object(task, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            services.synthesis_publish(run=run, actor=supervisor)
        delay.assert_called_once_with(run.pk)
        with django_capture_on_commit_callbacks(execute=True):
            services.synthesis_unpublish(run=run, actor=supervisor)
        assert delay.call_count == 1  # withdrawing renders nothing


def test_the_task_renders_the_appendix_once(run):
    from sar import tasks

    renders = mock.patch.object(
        services, "render_appendix_pdf_bytes", wraps=services.render_appendix_pdf_bytes
    )
    with renders as render:
        tasks.render_synthesis_appendix(run.pk)
        tasks.render_synthesis_appendix(run.pk)  # delivered twice
    assert render.call_count == 1
    assert SynthesisRun.objects.get(pk=run.pk).appendix_pdf.read(5) == b"%PDF-"
