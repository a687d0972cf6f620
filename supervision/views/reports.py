"""The district reports (form ๗.๓ of processes 1 and 2) and the compliance of each school
with the frequency rules, as a page and a spreadsheet."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from iqa_district.accounts.access import district_staff_required
from iqa_district.downloads import XLSX_CONTENT_TYPE, file_download
from iqa_district.pdf import pdf_response
from sar.followup.figures import on_time_figure
from schools.models import AcademicYear, Cluster, School

from .. import compliance, pdf, reports
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
    return render(request, f"supervision/district_report_p{process}.html", context)


# ------------------------------------------------------------------------------ compliance


def _compliance(request):
    year = year_from(request)
    schools = School.objects.visible_to(request.user).active().order_by("code")
    cluster = request.GET.get("cluster", "")
    if cluster.isdigit():
        schools = schools.filter(cluster=int(cluster))
    rows = compliance.compliance_rows(schools, year, timezone.localdate())
    rag = request.GET.get("status", "")
    if rag == "cycle":
        shown = [r for r in rows if r.cycle and r.cycle.flagged]
    elif rag in compliance.RAG_LABELS:
        shown = [r for r in rows if r.rag == rag]
    else:
        shown = rows
    return year, rows, shown, cluster, rag


@require_safe
@district_staff_required
def compliance_view(request):
    year, rows, shown, cluster, rag = _compliance(request)
    page = Paginator(shown, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/compliance.html",
        {
            "year": year,
            "page": page,
            "summary": compliance.summary(rows),
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
    year, _rows, shown, _cluster, _rag = _compliance(request)
    content = compliance_workbook(shown, year)
    return file_download(
        content, f"compliance-{year.year}", content_type=XLSX_CONTENT_TYPE, extension="xlsx"
    )
