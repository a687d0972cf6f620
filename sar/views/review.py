"""Reading a SAR (the school and the district): the page, the comparison of two
versions, the downloads and the public switch; and the district's review queue,
accept and return."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST, require_safe

from iqa_district import thai
from iqa_district.accounts.access import (
    DISTRICT_STAFF,
    Role,
    district_staff_required,
    quality_manager_required,
    role_required,
)
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from iqa_district.downloads import XLSX_CONTENT_TYPE, file_download
from iqa_district.pdf import pdf_response
from iqa_district.spreadsheets import table_workbook

from .. import pdf, services
from ..comparison import compare_versions, last_return
from ..forms import AcceptForm, ReturnForm, result_sections
from ..models import SAREvent, SARVersion, SelfAssessmentReport
from ..validators import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE
from .common import file_response, get_report

Status = SelfAssessmentReport.Status
SAR_READERS = (Role.SCHOOL_STAFF, *DISTRICT_STAFF)


def default_version(request, versions):
    """The school reads its latest version (its draft included); the district the latest
    one it was sent."""
    submitted = [v for v in versions if v.is_frozen]
    return versions[-1] if request.user.is_school_staff or not submitted else submitted[-1]


@require_safe
@role_required(*SAR_READERS)
def sar_results_pdf(request, pk):
    """The version's structured results as a printable PDF (``?v=`` picks the version,
    as on the SAR's page)."""
    report = get_report(request, pk)
    versions = list(report.versions.order_by("number"))
    if not versions:
        raise Http404
    number = request.GET.get("v", "")
    version = default_version(request, versions)
    if number:
        version = next((v for v in versions if str(v.number) == number), None)
        if version is None:
            raise Http404
    name = (
        f"ผลการประเมินตนเอง {report.school.code} {report.academic_year_id} ฉบับที่ {version.number}.pdf"
    )
    return pdf_response(pdf.sar_results_pdf(report, version), name)


@require_safe
@role_required(*SAR_READERS)
def sar_detail(request, pk):
    report = get_report(request, pk)
    versions = list(report.versions.order_by("number"))
    number = request.GET.get("v")
    version = None
    if number and number.isdigit():
        version = next((v for v in versions if v.number == int(number)), None)
        if version is None:
            raise Http404
    if version is None:
        version = default_version(request, versions)
    user = request.user
    context = {
        "report": report,
        "version": version,
        "versions": versions,
        "sections": result_sections(version, report),
        "help_needs": version.help_needs.all(),
        "events": report.events.select_related("actor", "version").order_by("-created_at", "-pk"),
        "can_review": user.can_manage_quality and report.can_be_reviewed,
        "can_edit": user.is_school_staff and report.is_editable_by_school,
        "can_toggle_public": user.can_manage_quality or user.is_school_staff,
        # Distinct ids: both forms have a "comment" field on the same page.
        "return_form": ReturnForm(auto_id="id_return_%s"),
        "accept_form": AcceptForm(auto_id="id_accept_%s"),
        "compare_ready": sum(1 for v in versions if v.is_frozen) >= 2,
    }
    returned = last_return(report) if context["can_review"] else None
    if returned and version.is_frozen and returned.version.number < version.number:
        context["resubmitted_after"] = returned
    return render(request, "sar/detail.html", context)


@require_safe
@role_required(*SAR_READERS)
def sar_compare(request, pk):
    """Two versions side by side. By default the version the district last returned
    against the one sent after it, with the reviewer's comment beside it; else the last
    two submitted."""
    report = get_report(request, pk)
    versions = {v.number: v for v in report.versions.all()}
    submitted = sorted(n for n, v in versions.items() if v.is_frozen)
    returned = last_return(report)
    default_a = submitted[-2] if len(submitted) >= 2 else 0
    if returned and submitted and returned.version.number < submitted[-1]:
        default_a = returned.version.number
    try:
        a = int(request.GET.get("a") or default_a)
        b = int(request.GET.get("b") or (submitted[-1] if submitted else 0))
    except ValueError as exc:
        raise Http404 from exc
    if a not in versions or b not in versions:
        messages.info(request, _("SAR นี้มีฉบับที่ส่งแล้วไม่ถึงสองฉบับ จึงยังไม่มีสิ่งที่จะเปรียบเทียบ"))
        return redirect("sar:detail", pk=report.pk)
    comparison = compare_versions(versions[a], versions[b])
    return_comments = list(
        report.events.filter(action=SAREvent.Action.RETURNED, version=versions[a])
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    return render(
        request,
        "sar/compare.html",
        {
            "report": report,
            "old": versions[a],
            "new": versions[b],
            "comparison": comparison,
            "return_comments": return_comments,
            "numbers": sorted(versions),
        },
    )


def _download_name(report, version, ext):
    return (
        f"SAR-{report.academic_year_id}-{report.school.code}-{report.school.name}"
        f"-ฉบับที่{version.number}.{ext}"
    )


@xframe_options_sameorigin
@require_GET
@role_required(*SAR_READERS)
def sar_download(request, pk, number, kind):
    """The only way to a SAR file: checks who may see the report. ``?inline=1`` shows the
    PDF in the detail page's frame (same origin only)."""
    report = get_report(request, pk)
    version = get_object_or_404(SARVersion.objects.filter(report=report), number=number)
    if kind == "pdf":
        field, content_type = version.pdf, PDF_CONTENT_TYPE
    elif kind == "docx":
        field, content_type = version.docx, DOCX_CONTENT_TYPE
    else:
        raise Http404
    if not field:
        raise Http404
    inline = kind == "pdf" and request.GET.get("inline") == "1"
    # Who opened which SAR file is part of the audit log (PDPA); the only write of a GET.
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.VIEW if inline else AuditEntry.Action.DOWNLOAD,
        obj=version,
        detail=f"{report} ไฟล์ {kind.upper()}",
        area_office_id=report.school.area_office_id,
    )
    return file_response(
        field,
        _download_name(report, version, kind),
        content_type=content_type,
        extension=kind,
        inline=inline,
    )


