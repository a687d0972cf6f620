"""SAR pages: the school's editor, the district's review, downloads, the tracker and
the public list. Views fetch through ``visible_to`` and call ``sar.services``."""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from iqa_district.accounts.access import (
    DISTRICT_STAFF,
    Role,
    district_staff_required,
    quality_manager_required,
    role_required,
)
from schools.models import AcademicYear, School

from . import services
from .forms import AcceptForm, ReturnForm, SAREditorForms, TrackerFilterForm, result_sections
from .models import SARVersion, SelfAssessmentReport
from .resources import tracker_rows, tracker_summary, tracker_workbook
from .validators import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE

Status = SelfAssessmentReport.Status
SAR_READERS = (Role.SCHOOL_STAFF, *DISTRICT_STAFF)
school_staff_required = role_required(Role.SCHOOL_STAFF)


def _get_report(request, pk):
    return get_object_or_404(
        SelfAssessmentReport.objects.visible_to(request.user).select_related(
            "school", "school__cluster", "academic_year"
        ),
        pk=pk,
    )


# -- the school's side --------------------------------------------------------------------


@school_staff_required
def my_sar(request):
    """This year's SAR of the user's school, with its status and the earlier years."""
    year = AcademicYear.objects.current()
    reports = list(
        SelfAssessmentReport.objects.visible_to(request.user)
        .select_related("academic_year")
        .order_by("-academic_year")
    )
    current = next((r for r in reports if year and r.academic_year_id == year.pk), None)
    context = {
        "year": year,
        "report": current,
        "school": request.user.school,
        "earlier": [r for r in reports if r is not current],
        "days_late": current.days_late() if current else 0,
    }
    if current and current.is_editable_by_school:
        context["missing"] = services.missing_for_submission(current.latest_version)
    return render(request, "sar/my_sar.html", context)


@require_POST
@school_staff_required
def open_sar(request):
    year = AcademicYear.objects.current()
    if year is None:
        messages.error(request, _("ยังไม่มีการกำหนดปีการศึกษา โปรดติดต่อผู้ดูแลระบบของเขต"))
        return redirect("sar:my")
    report = services.sar_open(school=request.user.school, academic_year=year, actor=request.user)
    return redirect("sar:edit", pk=report.pk)


@school_staff_required
def edit_sar(request, pk):
    report = _get_report(request, pk)
    if not report.is_editable_by_school:
        messages.info(request, _("SAR นี้ส่งแล้ว จึงแก้ไขไม่ได้จนกว่าสำนักงานเขตพื้นที่จะส่งกลับให้แก้ไข"))
        return redirect("sar:detail", pk=report.pk)
    version = report.latest_version
    if request.method != "POST":
        return _render_editor(request, SAREditorForms(report, version))

    forms = SAREditorForms(report, version, request.POST, request.FILES)
    if not forms.is_valid():
        messages.error(request, _("ยังบันทึกไม่ได้ โปรดแก้ไขรายการที่มีข้อความสีแดง ข้อมูลที่กรอกไว้ยังอยู่ครบ"))
        return _render_editor(request, forms, status=400)
    try:
        services.sar_save_draft(report=report, actor=request.user, **forms.draft())
    except services.StaleSARError as exc:
        report.refresh_from_db()
        forms = SAREditorForms.kept_after_stale(report, version, request.POST)
        return _render_editor(request, forms, status=409, stale=exc.message)
    except ValidationError as exc:
        forms.main.add_error(None, exc)
        return _render_editor(request, forms, status=400)
    except services.SARError as exc:
        messages.error(request, exc.message)
        return redirect("sar:detail", pk=report.pk)

    if request.POST.get("action") != "submit":
        messages.success(request, _("บันทึกร่างแล้ว"))
        return redirect("sar:edit", pk=report.pk)
    return _submit_saved(request, report)


