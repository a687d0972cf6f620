"""Pages of the annual SAR synthesis: quality managers start and publish runs, district
staff read them, the public reads the published ones."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from iqa_district.accounts.access import district_staff_required, quality_manager_required
from iqa_district.downloads import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_download
from iqa_district.pdf import pdf_response
from schools.models import AcademicYear

from ..models import SynthesisRun
from . import pdf as synthesis_pdf_module
from . import report_page, services
from .forms import SynthesisDispatchForm, SynthesisStartForm
from .record_views import run_history


def _runs_for(user):
    return (
        SynthesisRun.objects.visible_to(user)
        .defer("results")
        .select_related("area_office", "academic_year", "requested_by", "published_by")
    )


def _list_page(request, form, status=200):
    runs = _runs_for(request.user).order_by("-academic_year", "-created_at")
    year = request.GET.get("year", "")
    if year.isdigit():
        runs = runs.filter(academic_year=int(year))
    page = Paginator(runs, 20).get_page(request.GET.get("page"))
    years = AcademicYear.objects.order_by("-year").values_list("year", flat=True)
    return render(
        request,
        "sar/synthesis_list.html",
        {
            "page": page,
            "form": form,
            "years": years,
            "year": year,
        },
        status=status,
    )


@district_staff_required
@require_GET
def synthesis_list(request):
    form = SynthesisStartForm() if request.user.can_manage_quality else None
    return _list_page(request, form)


@quality_manager_required
@require_POST
def synthesis_start(request):
    form = SynthesisStartForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    office = request.user.area_office
    if office is None:
        raise Http404
    try:
        run = services.synthesis_start(
            office=office,
            academic_year=form.cleaned_data["academic_year"],
            include_submitted=form.cleaned_data["include_submitted"],
            actor=request.user,
        )
    except services.SynthesisError as exc:
        form.add_error(None, exc.messages[0])
        return _list_page(request, form, status=409)
    messages.success(request, _("เริ่มสังเคราะห์ข้อมูลแล้ว หน้านี้จะแสดงความคืบหน้าจนเสร็จ"))
    return redirect("sar:synthesis_detail", pk=run.pk)


@district_staff_required
@require_GET
def synthesis_detail(request, pk):
    run = get_object_or_404(_runs_for(request.user), pk=pk)
    done = run.status == SynthesisRun.Status.DONE
    report_html = report_page.contents_html(run, "staff") if done else None
    dispatches = list(run.dispatches.select_related("recorded_by"))
    return render(
        request,
        "sar/synthesis_detail.html",
        {
            "run": run,
            "report_html": report_html,
            "dispatches": dispatches,
            "history": run_history(run, dispatches),
            "dispatch_form": SynthesisDispatchForm(initial={"sent_on": timezone.localdate()}),
        },
    )


def _section_response(request, run, html, *, title, back_url):
    """A section of the report: the fragment htmx asked for, or a page of its own."""
    if request.htmx:
        response = HttpResponse(html)
    else:
        response = render(
            request,
            "sar/synthesis_section_page.html",
            {"run": run, "section_html": html, "title": title, "back_url": back_url},
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


@district_staff_required
@require_GET
def synthesis_standard(request, pk, set_no, std_no):
    """One standard's section of a finished run's report."""
    run = get_object_or_404(_runs_for(request.user), pk=pk, status=SynthesisRun.Status.DONE)
    html = report_page.standard_html(run, "staff", set_no, std_no, request.GET.get("page"))
    back = reverse("sar:synthesis_detail", args=[run.pk])
    return _section_response(
        request,
        run,
        html,
        title=_("ผลการสังเคราะห์รายมาตรฐาน"),
        back_url=f"{back}#std-{set_no}-{std_no}",
    )


@district_staff_required
@require_GET
def synthesis_schools(request, pk):
    """A page of the per-school appendix of a finished run's report."""
    run = get_object_or_404(_runs_for(request.user), pk=pk, status=SynthesisRun.Status.DONE)
    html = report_page.schools_html(run, "staff", request.GET.get("page"))
    back = reverse("sar:synthesis_detail", args=[run.pk])
    return _section_response(
        request, run, html, title=_("ผลการประเมินรายมาตรฐานของสถานศึกษา"), back_url=f"{back}#appendix"
    )


@district_staff_required
@require_GET
def synthesis_progress(request, pk):
    """The progress fragment htmx polls every second; once the run has ended it asks
    the page to reload, so the report appears."""
    run = get_object_or_404(_runs_for(request.user), pk=pk)
    response = render(request, "sar/synthesis_progress.html", {"run": run})
    if run.status in (SynthesisRun.Status.DONE, SynthesisRun.Status.FAILED) and request.htmx:
        response["HX-Refresh"] = "true"
    return response


