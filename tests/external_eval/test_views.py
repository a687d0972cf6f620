"""Process 3 pages: every view with an allowed role, a forbidden role, anonymous and
another office's ids (404); the list in a bounded number of queries at two sizes."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from external_eval import services
from external_eval.models import EvaluationDocument, ExternalEvaluation, OnesqaStandardResult
from sar.followup.models import Recommendation
from standards.models import Standard
from supervision.models import Committee
from tests.factories import SchoolFactory
from tests.sar.factories import make_test_standards, pdf_bytes
from tests.supervision.factories import full_committee

from .factories import level, make_evaluation, make_round

pytestmark = pytest.mark.django_db
Status = ExternalEvaluation.Status
LIST = reverse("external_eval:list")
CREATE = reverse("external_eval:create")


@pytest.fixture
def onesqa_round(db):
    return make_round(*make_test_standards().values())


@pytest.fixture
def evaluation(school, onesqa_round, academic_year):
    return make_evaluation(school, onesqa_round, academic_year, assessors="นางสาวอรุณี ใจดี")


@pytest.fixture
def foreign(other_office_school, onesqa_round, academic_year):
    """An evaluation of another office's school."""
    return make_evaluation(other_office_school, onesqa_round, academic_year)


@pytest.fixture
def standard(evaluation):
    return Standard.objects.filter(
        standard_set__onesqa_rounds=evaluation.round, standard_set__level="basic"
    ).first()


def url(name, evaluation, **kwargs):
    return reverse(f"external_eval:{name}", kwargs={"pk": evaluation.pk, **kwargs})


def evaluated(evaluation, actor):
    return services.evaluation_transition(
        evaluation=evaluation, to_status=Status.EVALUATED, actor=actor
    )