def _submit_saved(request, report):
    try:
        services.sar_submit(report=report, actor=request.user)
    except services.IncompleteSARError:
        messages.warning(
            request,
            _("บันทึกร่างแล้ว แต่ยังส่งรายงานไม่ได้ เพราะข้อมูลยังไม่ครบ โปรดดูรายการที่ยังขาดด้านบน"),
        )
        return redirect("sar:edit", pk=report.pk)
    except services.SARError as exc:
        messages.error(request, exc.message)
        return redirect("sar:edit", pk=report.pk)
    messages.success(request, _("ส่ง SAR ถึงสำนักงานเขตพื้นที่การศึกษาแล้ว"))
    return redirect("sar:detail", pk=report.pk)


def _render_editor(request, forms, *, status=200, stale=None):
    report, version = forms.report, forms.version
    files_lost = request.method == "POST" and bool(request.FILES) and status != 200
    return render(
        request,
        "sar/edit.html",
        {
            "report": report,
            "version": version,
            "main": forms.main,
            "sections": forms.sections,
            "help_formset": forms.help_formset,
            "missing": services.missing_for_submission(version),
            "stale": stale,
            "files_lost": files_lost,
            "return_comment": report.return_comment if report.status == Status.RETURNED else "",
            "max_upload_mb": settings.SAR_MAX_UPLOAD_MB,
        },
        status=status,
    )


# -- reading a SAR (school and district) --------------------------------------------------


@role_required(*SAR_READERS)
def sar_detail(request, pk):
    report = _get_report(request, pk)
    versions = list(report.versions.order_by("number"))
    number = request.GET.get("v")
    version = None
    if number and number.isdigit():
        version = next((v for v in versions if v.number == int(number)), None)
        if version is None:
            raise Http404
    if version is None:
        submitted = [v for v in versions if v.is_frozen]
        version = versions[-1] if request.user.is_school_staff or not submitted else submitted[-1]
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
    return render(request, "sar/detail.html", context)


@role_required(*SAR_READERS)
def sar_compare(request, pk):
    """Levels of two versions side by side; by default the last two submitted."""
    report = _get_report(request, pk)
    versions = {v.number: v for v in report.versions.all()}
    submitted = sorted(n for n, v in versions.items() if v.is_frozen)
    try:
        a = int(request.GET.get("a") or (submitted[-2] if len(submitted) >= 2 else 0))
        b = int(request.GET.get("b") or (submitted[-1] if submitted else 0))
    except ValueError as exc:
        raise Http404 from exc
    if a not in versions or b not in versions:
        messages.info(request, _("SAR นี้มีฉบับที่ส่งแล้วไม่ถึงสองฉบับ จึงยังไม่มีสิ่งที่จะเปรียบเทียบ"))
        return redirect("sar:detail", pk=report.pk)
    changes = services.level_changes(versions[a], versions[b])
    return render(
        request,
        "sar/compare.html",
        {
            "report": report,
            "old": versions[a],
            "new": versions[b],
            "changes": changes,
            "changed_count": sum(1 for c in changes if c.changed),
            "numbers": sorted(versions),
        },
    )


def file_response(field, filename, *, content_type, inline=False):
    """Stream a stored file with a safe RFC 6266 name; never sniffed, never cached."""
    safe = "".join(c for c in filename if c not in '\\/:*?"<>|\r\n\x00').strip() or "file"
    ascii_fallback = safe.encode("ascii", "ignore").decode().strip() or "file"
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(safe)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


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
    report = _get_report(request, pk)
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
    return file_response(
        field, _download_name(report, version, kind), content_type=content_type, inline=inline
    )


@require_POST
@role_required(Role.SCHOOL_STAFF, Role.DISTRICT_ADMIN, Role.SUPERVISOR)
def sar_visibility(request, pk):
    report = _get_report(request, pk)
    is_public = request.POST.get("is_public") == "1"
    services.sar_set_public(report=report, actor=request.user, is_public=is_public)
    if is_public:
        messages.success(request, _("เผยแพร่ SAR นี้ต่อสาธารณะแล้ว"))
    else:
        messages.success(request, _("ยกเลิกการเผยแพร่ SAR นี้ต่อสาธารณะแล้ว"))
    return redirect("sar:detail", pk=report.pk)


# -- the district's review ------------------------------------------------------------------