def _file_response(run, kind, field=None, name=None):
    if field is None:
        field = run.pdf if kind == "pdf" else run.xlsx
    if run.status != SynthesisRun.Status.DONE or not field:
        raise Http404
    name = name or f"สังเคราะห์ SAR {run.area_office.code} ปีการศึกษา {run.academic_year_id}"
    name = f"{name}.{kind}"
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = PDF_CONTENT_TYPE if kind == "pdf" else XLSX_CONTENT_TYPE
    return file_download(
        handle, name, content_type=content_type, extension=kind, inline=kind == "pdf"
    )


@district_staff_required
@require_GET
def synthesis_pdf(request, pk):
    return _file_response(get_object_or_404(_runs_for(request.user), pk=pk), "pdf")


def _appendix_response(request, run):
    """The run's per-school appendix, rendered on its first request and kept."""
    if run.status != SynthesisRun.Status.DONE:
        raise Http404
    run = services.synthesis_appendix(run=run, user=request.user)
    name = f"ภาคผนวก สังเคราะห์ SAR {run.area_office.code} ปีการศึกษา {run.academic_year_id}"
    return _file_response(run, "pdf", field=run.appendix_pdf, name=name)


@district_staff_required
@require_GET
def synthesis_appendix_pdf(request, pk):
    return _appendix_response(request, get_object_or_404(_runs_for(request.user), pk=pk))


@district_staff_required
@require_GET
def synthesis_xlsx(request, pk):
    return _file_response(get_object_or_404(_runs_for(request.user), pk=pk), "xlsx")


@quality_manager_required
@require_GET
def synthesis_memo(request, pk):
    """The cover memo sending a finished synthesis to OBEC, signed by the requester."""
    run = get_object_or_404(_runs_for(request.user), pk=pk, status=SynthesisRun.Status.DONE)
    return pdf_response(
        synthesis_pdf_module.cover_memo_pdf(run, signer=request.user),
        f"บันทึกข้อความ ส่งรายงานการสังเคราะห์ SAR ปีการศึกษา {run.academic_year_id}.pdf",
        inline=False,
    )


@quality_manager_required
@require_POST
def synthesis_publish(request, pk):
    run = get_object_or_404(_runs_for(request.user), pk=pk)
    try:
        services.synthesis_publish(run=run, actor=request.user)
    except services.SynthesisError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("เผยแพร่ผลการสังเคราะห์ปีการศึกษา %(year)s ต่อสาธารณะแล้ว") % {"year": run.academic_year_id},
        )
    return redirect("sar:synthesis_detail", pk=run.pk)


@quality_manager_required
@require_POST
def synthesis_unpublish(request, pk):
    run = get_object_or_404(_runs_for(request.user), pk=pk)
    services.synthesis_unpublish(run=run, actor=request.user)
    messages.success(request, _("ยกเลิกการเผยแพร่แล้ว"))
    return redirect("sar:synthesis_detail", pk=run.pk)


# Public pages (no login): only published runs exist here.


def _published():
    return SynthesisRun.objects.published().select_related("area_office", "academic_year")


@require_GET
def public_synthesis_list(request):
    runs = _published().defer("results").order_by("-academic_year", "area_office__code")
    page = Paginator(runs, 30).get_page(request.GET.get("page"))
    return render(request, "sar/synthesis_public_list.html", {"page": page})


@require_GET
def public_synthesis_detail(request, pk):
    run = get_object_or_404(_published().defer("results"), pk=pk)
    return render(
        request,
        "sar/synthesis_public_detail.html",
        {"run": run, "report_html": report_page.contents_html(run, "public")},
    )


@require_GET
def public_synthesis_standard(request, pk, set_no, std_no):
    run = get_object_or_404(_published().defer("results"), pk=pk)
    html = report_page.standard_html(run, "public", set_no, std_no, request.GET.get("page"))
    back = reverse("public:synthesis_detail", args=[run.pk])
    return _section_response(
        request,
        run,
        html,
        title=_("ผลการสังเคราะห์รายมาตรฐาน"),
        back_url=f"{back}#std-{set_no}-{std_no}",
    )


@require_GET
def public_synthesis_schools(request, pk):
    run = get_object_or_404(_published().defer("results"), pk=pk)
    html = report_page.schools_html(run, "public", request.GET.get("page"))
    back = reverse("public:synthesis_detail", args=[run.pk])
    return _section_response(
        request, run, html, title=_("ผลการประเมินรายมาตรฐานของสถานศึกษา"), back_url=f"{back}#appendix"
    )


@require_GET
def public_synthesis_pdf(request, pk):
    return _file_response(get_object_or_404(_published().defer("results"), pk=pk), "pdf")


@require_GET
def public_synthesis_appendix_pdf(request, pk):
    return _appendix_response(request, get_object_or_404(_published().defer("results"), pk=pk))