def pdf(name="report.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


# The list ---------------------------------------------------------------------------


def test_list_shows_the_offices_evaluations_to_district_staff(
    as_user, evaluation, foreign, supervisor, executive
):
    for user in (supervisor, executive):
        html = as_user(user).get(LIST).content.decode()
        assert evaluation.school.name in html
        assert foreign.school.name not in html
    assert "บันทึกกำหนดการประเมิน" in as_user(supervisor).get(LIST).content.decode()
    assert "บันทึกกำหนดการประเมิน" not in as_user(executive).get(LIST).content.decode()


def test_list_for_a_school_is_its_own(
    as_user, evaluation, school2, onesqa_round, academic_year, school_staff
):
    other = make_evaluation(school2, onesqa_round, academic_year)
    html = as_user(school_staff).get(LIST).content.decode()
    assert evaluation.school.name in html and other.school.name not in html


def test_list_for_a_committee_member_is_what_the_committee_attends(
    as_user, evaluation, school2, onesqa_round, academic_year, committee_member, office
):
    committee = full_committee(office=office, year=academic_year, users=[committee_member])
    Committee.objects.filter(pk=committee.pk).update(kind=Committee.Kind.ONESQA_ORAL)
    attended = make_evaluation(school2, onesqa_round, academic_year, oral_committee=committee)
    html = as_user(committee_member).get(LIST).content.decode()
    assert attended.school.name in html and evaluation.school.name not in html


def test_list_filters_and_search(
    as_user, evaluation, school2, onesqa_round, academic_year, supervisor
):
    soon = make_evaluation(
        school2,
        onesqa_round,
        academic_year,
        scheduled_from=datetime.date.today() + datetime.timedelta(days=30),
        scheduled_to=datetime.date.today() + datetime.timedelta(days=31),
    )
    client = as_user(supervisor)
    due = client.get(LIST, {"due": "on"}).content.decode()
    assert soon.school.name in due and evaluation.school.name not in due
    found = client.get(LIST, {"q": evaluation.school.code}).content.decode()
    assert evaluation.school.name in found and soon.school.name not in found
    by_status = client.get(LIST, {"status": Status.CLOSED}).content.decode()
    assert "ไม่มีการประเมินตามเงื่อนไขนี้" in by_status


def test_list_anonymous_and_post(client, as_user, supervisor):
    assert client.get(LIST).status_code == 302
    assert as_user(supervisor).post(LIST).status_code == 405


@pytest.mark.parametrize("size", [3, 30])
def test_list_runs_a_bounded_number_of_queries(
    as_user,
    office,
    cluster,
    onesqa_round,
    academic_year,
    supervisor,
    size,
    django_assert_max_num_queries,
):
    for n in range(size):
        school = SchoolFactory(area_office=office, cluster=cluster, code=f"10999{n:05d}")
        make_evaluation(school, onesqa_round, academic_year)
    client = as_user(supervisor)
    with django_assert_max_num_queries(14):
        response = client.get(LIST)
    assert response.context["page"].paginator.count == size


# Scheduling -------------------------------------------------------------------------


def test_a_supervisor_schedules_an_evaluation(
    as_user, school, onesqa_round, academic_year, supervisor
):
    response = as_user(supervisor).post(
        CREATE,
        {
            "school": school.pk,
            "round": onesqa_round.pk,
            "academic_year": academic_year.pk,
            "kind": "regular",
            "mode": "on_site",
            "scheduled_from": "2025-01-20",
            "scheduled_to": "2025-01-21",
            "assessors": "นายสมชาย ศรีสุข",
        },
    )
    evaluation = ExternalEvaluation.objects.get(school=school)
    assert response.status_code == 302 and response["Location"] == url("detail", evaluation)
    assert evaluation.events.get().actor == supervisor


def test_schedule_refuses_dates_out_of_order_and_another_offices_school(
    as_user, school, other_office_school, onesqa_round, academic_year, supervisor
):
    data = {
        "school": other_office_school.pk,
        "round": onesqa_round.pk,
        "academic_year": academic_year.pk,
        "kind": "regular",
        "mode": "on_site",
        "scheduled_from": "2025-01-21",
        "scheduled_to": "2025-01-20",
    }
    response = as_user(supervisor).post(CREATE, data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"school", "scheduled_to"}
    assert not ExternalEvaluation.objects.exists()


def test_schedule_forbidden_roles_and_anonymous(
    client, as_user, executive, school_staff, committee_member
):
    assert client.get(CREATE).status_code == 302
    for user in (executive, school_staff, committee_member):
        assert as_user(user).get(CREATE).status_code == 403


# One evaluation's page --------------------------------------------------------------


def test_detail_for_the_district_shows_the_actions(as_user, evaluation, standard, supervisor):
    html = as_user(supervisor).get(url("detail", evaluation)).content.decode()
    assert evaluation.school.name in html and "นางสาวอรุณี ใจดี" in html
    assert url("result_edit", evaluation, standard_pk=standard.pk) in html
    assert 'id="oral-form"' in html and 'id="recommendation-form"' in html


def test_detail_for_the_executive_and_the_school_reads(
    as_user, evaluation, executive, school_staff
):
    html = as_user(executive).get(url("detail", evaluation)).content.decode()
    assert evaluation.school.name in html
    assert 'id="oral-form"' not in html and 'id="upload-form"' not in html
    school_html = as_user(school_staff).get(url("detail", evaluation)).content.decode()
    assert 'id="upload-form"' in school_html and 'id="oral-form"' not in school_html
    # The school files only its replies, never ONESQA's reports.
    assert 'value="comments"' in school_html and 'value="final"' not in school_html


def test_detail_refuses_the_rest(
    client, as_user, evaluation, foreign, school_staff2, committee_member, supervisor
):
    detail = url("detail", evaluation)
    assert client.get(detail).status_code == 302
    assert as_user(school_staff2).get(detail).status_code == 404
    assert as_user(committee_member).get(detail).status_code == 404  # attends no oral report
    assert as_user(supervisor).get(url("detail", foreign)).status_code == 404


# The workflow -----------------------------------------------------------------------


def test_transition_moves_a_legal_step_and_refuses_an_illegal_one(as_user, evaluation, supervisor):
    client = as_user(supervisor)
    response = client.post(url("transition", evaluation), {"to_status": Status.READINESS_CHECKED})
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == Status.READINESS_CHECKED
    response = client.post(url("transition", evaluation), {"to_status": Status.CLOSED}, follow=True)
    assert "ไม่ได้" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == Status.READINESS_CHECKED


def test_transition_forbidden_anonymous_and_another_office(
    client, as_user, evaluation, foreign, executive, school_staff, supervisor
):
    data = {"to_status": Status.READINESS_CHECKED}
    assert client.post(url("transition", evaluation), data).status_code == 302
    assert as_user(executive).post(url("transition", evaluation), data).status_code == 403
    # The school may ask for a re-evaluation only, and not from here.
    as_user(school_staff).post(url("transition", evaluation), data)
    evaluation.refresh_from_db()
    assert evaluation.status == Status.SCHEDULED
    assert as_user(supervisor).post(url("transition", foreign), data).status_code == 404
    assert as_user(supervisor).get(url("transition", evaluation)).status_code == 405


def test_the_school_asks_for_a_re_evaluation_of_the_draft(
    as_user, evaluation, supervisor, school_staff
):
    evaluation = evaluated(evaluation, supervisor)
    services.document_upload(evaluation=evaluation, kind="draft", uploaded=pdf(), actor=supervisor)
    as_user(school_staff).post(
        url("transition", evaluation), {"to_status": Status.REEVAL_REQUESTED}
    )
    evaluation.refresh_from_db()
    assert evaluation.status == Status.REEVAL_REQUESTED
    assert evaluation.events.last().actor == school_staff


# The oral report --------------------------------------------------------------------


def test_oral_report_recorded_with_the_committee(
    as_user, evaluation, supervisor, office, academic_year
):
    committee = full_committee(office=office, year=academic_year)
    Committee.objects.filter(pk=committee.pk).update(kind=Committee.Kind.ONESQA_ORAL)
    evaluated(evaluation, supervisor)
    response = as_user(supervisor).post(
        url("oral_report", evaluation),
        {
            "committee": committee.pk,
            "held_on": "2025-01-22",
            "place": "ห้องประชุมโรงเรียน",
            "notes": "รับทราบ",
        },
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.oral_committee_id) == (Status.ORAL_HELD, committee.pk)
    assert evaluation.oral_report_on == datetime.date(2025, 1, 22)


def test_oral_report_refused(
    client, as_user, evaluation, foreign, supervisor, executive, school_staff
):
    data = {"held_on": "2025-01-22"}
    assert client.post(url("oral_report", evaluation), data).status_code == 302
    for user in (executive, school_staff):
        assert as_user(user).post(url("oral_report", evaluation), data).status_code == 403
    assert as_user(supervisor).post(url("oral_report", foreign), data).status_code == 404
    # Not evaluated yet: the service refuses and nothing is saved.
    as_user(supervisor).post(url("oral_report", evaluation), data)
    evaluation.refresh_from_db()
    assert evaluation.oral_report_on is None


# Documents --------------------------------------------------------------------------


def test_upload_keeps_versions_and_download_serves_them(
    as_user, evaluation, supervisor, school_staff
):
    evaluated(evaluation, supervisor)
    client = as_user(supervisor)
    for _ in range(2):
        response = client.post(
            url("document_upload", evaluation),
            {"kind": "draft", "file": pdf(), "received_on": "2025-02-01"},
        )
        assert response.status_code == 302
    drafts = EvaluationDocument.objects.filter(evaluation=evaluation, kind="draft")
    assert list(drafts.values_list("number", flat=True)) == [1, 2]
    evaluation.refresh_from_db()
    assert evaluation.status == Status.DRAFT_RECEIVED
    assert evaluation.draft_received_on == datetime.date(2025, 2, 1)
    response = as_user(school_staff).get(url("document_download", evaluation, doc_pk=drafts[1].pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_upload_refuses_what_is_not_a_pdf_and_the_schools_onesqa_report(
    as_user, evaluation, supervisor, school_staff
):
    evaluated(evaluation, supervisor)
    fake = SimpleUploadedFile("report.pdf", b"not a pdf", content_type="application/pdf")
    as_user(supervisor).post(url("document_upload", evaluation), {"kind": "draft", "file": fake})
    as_user(school_staff).post(url("document_upload", evaluation), {"kind": "final", "file": pdf()})
    assert not EvaluationDocument.objects.exists()
    as_user(school_staff).post(
        url("document_upload", evaluation), {"kind": "comments", "file": pdf()}
    )
    assert EvaluationDocument.objects.get().uploaded_by == school_staff


def test_documents_refused_to_the_rest(
    client, as_user, evaluation, foreign, supervisor, executive, school_staff2, committee_member
):
    evaluated(evaluation, supervisor)
    document = services.document_upload(
        evaluation=evaluation, kind="oral", uploaded=pdf(), actor=supervisor
    )
    download = url("document_download", evaluation, doc_pk=document.pk)
    upload = url("document_upload", evaluation)
    assert client.get(download).status_code == 302
    assert client.post(upload, {"kind": "comments", "file": pdf()}).status_code == 302
    assert as_user(executive).post(upload, {"kind": "comments", "file": pdf()}).status_code == 403
    assert as_user(school_staff2).get(download).status_code == 404
    assert as_user(committee_member).get(download).status_code == 404
    # Another office's evaluation, or this document through another evaluation's id.
    assert (
        as_user(supervisor).post(url("document_upload", foreign), {"kind": "oral"}).status_code
        == 404
    )
    assert (
        as_user(supervisor).get(url("document_download", foreign, doc_pk=document.pk)).status_code
        == 404
    )
    assert EvaluationDocument.objects.count() == 1


# Results per standard ---------------------------------------------------------------


def test_result_edit_saves_onesqas_level(as_user, evaluation, standard, supervisor):
    edit = url("result_edit", evaluation, standard_pk=standard.pk)
    client = as_user(supervisor)
    assert "ระดับคุณภาพจาก สมศ." in client.get(edit).content.decode()
    good = level(evaluation.round, 4)
    response = client.post(edit, {"level": good.pk, "source": "final", "strengths": "ผู้เรียนอ่านคล่อง"})
    assert response.status_code == 302
    result = OnesqaStandardResult.objects.get(evaluation=evaluation, standard=standard)
    assert (result.level, result.source, result.updated_by) == (good, "final", supervisor)
    assert "ดีเลิศ" in client.get(url("detail", evaluation)).content.decode()


def test_result_edit_refused(
    client, as_user, evaluation, foreign, standard, supervisor, executive, school_staff
):
    edit = url("result_edit", evaluation, standard_pk=standard.pk)
    assert client.get(edit).status_code == 302
    assert as_user(executive).get(edit).status_code == 403
    assert as_user(school_staff).get(edit).status_code == 403
    assert (
        as_user(supervisor).get(url("result_edit", foreign, standard_pk=standard.pk)).status_code
        == 404
    )
    # A level of another scale is not a choice.
    response = as_user(supervisor).post(edit, {"level": 999999, "source": "final"})
    assert response.status_code == 200 and "level" in response.context["form"].errors
    assert not OnesqaStandardResult.objects.exists()


# ONESQA's recommendations -----------------------------------------------------------


def test_recommendation_added_to_the_follow_up(
    as_user, evaluation, standard, supervisor, school_staff
):
    response = as_user(supervisor).post(
        url("recommendation_add", evaluation),
        {"text": "ควรพัฒนาทักษะการคิดวิเคราะห์", "standard": standard.pk, "due_on": "2025-09-30"},
    )
    assert response.status_code == 302
    given = Recommendation.objects.get()
    assert (given.source, given.school, given.standard) == ("onesqa", evaluation.school, standard)
    assert (
        "ควรพัฒนาทักษะการคิดวิเคราะห์"
        in as_user(school_staff).get(url("detail", evaluation)).content.decode()
    )


def test_recommendation_refused(
    client, as_user, evaluation, foreign, supervisor, executive, school_staff
):
    data = {"text": "ควรพัฒนา"}
    assert client.post(url("recommendation_add", evaluation), data).status_code == 302
    for user in (executive, school_staff):
        assert as_user(user).post(url("recommendation_add", evaluation), data).status_code == 403
    assert as_user(supervisor).post(url("recommendation_add", foreign), data).status_code == 404
    assert as_user(supervisor).get(url("recommendation_add", evaluation)).status_code == 405
    assert not Recommendation.objects.exists()
