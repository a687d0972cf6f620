"""Form ๗.๓ pages: the district's synthesis of a round (figures, charts, every school ×
standard, the narrative to edit and publish), its PDF and XLSX, and the published ones on
the public pages. The office is the user's own; the public reads published rows only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import (
    DISTRICT_STAFF,
    QUALITY_MANAGERS,
    request_user,
    role_required,
)
from iqa_district.downloads import XLSX_CONTENT_TYPE, file_download
from schools.access import request_office
from schools.models import AreaOffice

from ..models import OnesqaRound, OnesqaSynthesis
from . import narrative, services
from .charts import agreement_chart, distribution_chart
from .data import district_figures
from .pdf import synthesis_pdf
from .xlsx import synthesis_xlsx

ROWS_PER_PAGE = 100


def _context(
    office: AreaOffice, onesqa_round: OnesqaRound
) -> tuple[dict, list, OnesqaSynthesis | None]:
    data, rows = district_figures(office, onesqa_round)
    synthesis = OnesqaSynthesis.objects.filter(area_office=office, round=onesqa_round).first()
    return data, rows, synthesis


@require_safe
@role_required(*DISTRICT_STAFF)
def synthesis_detail(request: HttpRequest, round_pk: int) -> HttpResponse:
    office = request_office(request)
    onesqa_round = get_object_or_404(OnesqaRound, pk=round_pk)
    data, rows, synthesis = _context(office, onesqa_round)
    manage = services.can_manage(request_user(request), office)
    text = synthesis.narrative if synthesis and synthesis.narrative else narrative.draft(data)
    return render(
        request,
        "external_eval/synthesis.html",
        {
            "round": onesqa_round,
            "data": data,
            "synthesis": synthesis,
            "manage": manage,
            "narrative": text,
            "drafted": not (synthesis and synthesis.narrative),
            "distribution_chart": distribution_chart(data),
            "agreement_chart": agreement_chart(data),
            "page": Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
            "rounds": OnesqaRound.objects.all(),
        },
    )


@require_POST
@role_required(*QUALITY_MANAGERS)
def synthesis_narrative(request: HttpRequest, round_pk: int) -> HttpResponseBase:
    office = request_office(request)
    onesqa_round = get_object_or_404(OnesqaRound, pk=round_pk)
    text = request.POST.get("narrative", "")
    if request.POST.get("action") == "redraft":
        text = narrative.draft(district_figures(office, onesqa_round)[0])
    services.synthesis_save_narrative(
        office=office,
        onesqa_round=onesqa_round,
        narrative=text[:20000],
        actor=request_user(request),
    )
    messages.success(request, _("บันทึกบทสรุปการสังเคราะห์แล้ว"))
    return redirect("external_eval:synthesis", round_pk=round_pk)


@require_POST
@role_required(*QUALITY_MANAGERS)
def synthesis_publish(request: HttpRequest, round_pk: int) -> HttpResponseBase:
    office = request_office(request)
    onesqa_round = get_object_or_404(OnesqaRound, pk=round_pk)
    try:
        services.synthesis_publish(
            office=office, onesqa_round=onesqa_round, actor=request_user(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("เผยแพร่การสังเคราะห์ (แบบ 7.3) แล้ว"))
    return redirect("external_eval:synthesis", round_pk=round_pk)


@require_safe
@role_required(*DISTRICT_STAFF)
def synthesis_download(request: HttpRequest, round_pk: int, kind: str) -> HttpResponseBase:
    office = request_office(request)
    onesqa_round = get_object_or_404(OnesqaRound, pk=round_pk)
    data, rows, synthesis = _context(office, onesqa_round)
    name = f"แบบ 7.3 สังเคราะห์ผลภายใน-ภายนอก รอบที่ {onesqa_round.number}"
    if kind == "pdf":
        return file_download(
            synthesis_pdf(data, synthesis), name, content_type="application/pdf", extension="pdf"
        )
    if kind == "xlsx":
        return file_download(
            synthesis_xlsx(data, rows), name, content_type=XLSX_CONTENT_TYPE, extension="xlsx"
        )
    raise Http404


# --- Public pages ----------------------------------------------------------------------


@require_safe
def public_synthesis_list(request: HttpRequest) -> HttpResponse:
    published = OnesqaSynthesis.objects.published().select_related("area_office", "round")
    page = Paginator(published.order_by("-published_at", "pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "external_eval/public_synthesis_list.html", {"page": page})


def _published(pk: int) -> OnesqaSynthesis:
    return get_object_or_404(
        OnesqaSynthesis.objects.published().select_related("area_office", "round"), pk=pk
    )


@require_safe
def public_synthesis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    synthesis = _published(pk)
    data = synthesis.figures
    return render(
        request,
        "external_eval/public_synthesis.html",
        {
            "synthesis": synthesis,
            "data": data,
            "paragraphs": [p for p in synthesis.narrative.split("\n") if p.strip()],
            "distribution_chart": distribution_chart(data),
            "agreement_chart": agreement_chart(data),
        },
    )


@require_safe
def public_synthesis_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    synthesis = _published(pk)
    name = f"แบบ 7.3 {synthesis.area_office.short_name or synthesis.area_office.name} รอบที่ {synthesis.round.number}"
    return file_download(
        synthesis_pdf(synthesis.figures, synthesis),
        name,
        content_type="application/pdf",
        extension="pdf",
    )