@require_POST
@role_required(Role.SCHOOL_STAFF, Role.DISTRICT_ADMIN, Role.SUPERVISOR)
def sar_visibility(request, pk):
    report = get_report(request, pk)
    is_public = request.POST.get("is_public") == "1"
    services.sar_set_public(report=report, actor=request.user, is_public=is_public)
    if is_public:
        messages.success(request, _("เผยแพร่ SAR นี้ต่อสาธารณะแล้ว"))
    else:
        messages.success(request, _("ยกเลิกการเผยแพร่ SAR นี้ต่อสาธารณะแล้ว"))
    return redirect("sar:detail", pk=report.pk)


def _review_queue_filtered(request):
    q = request.GET.get("q", "").strip()
    reports = (
        SelfAssessmentReport.objects.visible_to(request.user)
        .waiting_for_review()
        .select_related("school", "school__cluster", "academic_year")
    )
    if q:
        reports = reports.filter(Q(school__name__icontains=q) | Q(school__code__icontains=q))
    return reports, q


@require_safe
@district_staff_required
def review_queue(request):
    """SARs waiting for review, the longest-waiting first."""
    reports, q = _review_queue_filtered(request)
    page = Paginator(reports, 25).get_page(request.GET.get("page"))
    return render(
        request, "sar/review_queue.html", {"page": page, "q": q, "query": request.GET.urlencode()}
    )


@require_safe
@district_staff_required
def review_queue_xlsx(request):
    """The review queue as on the page (every row), formula-safe."""
    reports, _q = _review_queue_filtered(request)
    rows = (
        (
            r.school.code,
            r.school.name,
            r.school.cluster.name if r.school.cluster else "",
            r.academic_year_id,
            thai.format_datetime_short(r.last_submitted_at),
            r.days_late(),
        )
        for r in reports.iterator(chunk_size=500)
    )
    content = table_workbook(
        "SAR รอตรวจ",
        [
            "รหัสสถานศึกษา",
            "ชื่อสถานศึกษา",
            "สหวิทยาเขต/กลุ่มเครือข่าย",
            "ปีการศึกษา",
            "ส่งเมื่อ",
            "ส่งช้า (วัน)",
        ],
        rows,
        widths=(14, 40, 26, 12, 18, 12),
    )
    return file_download(
        content, "sar-review-queue", content_type=XLSX_CONTENT_TYPE, extension="xlsx"
    )


@require_POST
@quality_manager_required
def sar_accept_view(request, pk):
    report = get_report(request, pk)
    form = AcceptForm(request.POST)
    form.is_valid()
    try:
        services.sar_accept(
            report=report,
            actor=request.user,
            comment=form.cleaned_data.get("comment", ""),
            recommendations=form.cleaned_data.get("recommendations", []),
            due_on=form.cleaned_data.get("due_on"),
        )
    except services.SARError as exc:
        messages.error(request, exc.message)
        return redirect("sar:detail", pk=report.pk)
    messages.success(request, _("รับรายงาน SAR ของ %(school)s แล้ว") % {"school": report.school})
    return redirect("sar:review_queue")


@require_POST
@quality_manager_required
def sar_return_view(request, pk):
    report = get_report(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("โปรดระบุสิ่งที่สถานศึกษาต้องแก้ไขก่อนส่งกลับ"))
        return redirect(reverse("sar:detail", args=[report.pk]) + "#review")
    try:
        services.sar_return(report=report, actor=request.user, comment=form.cleaned_data["comment"])
    except services.SARError as exc:
        messages.error(request, exc.message)
        return redirect("sar:detail", pk=report.pk)
    messages.success(request, _("ส่ง SAR กลับให้ %(school)s แก้ไขแล้ว") % {"school": report.school})
    return redirect("sar:review_queue")
