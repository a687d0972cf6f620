"""The official forms of process 4 on the site: the research synthesis (แบบ ๗.๑) of a
year with the supervisor's summary, its PDF and XLSX; the blank instrument (แบบ ๗.๒) as a
PDF for paper collection; and the page that keys in a paper questionnaire."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from iqa_district.accounts.access import DISTRICT_STAFF, request_user, role_required
from iqa_district.downloads import file_download
from iqa_district.pdf import pdf_response
from schools.models import AcademicYear, AreaOffice

from . import documents, services, statistics
from .models import ResearchSynthesis
from .report_views import XLSX_CONTENT_TYPE
from .views import READERS, WRITERS, _visible_instrument


def _office_and_year(request: HttpRequest, year: int) -> tuple[AreaOffice, AcademicYear]:
    user = request_user(request)
    if user.area_office_id is None:
        raise Http404  # the central superuser has no office's synthesis
    return (
        get_object_or_404(AreaOffice, pk=user.area_office_id),
        get_object_or_404(AcademicYear, pk=year),
    )


@require_safe
@role_required(*DISTRICT_STAFF)
def synthesis_current(request: HttpRequest) -> HttpResponse:
    year = AcademicYear.objects.filter(is_current=True).first() or AcademicYear.objects.last()
    if year is None:
        raise Http404
    return redirect("research:synthesis", year=year.year)


@role_required(*DISTRICT_STAFF)
def synthesis(request: HttpRequest, year: int) -> HttpResponse:
    office, academic_year = _office_and_year(request, year)
    user = request_user(request)
    can_write = services.can_manage_office(user, office.pk)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        services.synthesis_save(
            office=office,
            academic_year=academic_year,
            summary=request.POST.get("summary", "")[:20000],
            actor=user,
        )
        messages.success(request, _("บันทึกสรุปผลการสังเคราะห์แล้ว"))
        return redirect("research:synthesis", year=year)
    context = documents.synthesis_context(office, academic_year)
    return render(
        request,
        "research/synthesis.html",
        {
            **context,
            "can_write": can_write,
            "years": AcademicYear.objects.order_by("-year"),
            "saved": ResearchSynthesis.objects.visible_to(user)
            .filter(academic_year=academic_year)
            .first(),
        },
    )


@require_safe
@role_required(*DISTRICT_STAFF)
def synthesis_pdf(request: HttpRequest, year: int) -> HttpResponse:
    office, academic_year = _office_and_year(request, year)
    return pdf_response(
        documents.synthesis_pdf(office, academic_year), f"แบบ 7.1 สังเคราะห์งานวิจัย {year}"
    )


@require_safe
@role_required(*DISTRICT_STAFF)
def synthesis_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    office, academic_year = _office_and_year(request, year)
    return file_download(  # type: ignore[return-value]
        documents.synthesis_workbook(office, academic_year),
        f"แบบ 7.1 สังเคราะห์งานวิจัย {year}",
        content_type=XLSX_CONTENT_TYPE,
        extension="xlsx",
    )


@require_safe
@role_required(*READERS)
def instrument_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = _visible_instrument(request, pk)
    return pdf_response(documents.instrument_pdf(instrument), f"แบบ 7.2 {instrument.title}")


@role_required(*WRITERS)
def instrument_key(request: HttpRequest, pk: int) -> HttpResponse:
    """Key in one paper questionnaire: its number makes it one response (a number keyed
    twice is refused), its school is the one written on the paper."""
    instrument = _visible_instrument(request, pk)
    user = request_user(request)
    if not services.can_manage(user, instrument.project):
        raise PermissionDenied
    schools = instrument.project.schools.order_by("name")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        number = request.POST.get("paper_no", "").strip()[:20]
        school = schools.filter(pk=request.POST.get("school") or 0).first()
        if not number:
            errors.append(_("กรุณาระบุเลขที่แบบสอบถาม"))
        else:
            try:
                services.response_submit(
                    instrument=instrument,
                    raw=request.POST,
                    respondent_key=f"paper-{number}",
                    school=school,
                    actor=user,
                )
            except services.AlreadyAnsweredError:
                errors = [_("แบบสอบถามเลขที่ %(n)s บันทึกไว้แล้ว") % {"n": number}]
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("บันทึกแบบสอบถามเลขที่ %(n)s แล้ว") % {"n": number})
                return redirect("research:instrument_key", pk=pk)
        status = 400
    return render(
        request,
        "research/key.html",
        {
            "instrument": instrument,
            "schools": schools,
            "errors": errors,
            "sections": documents.questionnaire(instrument),
            "likert": [(p, statistics.POINT_LABELS[p]) for p in statistics.POINTS],
            "keyed": instrument.responses.filter(source="paper").count(),
        },
        status=status,
    )
