"""Form ๓: the cluster supervisor's report of the year, its PDF and its publication."""

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from iqa_district.accounts.access import (
    district_staff_required,
    quality_manager_required,
    request_user,
)
from iqa_district.downloads import PDF_CONTENT_TYPE, file_download

from ...views.params import year_from
from .. import services
from ..forms import ReportForm
from ..models import ClusterReport
from ..pdf import cluster_report_pdf
from ..report import report_context
from .common import cluster_for, report_for, require_manager


def _default_period(year: int) -> tuple[datetime.date, datetime.date]:
    """A Thai academic year (BE ``year``) runs from 16 May to 31 March."""
    ce = year - 543
    return datetime.date(ce, 5, 16), datetime.date(ce + 1, 3, 31)


@require_http_methods(["GET", "HEAD", "POST"])
@district_staff_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The cluster's form ๓ of the year asked for (``?year=``): the computed parts shown,
    the written parts in a form for its supervisors."""
    user = request_user(request)
    cluster = cluster_for(request, pk)
    year = year_from(request)
    if year is None:
        messages.error(request, _("ยังไม่มีปีการศึกษาในระบบ"))
        return redirect("networks:cluster_detail", pk=cluster.pk)
    report = ClusterReport.objects.filter(cluster=cluster, academic_year=year).first()
    can_manage = services.can_manage_cluster(user, cluster)
    if report is not None:
        initial = {
            field: getattr(report, field)
            for field in (
                "period_start",
                "period_end",
                "outcomes_teachers",
                "outcomes_schools",
                "problems",
                "next_directions",
            )
        }
    else:
        start, end = _default_period(year.year)
        initial = {"period_start": start, "period_end": end}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require_manager(request, cluster)
        if form.is_valid():
            report = services.report_save(
                cluster=cluster, academic_year=year, actor=user, **form.cleaned_data
            )
            messages.success(request, _("บันทึกรายงาน (แบบ 3) แล้ว"))
            return redirect(f"{request.path}?year={year.year}")
    context = report_context(report) if report is not None else {"cluster": cluster}
    return render(
        request,
        "supervision/networks/report_form.html",
        {**context, "cluster": cluster, "year": year, "form": form, "can_manage": can_manage},
        status=400 if form.errors else 200,
    )


@require_safe
@district_staff_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk)
    return file_download(  # type: ignore[return-value]
        cluster_report_pdf(report),
        f"แบบ๓ {report.cluster.name} {report.academic_year_id}",
        content_type=PDF_CONTENT_TYPE,
        extension="pdf",
    )


@require_POST
@quality_manager_required
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk)
    require_manager(request, report.cluster)
    public = request.POST.get("public") == "1"
    services.report_set_public(report=report, public=public, actor=request_user(request))
    messages.success(request, _("เผยแพร่รายงานแล้ว") if public else _("ยกเลิกการเผยแพร่แล้ว"))
    return redirect(
        f"{redirect('networks:report_edit', pk=report.cluster_id).url}?year={report.academic_year_id}"
    )
