"""The district reports (form ๗.๓ of processes 1 and 2) and the compliance of each school
with the frequency rules, as a page and a spreadsheet."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import district_staff_required, quality_manager_required
from iqa_district.downloads import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_download
from iqa_district.pdf import pdf_response
from sar.followup.figures import on_time_figure
from schools.models import AcademicYear, Cluster, School

from .. import compliance, pdf, report_services, reports
from ..forms import DistrictReportForm
from ..models import DistrictReport
from ..spreadsheet import compliance_workbook
from .params import year_from

NO_YEAR = _("ยังไม่มีการกำหนดปีการศึกษา จึงยังไม่มีรายงานให้ดาวน์โหลด โปรดติดต่อผู้ดูแลระบบของเขต")

# -------------------------------------------------------------------------- district reports


def _office(request):
    return request.user.area_office


@require_safe
@district_staff_required
def district_report(request, process):
    year = year_from(request)
    if year is None and request.GET.get("format") == "pdf":
        # No academic year is set up yet: there is no report to print, only the page's
        # explanation (a PDF here used to be a server error).
        messages.error(request, NO_YEAR)
        return redirect(request.path)
    if process == 1:
        context = reports.process1_district_report(office=_office(request), year=year)
    else:
        context = reports.process2_district_report(office=_office(request), year=year)
        # The follow-up figure: each school's recommendations closed on time.
        context["on_time"] = on_time_figure(
            School.objects.filter(area_office=_office(request)).active()
        )
    if request.GET.get("format") == "pdf":
        return pdf_response(
            pdf.district_report_pdf(process, context),
            f"รายงาน 7.3 กระบวนการที่ {process} ปีการศึกษา {year.year}.pdf",
        )
    context.update({"years": AcademicYear.objects.all(), "process": process})
    if process == 2 and year is not None:
        written = context["district_report"]
        context["can_write"] = request.user.can_manage_quality
        context["conclusion_form"] = DistrictReportForm(
            initial={
                "year": year.year,
                "conclusion": written.conclusion if written else "",
                "measures": written.acceleration_measures if written else "",
            }
        )
    return render(request, f"supervision/district_report_p{process}.html", context)


def _report_page(year):
    return f"{reverse('supervision:report_process2')}?year={year}"


@require_POST
@quality_manager_required
def district_report_conclusion(request):
    """The supervisor writes the district's conclusion and acceleration measures."""
    if _office(request) is None:
        messages.error(request, _("บัญชีนี้ไม่ได้สังกัดสำนักงานเขตพื้นที่ จึงบันทึกสรุปผลของเขตไม่ได้"))
        return redirect("supervision:report_process2")
    form = DistrictReportForm(request.POST)
    year_value = request.POST.get("year", "")
    year = AcademicYear.objects.filter(pk=int(year_value)).first() if year_value.isdigit() else None
    if year is None or not form.is_valid():
        # Nothing typed is lost: the page comes back with the text and the Thai errors.
        year = year or AcademicYear.objects.current()
        context = reports.process2_district_report(office=_office(request), year=year)
        context.update(
            {
                "conclusion_form": form,
                "can_write": True,
                "process": 2,
                "years": AcademicYear.objects.all(),
            }
        )
        return render(request, "supervision/district_report_p2.html", context, status=200)
    report_services.district_report_write(
        office=_office(request),
        year=year,
        conclusion=form.cleaned_data["conclusion"],
        measures=form.cleaned_data["measures"],
        actor=request.user,
    )
    messages.success(request, _("บันทึกสรุปผลและมาตรการเร่งรัดของเขตพื้นที่แล้ว"))
    return redirect(_report_page(year.year))


@require_POST
@quality_manager_required
def district_report_publish(request, pk):
    report = get_object_or_404(DistrictReport.objects.visible_to(request.user), pk=pk)
    publish = request.POST.get("publish") == "1"
    try:
        report_services.district_report_set_published(
            report=report, published=publish, actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("เผยแพร่รายงาน 7.3 แล้ว") if publish else _("ยกเลิกการเผยแพร่รายงาน 7.3 แล้ว")
        )
    return redirect(_report_page(report.academic_year_id))


@require_safe
def public_district_report_pdf(request, pk):
    """A published ๗.๓, without login (its schools and the public, as the seed asks)."""
    report = get_object_or_404(
        DistrictReport.objects.published().select_related("area_office", "academic_year"), pk=pk
    )
    if not report.pdf:
        # Published before reports were frozen at publication: frozen now, once.
        report = report_services.district_report_freeze(report=report)
    try:
        with report.pdf.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError as exc:
        raise Http404 from exc
    return file_download(
        content,
        f"รายงาน 7.3 กระบวนการที่ {report.process} ปีการศึกษา {report.academic_year_id}.pdf",
        content_type=PDF_CONTENT_TYPE,
        extension="pdf",
        inline=True,
    )


# ------------------------------------------------------------------------------ compliance


def _compliance(request):
    """The year, the schools the filters keep (a queryset, filtered in SQL), the cluster
    and the state asked for."""
    year = year_from(request)
    schools = School.objects.visible_to(request.user).active().order_by("code")
    cluster = request.GET.get("cluster", "")
    if cluster.isdigit():
        schools = schools.filter(cluster=int(cluster))
    rag = request.GET.get("status", "")
    if rag not in (*compliance.RAG_LABELS, "cycle"):
        rag = ""
    shown = schools
    if year is not None and rag:
        shown = compliance.schools_in_state(schools, year, timezone.localdate(), rag)
    return year, schools, shown, cluster, rag


def _rows(schools, year):
    return compliance.compliance_rows(schools, year, timezone.localdate())


class _CountedPaginator(Paginator):
    """A paginator told its count (the summary has counted it already)."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


@require_safe
@district_staff_required
def compliance_view(request):
    year, schools, shown, cluster, rag = _compliance(request)
    if year is None:
        page = Paginator([], 100).get_page(1)
        summary = compliance.summary([])
    else:
        # The database counts and pages; only the page's schools are built as rows.
        summary = compliance.cached_summary(schools, year, timezone.localdate())
        count = (
            summary["cycle_flagged"]
            if rag == "cycle"
            else summary["counts"].get(rag, summary["total"])
        )
        paginator = _CountedPaginator(shown.select_related("cluster"), 100, count)
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = _rows(list(page.object_list), year)
    return render(
        request,
        "supervision/compliance.html",
        {
            "year": year,
            "page": page,
            "summary": summary,
            "checks": compliance.CHECKS,
            "cluster": cluster,
            "status": rag,
            "statuses": compliance.RAG_LABELS.items(),
            "clusters": Cluster.objects.visible_to(request.user),
            "years": AcademicYear.objects.all(),
        },
    )


@require_safe
@district_staff_required
def compliance_xlsx(request):
    if year_from(request) is None:
        messages.error(request, NO_YEAR)
        return redirect("supervision:compliance")
    year, _schools, shown, _cluster, _rag = _compliance(request)
    content = compliance_workbook(_rows(shown, year), year)
    return file_download(
        content, f"compliance-{year.year}", content_type=XLSX_CONTENT_TYPE, extension="xlsx"
    )
