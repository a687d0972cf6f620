"""Process 3 pages: the list of evaluations (by round, status, cluster, due soon), one
evaluation's page with its results side by side, and the actions on it. Thin: fetch
through ``visible_to`` (404 for the rest), check the role, validate, call a service."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import (
    DISTRICT_STAFF,
    QUALITY_MANAGERS,
    Role,
    request_user,
    role_required,
)
from iqa_district.downloads import file_download
from sar.followup.models import Recommendation
from schools.models import AreaOffice
from schools.tables import ImportFileError
from schools.uploads import (
    PendingImport,
    pending_import_forget,
    pending_import_get,
    pending_import_store,
)
from standards.models import Standard
from supervision.models import Visit

from . import readiness, services
from .comparison import side_by_side
from .forms import (
    DocumentUploadForm,
    EvaluationFilterForm,
    EvaluationScheduleForm,
    OnesqaRecommendationForm,
    OralReportForm,
    ReadinessPlanForm,
    ResultForm,
    ResultsImportForm,
    TransitionForm,
)
from .imports import check_file
from .models import EvaluationDocument, ExternalEvaluation, OnesqaRound

READERS = (*DISTRICT_STAFF, Role.SCHOOL_STAFF, Role.COMMITTEE)
REPLIERS = (*QUALITY_MANAGERS, Role.SCHOOL_STAFF)
PAGE_SIZE = 50


def _visible(request: HttpRequest, pk: int) -> ExternalEvaluation:
    return get_object_or_404(
        ExternalEvaluation.objects.visible_to(request_user(request)).select_related(
            "school__cluster", "round__scale", "academic_year", "oral_committee"
        ),
        pk=pk,
    )


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@require_safe
@role_required(*READERS)
def evaluation_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = EvaluationFilterForm(request.GET or None, user=user)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {}) or {}
    rows = ExternalEvaluation.objects.visible_to(user).select_related(
        "school__cluster", "round", "academic_year", "readiness_visit"
    )
    if rnd := cleaned.get("round"):
        rows = rows.filter(round=rnd)
    if status := cleaned.get("status"):
        rows = rows.filter(status=status)
    if cluster := cleaned.get("cluster"):
        rows = rows.filter(school__cluster=cluster)
    if cleaned.get("due"):
        today = timezone.localdate()
        rows = rows.filter(
            scheduled_from__gte=today, scheduled_from__lte=today + timedelta(days=365)
        )
    if q := cleaned.get("q"):
        rows = rows.filter(
            Q(school__name__icontains=q)
            | Q(school__code=q)
            | Q(school__onesqa_code=q)
            | Q(assessors__icontains=q)
        )
    page = Paginator(rows.order_by("scheduled_from", "school__name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    scores = readiness.readiness_of(page.object_list)
    for evaluation in page.object_list:
        setattr(evaluation, "readiness", scores.get(evaluation.pk))  # noqa: B010 - for the row
    rounds = OnesqaRound.objects.all() if user.is_district_staff else []
    return render(
        request, "external_eval/list.html", {"form": form, "page": page, "rounds": rounds}
    )


@role_required(*QUALITY_MANAGERS)
def evaluation_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = EvaluationScheduleForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluation_schedule(**form.cleaned_data, actor=user)
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("บันทึกกำหนดการประเมินแล้ว"))
            return redirect("external_eval:detail", pk=evaluation.pk)
    return render(request, "external_eval/form.html", {"form": form}, status=200)


@require_safe
@role_required(*READERS)
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _visible(request, pk)
    user = request_user(request)
    manage = services.can_manage(user, evaluation)
    reply = services.can_reply(user, evaluation)
    recommendations = Recommendation.objects.filter(
        source=Recommendation.Source.ONESQA,
        source_id=evaluation.pk,
        source_type__model="externalevaluation",
    ).select_related("standard")
    context = {
        "e": evaluation,
        "rows": side_by_side(evaluation),
        "documents": evaluation.documents.select_related("uploaded_by"),
        "events": evaluation.events.select_related("actor"),
        "recommendations": recommendations,
        "manage": manage,
        "reply": reply,
        "next_statuses": [
            ExternalEvaluation.Status(s) for s in services.TRANSITIONS[evaluation.status]
        ],
        "upload_form": DocumentUploadForm(school_side=not manage) if reply else None,
        "oral_form": OralReportForm(
            evaluation=evaluation,
            initial={
                "committee": evaluation.oral_committee_id,
                "held_on": evaluation.oral_report_on,
                "place": evaluation.oral_report_place,
                "notes": evaluation.oral_report_notes,
            },
        )
        if manage
        else None,
        "recommendation_form": OnesqaRecommendationForm(evaluation=evaluation) if manage else None,
        "days_left": evaluation.comment_days_left(),
        **_readiness_context(user, evaluation, manage),
    }
    return render(request, "external_eval/detail.html", context)


def _readiness_context(user, evaluation: ExternalEvaluation, manage: bool) -> dict:
    """The readiness check (form ๗.๑ of process 3): its score, and its visit where the
    user may open it (school staff see it once it is published)."""
    visit = None
    if evaluation.readiness_visit_id:
        visit = Visit.objects.visible_to(user).filter(pk=evaluation.readiness_visit_id).first()
    return {
        "readiness": readiness.readiness_of([evaluation]).get(evaluation.pk),
        "readiness_visit": visit,
        "readiness_fillable": visit is not None and visit.can_be_filled_by(user),
        "readiness_form": ReadinessPlanForm(evaluation=evaluation)
        if manage and not evaluation.readiness_visit_id
        else None,
    }


@require_POST
@role_required(*QUALITY_MANAGERS)
def readiness_plan(request: HttpRequest, pk: int) -> HttpResponseBase:
    evaluation = _visible(request, pk)
    form = ReadinessPlanForm(request.POST, evaluation=evaluation)
    if not form.is_valid():
        messages.error(request, _("กรุณาระบุวันที่นิเทศติดตามความพร้อมให้ถูกต้อง"))
        return redirect("external_eval:detail", pk=pk)
    try:
        visit = readiness.readiness_plan(
            evaluation=evaluation, **form.cleaned_data, actor=request_user(request)
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("external_eval:detail", pk=pk)
    messages.success(request, _("วางแผนการนิเทศติดตามความพร้อมแล้ว กรอกแบบ 7.1 ได้ในวันนิเทศ"))
    return redirect("supervision:visit_fill", pk=visit.pk)


@require_POST
@role_required(*REPLIERS)
def evaluation_transition(request: HttpRequest, pk: int) -> HttpResponseBase:
    evaluation = _visible(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("สถานะไม่ถูกต้อง"))
        return redirect("external_eval:detail", pk=pk)
    try:
        services.evaluation_transition(
            evaluation=evaluation,
            to_status=form.cleaned_data["to_status"],
            comment=form.cleaned_data["comment"],
            actor=request_user(request),
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("เปลี่ยนสถานะแล้ว"))
    return redirect("external_eval:detail", pk=pk)


@require_POST
@role_required(*QUALITY_MANAGERS)
def evaluation_oral_report(request: HttpRequest, pk: int) -> HttpResponseBase:
    evaluation = _visible(request, pk)
    form = OralReportForm(request.POST, evaluation=evaluation)
    if not form.is_valid():
        messages.error(request, _("กรุณาระบุวันที่รับฟังรายงานด้วยวาจาให้ถูกต้อง"))
        return redirect("external_eval:detail", pk=pk)
    try:
        services.evaluation_record_oral_report(
            evaluation=evaluation, **form.cleaned_data, actor=request_user(request)
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("บันทึกการรับฟังรายงานด้วยวาจาแล้ว"))
    return redirect("external_eval:detail", pk=pk)


@require_POST
@role_required(*REPLIERS)
def document_upload(request: HttpRequest, pk: int) -> HttpResponseBase:
    evaluation = _visible(request, pk)
    user = request_user(request)
    form = DocumentUploadForm(
        request.POST, request.FILES, school_side=not services.can_manage(user, evaluation)
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)  # type: ignore[arg-type]
        return redirect("external_eval:detail", pk=pk)
    try:
        services.document_upload(
            evaluation=evaluation,
            kind=form.cleaned_data["kind"],
            uploaded=form.cleaned_data["file"],
            received_on=form.cleaned_data["received_on"],
            note=form.cleaned_data["note"],
            actor=user,
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("อัปโหลดเอกสารแล้ว"))
    return redirect("external_eval:detail", pk=pk)


@require_safe
@role_required(*READERS)
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponseBase:
    evaluation = _visible(request, pk)
    document = get_object_or_404(EvaluationDocument, evaluation=evaluation, pk=doc_pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = f"{document.get_kind_display()} {evaluation.school.name} ฉบับที่ {document.number}"
    return file_download(handle, name, content_type="application/pdf", extension="pdf")


@role_required(*QUALITY_MANAGERS)
def result_edit(request: HttpRequest, pk: int, standard_pk: int) -> HttpResponse:
    evaluation = _visible(request, pk)
    if not services.can_manage(request_user(request), evaluation):
        raise PermissionDenied
    standard = get_object_or_404(
        Standard.objects.filter(standard_set__onesqa_rounds=evaluation.round_id), pk=standard_pk
    )
    current = evaluation.results.filter(standard=standard).first()
    initial = {}
    if current is not None:
        initial = {
            "level": current.level_id,
            "source": current.source,
            "strengths": current.strengths,
            "improvements": current.improvements,
            "innovation": current.innovation,
        }
    form = ResultForm(request.POST or None, evaluation=evaluation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.result_save(
                evaluation=evaluation,
                standard=standard,
                **form.cleaned_data,
                actor=request_user(request),
            )
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("บันทึกผลการประเมินรายมาตรฐานแล้ว"))
            return redirect("external_eval:detail", pk=pk)
    return render(
        request,
        "external_eval/result_form.html",
        {"form": form, "e": evaluation, "standard": standard},
    )


@require_POST
@role_required(*QUALITY_MANAGERS)
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    evaluation = _visible(request, pk)
    form = OnesqaRecommendationForm(request.POST, evaluation=evaluation)
    if not form.is_valid():
        messages.error(request, _("กรุณาระบุข้อเสนอแนะของ สมศ."))
        return redirect("external_eval:detail", pk=pk)
    try:
        services.recommendation_from_onesqa(
            evaluation=evaluation, **form.cleaned_data, actor=request_user(request)
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("บันทึกข้อเสนอแนะของ สมศ. เพื่อติดตามแล้ว"))
    return redirect("external_eval:detail", pk=pk)


# --- Import of form ๗.๒ ----------------------------------------------------------------

IMPORT_ROWS_PER_PAGE = 100


def _pending_or_404(request: HttpRequest, token: str) -> tuple[PendingImport, AreaOffice]:
    pending = pending_import_get(request.session, token)
    if pending is None:
        raise Http404(_("ไม่พบไฟล์ที่อัปโหลด (อาจหมดเวลาแล้ว) กรุณาอัปโหลดใหม่"))
    office = get_object_or_404(
        AreaOffice.objects.visible_to(request_user(request)), pk=pending.office_id
    )
    return pending, office


def _import_choice(request: HttpRequest) -> tuple[OnesqaRound, str]:
    params = request.GET if request.method == "GET" else request.POST
    onesqa_round = get_object_or_404(OnesqaRound, pk=params.get("round") or 0)
    source = params.get("source", "")
    if source not in EvaluationDocument.ONESQA_KINDS:
        raise Http404
    return onesqa_round, source


@role_required(*QUALITY_MANAGERS)
def results_import(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = ResultsImportForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        office = form.cleaned_data.get("office") or user.area_office
        if office is None:
            raise Http404
        pending = pending_import_store(
            request.session, upload=form.cleaned_data["file"], office=office
        )
        query = urlencode(
            {
                "round": str(form.cleaned_data["round"].pk),
                "source": str(form.cleaned_data["source"]),
            }
        )
        return redirect(f"{reverse('external_eval:import_preview', args=[pending.token])}?{query}")
    return render(request, "external_eval/import_upload.html", {"form": form})


@require_safe
@role_required(*QUALITY_MANAGERS)
def results_import_preview(request: HttpRequest, token: str) -> HttpResponse:
    pending, office = _pending_or_404(request, token)
    onesqa_round, source = _import_choice(request)
    check, file_error = None, None
    try:
        check = check_file(onesqa_round, office, pending.read(), pending.name)
    except ImportFileError as exc:
        file_error = str(exc)
    rows = sorted(check.rows, key=lambda r: (r.status != "error", r.number)) if check else []
    return render(
        request,
        "external_eval/import_preview.html",
        {
            "token": token,
            "entry": pending,
            "office": office,
            "round": onesqa_round,
            "source": source,
            "source_label": EvaluationDocument.Kind(source).label,
            "check": check,
            "counts": check.counts if check else None,
            "file_error": file_error,
            "page": Paginator(rows, IMPORT_ROWS_PER_PAGE).get_page(request.GET.get("page")),
        },
    )


@require_POST
@role_required(*QUALITY_MANAGERS)
def results_import_confirm(request: HttpRequest, token: str) -> HttpResponseBase:
    pending, office = _pending_or_404(request, token)
    onesqa_round, source = _import_choice(request)
    if request.POST.get("action") == "cancel":
        pending_import_forget(request.session, pending)
        messages.info(request, _("ยกเลิกการนำเข้าแล้ว"))
        return redirect("external_eval:import")
    try:
        check = services.results_import_apply(
            onesqa_round=onesqa_round,
            office=office,
            data=pending.read(),
            filename=pending.name,
            source=source,
            actor=request_user(request),
            skip_errors=request.POST.get("skip_errors") == "1",
        )
    except (ValidationError, ImportFileError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        query = urlencode({"round": str(onesqa_round.pk), "source": source})
        return redirect(f"{reverse('external_eval:import_preview', args=[token])}?{query}")
    pending_import_forget(request.session, pending)
    counts = check.counts
    messages.success(
        request,
        _(
            "นำเข้าเรียบร้อย: ใหม่ %(new)s ปรับปรุง %(updated)s ไม่เปลี่ยนแปลง %(unchanged)s ข้ามแถวผิดพลาด %(errors)s แถว"
        )
        % {
            "new": counts["new"],
            "updated": counts["updated"],
            "unchanged": counts["unchanged"],
            "errors": counts["error"],
        },
    )
    return redirect(f"{reverse('external_eval:list')}?round={onesqa_round.pk}")