@district_staff_required
def review_queue(request):
    """SARs waiting for review, the longest-waiting first."""
    q = request.GET.get("q", "").strip()
    reports = (
        SelfAssessmentReport.objects.visible_to(request.user)
        .filter(status=Status.SUBMITTED)
        .select_related("school", "school__cluster", "academic_year")
        .order_by("last_submitted_at", "pk")
    )
    if q:
        reports = reports.filter(Q(school__name__icontains=q) | Q(school__code__icontains=q))
    page = Paginator(reports, 25).get_page(request.GET.get("page"))
    return render(request, "sar/review_queue.html", {"page": page, "q": q})


@require_POST
@quality_manager_required
def sar_accept_view(request, pk):
    report = _get_report(request, pk)
    form = AcceptForm(request.POST)
    form.is_valid()
    try:
        services.sar_accept(
            report=report, actor=request.user, comment=form.cleaned_data.get("comment", "")
        )
    except services.SARError as exc:
        messages.error(request, exc.message)
        return redirect("sar:detail", pk=report.pk)
    messages.success(request, _("รับรายงาน SAR ของ %(school)s แล้ว") % {"school": report.school})
    return redirect("sar:review_queue")


@require_POST
@quality_manager_required
def sar_return_view(request, pk):
    report = _get_report(request, pk)
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


# -- the tracker ----------------------------------------------------------------------------


def _tracker_context(request):
    form = TrackerFilterForm(request.GET or None, user=request.user)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {}) or {}
    current = AcademicYear.objects.current()
    year_value = cleaned.get("year") or (current.pk if current else None)
    year = AcademicYear.objects.filter(pk=year_value).first() if year_value else None
    if year is None:
        raise Http404
    schools = School.objects.visible_to(request.user).active()
    rows = tracker_rows(schools, year, user=request.user)
    summary = tracker_summary(rows)
    filtered = rows
    if cluster := cleaned.get("cluster"):
        filtered = [r for r in filtered if r.school.cluster_id == cluster.pk]
    if status := cleaned.get("status"):
        filtered = [r for r in filtered if r.status == status]
    if q := (cleaned.get("q") or "").strip():
        filtered = [r for r in filtered if q in r.school.name or q in r.school.code]
    return {"form": form, "year": year, "rows": filtered, "summary": summary}


@district_staff_required
def tracker(request):
    context = _tracker_context(request)
    context["page"] = Paginator(context["rows"], 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context["query"] = query.urlencode()
    return render(request, "sar/tracker.html", context)


@district_staff_required
def tracker_export(request):
    context = _tracker_context(request)
    content = tracker_workbook(context["rows"], context["year"], context["summary"])
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"ติดตามการส่ง SAR ปีการศึกษา {context['year'].year}.xlsx"
    response["Content-Disposition"] = (
        f'attachment; filename="sar-tracker-{context["year"].year}.xlsx"; '
        f"filename*=UTF-8''{quote(name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- public disclosure ------------------------------------------------------------------------


def public_sar_list(request):
    """No login: per academic year, the schools whose SAR was sent, with its PDF."""
    years = list(
        AcademicYear.objects.filter(sars__in=SelfAssessmentReport.objects.public())
        .distinct()
        .order_by("-year")
        .values_list("year", flat=True)
    )
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
    q = request.GET.get("q", "").strip()
    reports = (
        SelfAssessmentReport.objects.public()
        .filter(academic_year=year)
        .select_related("school", "school__area_office")
        .order_by("school__area_office__code", "school__code")
    )
    if q:
        reports = reports.filter(Q(school__name__icontains=q) | Q(school__code__icontains=q))
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(
        request, "sar/public_list.html", {"years": years, "year": year, "q": q, "page": page}
    )


def public_sar_pdf(request, pk):
    report = get_object_or_404(
        SelfAssessmentReport.objects.public().select_related("school"), pk=pk
    )
    version = report.latest_submitted_version
    if version is None or not version.pdf:
        raise Http404
    return file_response(
        version.pdf,
        f"SAR-{report.academic_year_id}-{report.school.code}-{report.school.name}.pdf",
        content_type=PDF_CONTENT_TYPE,
    )
