"""What happens to a synthesis (issue 13 item 8): the district records when it sent the
report to OBEC and ONESQA with a checksummed copy of the PDF sent, shown in the run's
history; supervisors list per school the issues the district and stakeholders want
evaluated, and the report prints them in the section its preface promises."""

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from iqa_district.audit.models import AuditEntry
from sar.models import EvaluationIssue, SynthesisDispatch, SynthesisRun
from sar.synthesis import record_services, services
from sar.synthesis.pdf import pdf_context
from tests.factories import SchoolFactory
from tests.sar.factories import SynthesisRunFactory, make_district

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 the synthesis as it was sent\n%%EOF"
TODAY = timezone.localdate()


def done_run(office, year, content=PDF):
    run = SynthesisRunFactory(
        area_office=office,
        academic_year=year,
        status=SynthesisRun.Status.DONE,
        finished_at=timezone.now() - datetime.timedelta(days=3),
    )
    run.pdf.save("synthesis.pdf", ContentFile(content))
    return run


@pytest.fixture
def real_run(office, cluster, other_office, academic_year):
    """A synthesis run to the end, with its figures and its PDF."""
    make_district(office, cluster, other_office)
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert services.synthesis_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def record(run, actor, recipient="obec", **kwargs):
    return record_services.synthesis_dispatch_record(
        run=run, recipient=recipient, sent_on=kwargs.pop("sent_on", TODAY), actor=actor, **kwargs
    )


# --------------------------------------------------------------------------- dispatches


def test_a_dispatch_keeps_a_copy_of_the_pdf_sent_with_its_checksum(
    office, academic_year, supervisor
):
    run = done_run(office, academic_year)
    dispatch = record(run, supervisor, reference="ศธ ๐๔๑๒๖/๑๒๓๔", note="ระบบสารบรรณอิเล็กทรอนิกส์")
    assert dispatch.sha256 == hashlib.sha256(PDF).hexdigest()
    assert dispatch.size == len(PDF)
    assert (dispatch.recorded_by, dispatch.sent_on) == (supervisor, TODAY)
    # A later re-render of the run's PDF does not change what was sent.
    run.pdf.save("synthesis.pdf", ContentFile(b"%PDF-1.4 re-rendered\n%%EOF"))
    dispatch.refresh_from_db()
    assert dispatch.file.read() == PDF
    assert AuditEntry.objects.filter(object_id=str(dispatch.pk), actor=supervisor).exists()
    onesqa = record(run, supervisor, recipient="onesqa")
    assert onesqa.sha256 == hashlib.sha256(b"%PDF-1.4 re-rendered\n%%EOF").hexdigest()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"recipient": "moe"}, "โปรดเลือกหน่วยงาน"),
        ({"sent_on": TODAY + datetime.timedelta(days=1)}, "ไม่เป็นวันในอนาคต"),
        ({"sent_on": TODAY - datetime.timedelta(days=30)}, "ไม่ก่อนวันที่สังเคราะห์เสร็จ"),
    ],
)
def test_a_dispatch_is_checked(office, academic_year, supervisor, change, message):
    run = done_run(office, academic_year)
    with pytest.raises(ValidationError, match=message):
        record(run, supervisor, **change)
    assert not SynthesisDispatch.objects.exists()


def test_only_a_finished_run_of_ones_office_by_a_quality_manager(
    office, academic_year, supervisor, executive, other_supervisor
):
    failed = SynthesisRunFactory(
        area_office=office, academic_year=academic_year, status=SynthesisRun.Status.FAILED
    )
    with pytest.raises(ValidationError, match="ยังไม่เสร็จ"):
        record(failed, supervisor)
    run = done_run(office, academic_year)
    for actor in (executive, other_supervisor):
        with pytest.raises(PermissionDenied):
            record(run, actor)
    assert not SynthesisDispatch.objects.exists()


