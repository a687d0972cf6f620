"""Readiness (process 3 steps 4–5): form ๗.๑ of process 3 as a template of the form engine,
planned from the evaluation, filled with the engine's autosaved rows, scored per school."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from external_eval import readiness, services
from external_eval.models import ExternalEvaluation
from sar.followup.models import Recommendation
from supervision import reports
from supervision.models import FormItem, FormTemplate, Visit
from supervision.services import visit_publish, visit_save_answer, visit_save_summary
from tests.factories import SchoolFactory
from tests.sar.factories import make_test_standards

from .factories import make_evaluation, make_round

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def onesqa_round(db):
    return make_round(*make_test_standards().values())


@pytest.fixture
def evaluation(school, onesqa_round, academic_year):
    return make_evaluation(
        school,
        onesqa_round,
        academic_year,
        scheduled_from=TODAY + datetime.timedelta(days=30),
        scheduled_to=TODAY + datetime.timedelta(days=31),
    )


def plan(evaluation, supervisor, date=TODAY):
    return readiness.readiness_plan(
        evaluation=evaluation, date=date, supervisors=[supervisor], actor=supervisor
    )


def fill(visit, supervisor, *, yes, ready):
    """Answer the first ``yes`` มี/ไม่มี rows มี, the rest ไม่มี, and the verdict."""
    rows = visit.answers.select_related("form_item").order_by("order", "pk")
    n = 0
    for answer in rows:
        if answer.form_item.answer_type == FormItem.AnswerType.VERDICT:
            data = {"has_evidence": ready}
        else:
            data = {"has_evidence": n < yes, "evidence": "แผนพัฒนาการจัดการศึกษา"}
            n += 1
        visit_save_answer(answer=answer, data=data, actor=supervisor)


def test_the_form_is_seeded_as_a_process_3_template_of_the_engine():
    template = FormTemplate.objects.readiness_form_of(None)
    assert template is not None and template.process == FormTemplate.Process.ONESQA
    items = list(FormItem.objects.filter(section__template=template).order_by("order"))
    kinds = [i.answer_type for i in items]
    assert kinds.count(FormItem.AnswerType.YES_NO) == 14  # nine steps and five checks
    assert kinds[-1] == FormItem.AnswerType.VERDICT
    texts = " ".join(i.text for i in items)
    for phrase in ("ข้อเสนอแนะของ สมศ.", "เผยแพร่ต่อสาธารณชน", "เกณฑ์", "จัดส่งข้อมูล"):
        assert phrase in texts
    # The visit planner never offers it: it is planned from an evaluation.
    assert template not in FormTemplate.objects.usable_in(None)


def test_planning_links_a_visit_of_the_form_to_the_evaluation(evaluation, supervisor):
    visit = plan(evaluation, supervisor)
    evaluation.refresh_from_db()
    assert evaluation.readiness_visit == visit
    assert visit.kind == Visit.Kind.ONESQA_READINESS
    assert visit.template.process == FormTemplate.Process.ONESQA
    assert visit.answers.count() == 15
    assert evaluation.events.filter(action="readiness_planned").exists()
    with pytest.raises(ValidationError):
        plan(evaluation, supervisor)


def test_only_the_offices_quality_managers_plan_it(
    evaluation, school_staff, executive, other_supervisor
):
    for actor in (school_staff, executive, other_supervisor):
        with pytest.raises(PermissionDenied):
            readiness.readiness_plan(evaluation=evaluation, date=TODAY, actor=actor)
    assert ExternalEvaluation.objects.get(pk=evaluation.pk).readiness_visit is None


def test_the_score_is_the_share_of_rows_answered_yes(evaluation, supervisor):
    visit = plan(evaluation, supervisor)
    assert readiness.readiness_of([evaluation]) == {}  # not linked on this instance yet
    evaluation.refresh_from_db()
    empty = readiness.readiness_of([evaluation])[evaluation.pk]
    assert (empty.yes, empty.total, empty.ready, empty.percent) == (0, 14, None, Decimal("0.00"))
    fill(visit, supervisor, yes=11, ready=False)
    score = readiness.readiness_of([evaluation])[evaluation.pk]
    assert (score.yes, score.total, score.ready) == (11, 14, False)
    assert score.percent == Decimal("78.57")
    # The visit's own report computes the same figures.
    figures = reports.visit_report(Visit.objects.get(pk=visit.pk))["readiness"]
    assert figures == {"yes": 11, "total": 14, "percent": Decimal("78.57"), "ready": False}
    fill(visit, supervisor, yes=14, ready=True)
    score = readiness.readiness_of([evaluation])[evaluation.pk]
    assert (score.percent, score.ready) == (Decimal("100.00"), True)


def test_the_form_lists_onesqa_recommendations_with_their_status(
    as_user, evaluation, supervisor, academic_year
):
    services.evaluation_transition(
        evaluation=evaluation, to_status=ExternalEvaluation.Status.EVALUATED, actor=supervisor
    )
    services.recommendation_from_onesqa(
        evaluation=evaluation, text="ควรพัฒนาการใช้ภาษาอังกฤษเพื่อการสื่อสาร", actor=supervisor
    )
    done = services.recommendation_from_onesqa(
        evaluation=evaluation, text="ควรจัดทำแผนพัฒนาครูรายบุคคล", actor=supervisor
    )
    Recommendation.objects.filter(pk=done.pk).update(status=Recommendation.Status.DONE)
    visit = plan(evaluation, supervisor)
    html = as_user(supervisor).get(reverse("supervision:visit_fill", args=[visit.pk])).content
    page = html.decode()
    assert "ควรพัฒนาการใช้ภาษาอังกฤษเพื่อการสื่อสาร" in page
    assert "ควรจัดทำแผนพัฒนาครูรายบุคคล" in page  # closed ones are listed too
    assert str(Recommendation.Status.DONE.label) in page
    assert "พร้อมรับการประเมิน" in page and "ต้องได้รับการช่วยเหลือ" in page  # the verdict row


def test_the_verdict_row_saves_through_the_autosave_view(as_user, evaluation, supervisor):
    visit = plan(evaluation, supervisor)
    verdict = visit.answers.get(form_item__answer_type=FormItem.AnswerType.VERDICT)
    response = as_user(supervisor).post(
        reverse("supervision:answer_save", args=[visit.pk, verdict.pk]),
        {f"a{verdict.pk}-has_evidence": "True", f"a{verdict.pk}-lock_version": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    verdict.refresh_from_db()
    assert verdict.has_evidence is True


def test_plan_view_roles(client, as_user, evaluation, supervisor, school_staff, other_supervisor):
    target = reverse("external_eval:readiness_plan", args=[evaluation.pk])
    data = {"date": TODAY.isoformat(), "supervisors": [supervisor.pk]}
    assert client.post(target, data).status_code == 302
    assert ExternalEvaluation.objects.get(pk=evaluation.pk).readiness_visit is None
    assert as_user(school_staff).post(target, data).status_code == 403
    assert as_user(other_supervisor).post(target, data).status_code == 404
    assert as_user(supervisor).get(target).status_code == 405
    response = as_user(supervisor).post(target, data)
    visit = ExternalEvaluation.objects.get(pk=evaluation.pk).readiness_visit
    assert response.url == reverse("supervision:visit_fill", args=[visit.pk])


def test_detail_and_due_list_show_the_score(as_user, evaluation, supervisor, school_staff):
    visit = plan(evaluation, supervisor)
    fill(visit, supervisor, yes=7, ready=False)
    detail = reverse("external_eval:detail", args=[evaluation.pk])
    html = as_user(supervisor).get(detail).content.decode()
    assert "50.00%" in html and "ต้องได้รับการช่วยเหลือ" in html
    assert reverse("supervision:visit_fill", args=[visit.pk]) in html
    due = as_user(supervisor).get(reverse("external_eval:list"), {"due": "on"}).content.decode()
    assert evaluation.school.name in due and "50%" in due
    # School staff see the score, and the form only once it is published.
    html = as_user(school_staff).get(detail).content.decode()
    assert "50.00%" in html and reverse("supervision:visit_detail", args=[visit.pk]) not in html
    visit_save_summary(
        visit=visit,
        data={"strengths": "ก", "improvements": "ข", "recommendations": "ค"},
        actor=supervisor,
    )
    visit_publish(visit=visit, actor=supervisor)
    html = as_user(school_staff).get(detail).content.decode()
    assert reverse("supervision:visit_detail", args=[visit.pk]) in html


@pytest.mark.parametrize("size", [3, 30])
def test_the_due_list_with_scores_runs_a_bounded_number_of_queries(
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
        school = SchoolFactory(area_office=office, cluster=cluster, code=f"10888{n:05d}")
        evaluation = make_evaluation(
            school,
            onesqa_round,
            academic_year,
            scheduled_from=TODAY + datetime.timedelta(days=10 + n),
            scheduled_to=TODAY + datetime.timedelta(days=11 + n),
        )
        if n % 2 == 0:
            plan(evaluation, supervisor)
    client = as_user(supervisor)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("external_eval:list"), {"due": "on"})
    rows = list(response.context["page"])
    assert len(rows) == size
    assert sum(1 for e in rows if e.readiness is not None) == (size + 1) // 2


def test_the_readiness_pdf_passes_the_official_checks(evaluation, supervisor):
    from supervision import pdf as supervision_pdf
    from tests.pdf.tools import check_official_pdf

    supervisor.first_name, supervisor.last_name = "สมชาย", "ใจดี"  # a factory name has digits
    supervisor.save()
    visit = plan(evaluation, supervisor)
    fill(visit, supervisor, yes=12, ready=True)
    content = supervision_pdf.visit_report_pdf(Visit.objects.get(pk=visit.pk))
    check_official_pdf(
        content,
        "onesqa-readiness-7_1",
        expect_text=[
            "แบบนิเทศติดตามผลการดำเนินงานด้านการประกันคุณภาพภายในสถานศึกษา",
            "กระบวนการที่ ๓",
            "พร้อมรับการประเมิน",
            "ร้อยละ ๘๕.๗๑",
        ],
    )
