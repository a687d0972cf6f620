"""The workflow, the oral report, the uploads, the results and ONESQA's recommendations:
each through its service, with its permission checks."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from external_eval import services
from external_eval.comparison import side_by_side
from external_eval.models import EvaluationDocument, EvaluationEvent, ExternalEvaluation
from iqa_district.audit.models import AuditEntry
from sar.followup import services as followup_services
from sar.followup.models import Recommendation
from supervision.models import Committee
from tests.sar.factories import make_sar, make_test_standards, pdf_bytes
from tests.supervision.factories import full_committee

from .factories import five_level_scale, level, make_evaluation, make_round

pytestmark = pytest.mark.django_db
Status = ExternalEvaluation.Status


@pytest.fixture
def sets():
    return make_test_standards()


@pytest.fixture
def onesqa_round(sets):
    return make_round(*sets.values())


@pytest.fixture
def evaluation(school, onesqa_round, academic_year):
    return make_evaluation(school, onesqa_round, academic_year)


def pdf(name="report.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def test_schedule_writes_an_event_and_an_audit_entry(
    school, onesqa_round, academic_year, supervisor
):
    evaluation = services.evaluation_schedule(
        school=school,
        round=onesqa_round,
        academic_year=academic_year,
        kind=ExternalEvaluation.Kind.REGULAR,
        mode=ExternalEvaluation.Mode.ONLINE,
        scheduled_from=datetime.date(2025, 1, 20),
        scheduled_to=datetime.date(2025, 1, 21),
        assessors="นางสาวอรุณี ใจดี\nนายสมชาย ศรีสุข",
        actor=supervisor,
    )
    assert evaluation.status == Status.SCHEDULED
    event = EvaluationEvent.objects.get(evaluation=evaluation)
    assert (event.action, event.actor) == ("scheduled", supervisor)
    assert AuditEntry.objects.filter(
        action="create", actor=supervisor, detail__startswith="scheduled"
    ).exists()


@pytest.mark.parametrize("who", ["executive", "school_staff", "other_supervisor"])
def test_only_the_offices_quality_managers_schedule(
    request, who, school, onesqa_round, academic_year
):
    with pytest.raises(PermissionDenied):
        services.evaluation_schedule(
            school=school,
            round=onesqa_round,
            academic_year=academic_year,
            kind="regular",
            mode="on_site",
            scheduled_from=datetime.date(2025, 1, 20),
            scheduled_to=datetime.date(2025, 1, 21),
            actor=request.getfixturevalue(who),
        )


def test_the_workflow_walks_its_legal_steps(evaluation, supervisor):
    for to_status in (
        Status.READINESS_CHECKED,
        Status.EVALUATED,
        Status.ORAL_HELD,
        Status.DRAFT_RECEIVED,
        Status.FINAL_RECEIVED,
        Status.CLOSED,
    ):
        evaluation = services.evaluation_transition(
            evaluation=evaluation, to_status=to_status, actor=supervisor
        )
    assert evaluation.status == Status.CLOSED
    assert list(evaluation.events.values_list("to_status", flat=True))[-1] == Status.CLOSED


@pytest.mark.parametrize(
    ("start", "to_status"),
    [
        (Status.SCHEDULED, Status.FINAL_RECEIVED),
        (Status.SCHEDULED, Status.CLOSED),
        (Status.CLOSED, Status.SCHEDULED),
        (Status.EVALUATED, Status.READINESS_CHECKED),
        (Status.SCHEDULED, Status.REEVAL_REQUESTED),
        (Status.SCHEDULED, "nonsense"),
    ],
)
def test_illegal_transitions_are_refused(evaluation, supervisor, start, to_status):
    ExternalEvaluation.objects.filter(pk=evaluation.pk).update(status=start)
    with pytest.raises(ValidationError):
        services.evaluation_transition(evaluation=evaluation, to_status=to_status, actor=supervisor)
    evaluation.refresh_from_db()
    assert evaluation.status == start


def test_the_school_may_ask_for_a_reevaluation_but_not_move_anything_else(
    evaluation, school_staff, school_staff2
):
    ExternalEvaluation.objects.filter(pk=evaluation.pk).update(status=Status.DRAFT_RECEIVED)
    with pytest.raises(PermissionDenied):
        services.evaluation_transition(
            evaluation=evaluation, to_status=Status.FINAL_RECEIVED, actor=school_staff
        )
    with pytest.raises(PermissionDenied):
        services.evaluation_transition(
            evaluation=evaluation, to_status=Status.REEVAL_REQUESTED, actor=school_staff2
        )
    done = services.evaluation_transition(
        evaluation=evaluation, to_status=Status.REEVAL_REQUESTED, actor=school_staff
    )
    assert done.status == Status.REEVAL_REQUESTED


def test_the_oral_report_links_an_onesqa_committee_of_the_office(
    evaluation, supervisor, office, other_office, academic_year
):
    ExternalEvaluation.objects.filter(pk=evaluation.pk).update(status=Status.EVALUATED)
    visit_committee = full_committee(office=office, year=academic_year)
    with pytest.raises(ValidationError):
        services.evaluation_record_oral_report(
            evaluation=evaluation,
            committee=visit_committee,
            held_on=datetime.date(2024, 12, 12),
            place="ห้องประชุม",
            notes="",
            actor=supervisor,
        )
    foreign = full_committee(
        office=other_office, year=academic_year, kind=Committee.Kind.ONESQA_ORAL
    )
    with pytest.raises(ValidationError):
        services.evaluation_record_oral_report(
            evaluation=evaluation,
            committee=foreign,
            held_on=datetime.date(2024, 12, 12),
            place="",
            notes="",
            actor=supervisor,
        )
    oral = full_committee(office=office, year=academic_year, kind=Committee.Kind.ONESQA_ORAL)
    done = services.evaluation_record_oral_report(
        evaluation=evaluation,
        committee=oral,
        held_on=datetime.date(2024, 12, 12),
        place="ห้องประชุมโรงเรียน",
        notes="คณะผู้ประเมินชื่นชมโครงการอ่านคล่อง",
        actor=supervisor,
    )
    assert done.status == Status.ORAL_HELD and done.oral_committee == oral


def test_an_oral_report_before_the_evaluation_is_refused(evaluation, supervisor):
    with pytest.raises(ValidationError):
        services.evaluation_record_oral_report(
            evaluation=evaluation,
            committee=None,
            held_on=datetime.date(2024, 12, 12),
            place="",
            notes="",
            actor=supervisor,
        )


def test_each_upload_is_its_own_version_and_the_draft_starts_the_countdown(evaluation, supervisor):
    ExternalEvaluation.objects.filter(pk=evaluation.pk).update(status=Status.ORAL_HELD)
    first = services.document_upload(
        evaluation=evaluation,
        kind=EvaluationDocument.Kind.DRAFT,
        uploaded=pdf(),
        received_on=datetime.date(2025, 1, 6),
        actor=supervisor,
    )
    second = services.document_upload(
        evaluation=evaluation, kind="draft", uploaded=pdf(), actor=supervisor
    )
    assert (first.number, second.number) == (1, 2)
    assert first.file.name != second.file.name and first.uploaded_by == supervisor
    evaluation.refresh_from_db()
    assert evaluation.status == Status.DRAFT_RECEIVED
    assert evaluation.comment_deadline == datetime.date(2025, 1, 21)
    assert evaluation.comment_days_left(today=datetime.date(2025, 1, 16)) == 5


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_kept(evaluation, supervisor):
    ExternalEvaluation.objects.filter(pk=evaluation.pk).update(status=Status.ORAL_HELD)
    bad = SimpleUploadedFile("report.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.document_upload(
            evaluation=evaluation, kind="draft", uploaded=bad, actor=supervisor
        )
    assert not EvaluationDocument.objects.exists()


def test_the_school_files_comments_but_not_onesqas_reports(evaluation, school_staff):
    ExternalEvaluation.objects.filter(pk=evaluation.pk).update(status=Status.DRAFT_RECEIVED)
    with pytest.raises(PermissionDenied):
        services.document_upload(
            evaluation=evaluation, kind="final", uploaded=pdf(), actor=school_staff
        )
    comments = services.document_upload(
        evaluation=evaluation, kind="comments", uploaded=pdf(), actor=school_staff
    )
    assert comments.kind == "comments"
    evaluation.refresh_from_db()
    assert evaluation.status == Status.DRAFT_RECEIVED


def test_results_are_on_the_rounds_scale_and_framework(
    evaluation, onesqa_round, sets, supervisor, school, academic_year
):
    basic1 = sets["basic"].standards.get(number=1)
    result = services.result_save(
        evaluation=evaluation,
        standard=basic1,
        level=level(onesqa_round, 3),
        source="draft",
        strengths="ผู้เรียนอ่านออกเขียนได้",
        actor=supervisor,
    )
    assert result.level.label == "ดี"
    # Saving again replaces, it does not add a row.
    services.result_save(
        evaluation=evaluation,
        standard=basic1,
        level=level(onesqa_round, 4),
        source="final",
        actor=supervisor,
    )
    assert evaluation.results.get().level.value == 4
    # A level of another scale, and a standard outside the round's frameworks.
    other_scale_round = make_round(number=5, scale=five_level_scale("OTHER"))
    with pytest.raises(ValidationError):
        services.result_save(
            evaluation=evaluation,
            standard=basic1,
            level=level(other_scale_round, 4),
            source="final",
            actor=supervisor,
        )
    framework_less = make_evaluation(school, make_round(number=6), academic_year)
    with pytest.raises(ValidationError):
        services.result_save(
            evaluation=framework_less,
            standard=basic1,
            level=level(onesqa_round, 4),
            source="final",
            actor=supervisor,
        )


def test_side_by_side_puts_sar_committee_and_onesqa_levels_together(
    evaluation, onesqa_round, sets, supervisor, school, academic_year
):
    basic1, basic2 = sets["basic"].standards.order_by("number")
    school.offers_ece = False
    school.offers_primary = True
    school.save()
    make_sar(
        school, academic_year.year, standards={basic1: (5, "", ""), basic2: (3, "", "")}, versions=2
    )
    services.result_save(
        evaluation=evaluation,
        standard=basic1,
        level=level(onesqa_round, 3),
        source="final",
        actor=supervisor,
    )
    services.result_save(
        evaluation=evaluation,
        standard=basic2,
        level=level(onesqa_round, 3),
        source="final",
        actor=supervisor,
    )
    rows = {r.standard.pk: r for r in side_by_side(evaluation)}
    # The school teaches basic only: no ECE rows.
    assert set(rows) == {basic1.pk, basic2.pk}
    assert (rows[basic1.pk].sar_level, rows[basic1.pk].onesqa_level) == (5, 3)
    assert rows[basic1.pk].sar_gap == 2 and rows[basic1.pk].flagged
    assert rows[basic2.pk].sar_gap == 0 and not rows[basic2.pk].flagged
    assert rows[basic1.pk].committee_level is None


def test_onesqa_recommendations_use_the_one_follow_up_model(
    evaluation, sets, supervisor, school_staff, executive
):
    basic1 = sets["basic"].standards.get(number=1)
    with pytest.raises(PermissionDenied):
        services.recommendation_from_onesqa(evaluation=evaluation, text="ควรพัฒนา", actor=executive)
    recommendation = services.recommendation_from_onesqa(
        evaluation=evaluation,
        text="ควรส่งเสริมการคิดวิเคราะห์ของผู้เรียนอย่างเป็นระบบ",
        standard=basic1,
        actor=supervisor,
    )
    assert recommendation.source == Recommendation.Source.ONESQA
    assert recommendation.source_object == evaluation
    # The school updates its own, through the follow-up services.
    updated = followup_services.recommendation_update(
        recommendation=recommendation,
        status="in_progress",
        action="จัดกิจกรรมชุมนุม",
        actor=school_staff,
    )
    assert updated.status == "in_progress"