def test_the_run_page_records_a_dispatch_and_shows_it_in_the_history(as_user, real_run, supervisor):
    run = real_run
    client = as_user(supervisor)
    page = client.get(reverse("sar:synthesis_detail", args=[run.pk])).content.decode()
    assert 'id="dispatch-form"' in page and "data-confirm" in page
    response = client.post(
        reverse("sar:synthesis_dispatch", args=[run.pk]),
        {"recipient": "onesqa", "sent_on": TODAY.isoformat(), "reference": "ศธ 04126/99"},
    )
    assert response.status_code == 302
    dispatch = SynthesisDispatch.objects.get()
    page = client.get(reverse("sar:synthesis_detail", args=[run.pk])).content.decode()
    assert dispatch.sha256 in page
    history = page.split('id="run-history"')[1].split("</ol>")[0]
    assert "สั่งสังเคราะห์" in history and "ส่งรายงานถึง สำนักงานรับรองมาตรฐาน" in history
    assert "ศธ 04126/99" in history
    download = client.get(reverse("sar:synthesis_dispatch_file", args=[dispatch.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == run.pdf.open("rb").read()


def test_dispatch_views_refuse_others(
    client,
    as_user,
    office,
    other_office,
    academic_year,
    supervisor,
    executive,
    school_staff,
    other_supervisor,
):
    run = done_run(office, academic_year)
    dispatch = record(run, supervisor)
    post = reverse("sar:synthesis_dispatch", args=[run.pk])
    data = {"recipient": "obec", "sent_on": TODAY.isoformat()}
    file_url = reverse("sar:synthesis_dispatch_file", args=[dispatch.pk])
    assert client.post(post, data).status_code == 302
    assert client.get(file_url).status_code == 302
    assert as_user(executive).post(post, data).status_code == 403
    assert as_user(executive).get(file_url).status_code == 200  # district staff read
    assert as_user(school_staff).get(file_url).status_code == 403
    assert as_user(other_supervisor).post(post, data).status_code == 404
    assert as_user(other_supervisor).get(file_url).status_code == 404
    assert SynthesisDispatch.objects.count() == 1


# ------------------------------------------------------------------------------ issues


def test_issues_are_listed_per_school_and_year_in_order(office, academic_year, supervisor, school):
    first = record_services.evaluation_issue_add(
        school=school,
        academic_year=academic_year,
        source="stakeholder",
        source_name="เครือข่ายผู้ปกครอง",
        text="การอ่านออกเขียนได้ของนักเรียนชั้นประถมศึกษาปีที่ ๑",
        actor=supervisor,
    )
    second = record_services.evaluation_issue_add(
        school=school,
        academic_year=academic_year,
        source="district",
        text="ความปลอดภัย",
        actor=supervisor,
    )
    assert (first.order, second.order) == (1, 2)
    assert list(EvaluationIssue.objects.of_office_year(office.pk, academic_year.pk)) == [
        first,
        second,
    ]
    with pytest.raises(ValidationError):
        record_services.evaluation_issue_add(
            school=school, academic_year=academic_year, source="x", text="ก", actor=supervisor
        )
    record_services.evaluation_issue_remove(issue=first, actor=supervisor)
    assert list(EvaluationIssue.objects.all()) == [second]
    assert AuditEntry.objects.filter(action="delete", object_id=str(first.pk)).exists()


def test_issues_are_written_by_the_offices_quality_managers_only(
    academic_year, school, executive, other_supervisor, supervisor, school_staff
):
    for actor in (executive, other_supervisor, school_staff):
        with pytest.raises(PermissionDenied):
            record_services.evaluation_issue_add(
                school=school, academic_year=academic_year, source="district", text="ก", actor=actor
            )
    issue = record_services.evaluation_issue_add(
        school=school, academic_year=academic_year, source="district", text="ก", actor=supervisor
    )
    with pytest.raises(PermissionDenied):
        record_services.evaluation_issue_remove(issue=issue, actor=other_supervisor)
    assert list(EvaluationIssue.objects.visible_to(school_staff)) == [issue]
    assert not EvaluationIssue.objects.visible_to(other_supervisor).exists()


def test_issue_pages(as_user, client, academic_year, school, supervisor, executive, school_staff):
    page_url = (
        reverse("sar:evaluation_issues_school", args=[school.pk]) + f"?year={academic_year.pk}"
    )
    response = as_user(supervisor).post(
        page_url, {"source": "agency", "source_name": "อบต.", "text": "การจัดการขยะในโรงเรียน"}
    )
    assert response.status_code == 302
    issue = EvaluationIssue.objects.get()
    assert (issue.school, issue.academic_year, issue.created_by) == (
        school,
        academic_year,
        supervisor,
    )
    assert "การจัดการขยะในโรงเรียน" in as_user(executive).get(page_url).content.decode()
    assert as_user(supervisor).post(page_url, {"source": "agency", "text": ""}).status_code == 400
    listing = as_user(executive).get(reverse("sar:evaluation_issues") + f"?year={academic_year.pk}")
    assert listing.status_code == 200
    row = listing.content.decode().split(school.name)[1].split("</tr>")[0]
    assert ">1<" in row
    assert as_user(executive).post(page_url, {"source": "agency", "text": "ก"}).status_code == 403
    delete = reverse("sar:evaluation_issue_delete", args=[issue.pk])
    assert as_user(executive).post(delete).status_code == 403
    client.logout()
    assert client.post(delete).status_code == 302 and EvaluationIssue.objects.exists()
    assert as_user(supervisor).post(delete).status_code == 302
    assert not EvaluationIssue.objects.exists()


def test_issue_pages_refuse_others(
    client, as_user, academic_year, school, supervisor, school_staff, other_supervisor
):
    issue = record_services.evaluation_issue_add(
        school=school, academic_year=academic_year, source="district", text="ก", actor=supervisor
    )
    urls = [
        reverse("sar:evaluation_issues"),
        reverse("sar:evaluation_issues_school", args=[school.pk]),
    ]
    for url in urls:
        client.logout()
        assert client.get(url).status_code == 302
        assert as_user(school_staff).get(url).status_code == 403
    assert as_user(other_supervisor).get(urls[1]).status_code == 404
    assert (
        as_user(other_supervisor).post(urls[1], {"source": "district", "text": "ข"}).status_code
        == 404
    )
    delete = reverse("sar:evaluation_issue_delete", args=[issue.pk])
    assert as_user(other_supervisor).post(delete).status_code == 404
    assert as_user(school_staff).post(delete).status_code == 403
    assert EvaluationIssue.objects.count() == 1


def test_issue_list_runs_a_bounded_number_of_queries(
    as_user, office, academic_year, supervisor, django_assert_max_num_queries
):
    client = as_user(supervisor)
    url = reverse("sar:evaluation_issues") + f"?year={academic_year.pk}"
    for size in (3, 30):
        while office.schools.count() < size:
            school = SchoolFactory(area_office=office)
            record_services.evaluation_issue_add(
                school=school,
                academic_year=academic_year,
                source="district",
                text="ก",
                actor=supervisor,
            )
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


def test_the_report_prints_the_issues_in_their_own_section(
    real_run, office, academic_year, supervisor
):
    school = SchoolFactory(area_office=office, name="โรงเรียนบ้านประเด็น 2")
    other = SchoolFactory(name="โรงเรียนต่างเขต")
    record_services.evaluation_issue_add(
        school=school,
        academic_year=academic_year,
        source="stakeholder",
        source_name="คณะกรรมการสถานศึกษา",
        text="ทักษะการคิดคำนวณ ป.3",
        actor=supervisor,
    )
    EvaluationIssue.objects.create(
        school=other, academic_year=academic_year, source="district", text="ไม่ใช่ของเขตนี้"
    )
    html = render_to_string("pdf/synthesis.html", pdf_context(real_run, real_run.results))
    section = html.split('id="evaluation-issues"')[1].split("</section>")[0]
    assert "ประเด็นที่ต้องการให้มีการประเมินผลและการติดตามตรวจสอบ" in section
    assert "โรงเรียนบ้านประเด็น ๒" in section and "ทักษะการคิดคำนวณ ป.๓" in section
    assert "คณะกรรมการสถานศึกษา" in section
    assert "ไม่ใช่ของเขตนี้" not in html
