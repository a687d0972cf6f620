"""The round's package to ONESQA: the page (what will be sent, when it was sent), its PDF
and XLSX, and recording the date it was sent. The office is the user's own."""

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

from .. import services
from ..forms import PackageSentForm
from ..models import OnesqaRound
from .data import package_contents
from .documents import package_pdf, package_xlsx

ROWS_PER_PAGE = 100


@require_safe
@role_required(*DISTRICT_STAFF)
def package_detail(request: HttpRequest, round_pk: int) -> HttpResponse:
    office = request_office(request)
    onesqa_round = get_object_or_404(OnesqaRound, pk=round_pk)
    contents = package_contents(office, onesqa_round)
    user = request_user(request)
    return render(
        request,
        "external_eval/package.html",
        {
            **contents,
            "page": Paginator(contents["schools"], ROWS_PER_PAGE).get_page(request.GET.get("page")),
            "rounds": OnesqaRound.objects.all(),
            "sent_form": PackageSentForm(instance=contents["package"])
            if user.can_manage_quality
            else None,
        },
    )


@require_safe
@role_required(*DISTRICT_STAFF)
def package_download(request: HttpRequest, round_pk: int, kind: str) -> HttpResponseBase:
    office = request_office(request)
    onesqa_round = get_object_or_404(OnesqaRound, pk=round_pk)
    contents = package_contents(office, onesqa_round)
    name = f"ข้อมูลส่ง สมศ. รอบที่ {onesqa_round.number} {office.code}"
    if kind == "pdf":
        return file_download(
            package_pdf(contents), name, content_type="application/pdf", extension="pdf"
        )
    if kind == "xlsx":
        return file_download(
            package_xlsx(contents), name, content_type=XLSX_CONTENT_TYPE, extension="xlsx"
        )
    raise Http404


@require_POST
@role_required(*QUALITY_MANAGERS)
def package_sent(request: HttpRequest, round_pk: int) -> HttpResponseBase:
    office = request_office(request)
    onesqa_round = get_object_or_404(OnesqaRound, pk=round_pk)
    form = PackageSentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณาระบุวันที่ส่งให้ถูกต้อง"))
        return redirect("external_eval:package", round_pk=round_pk)
    try:
        services.package_record_sent(
            office=office,
            onesqa_round=onesqa_round,
            **form.cleaned_data,
            actor=request_user(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("บันทึกวันที่ส่งข้อมูลถึง สมศ. แล้ว"))
    return redirect("external_eval:package", round_pk=round_pk)
