"""Pages of what happens to a synthesis: recording that it was sent to OBEC or ONESQA
(and downloading the copy kept), and the per-school issues the district and stakeholders
want evaluated, which the synthesis report prints."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from iqa_district.accounts.access import district_staff_required, quality_manager_required
from iqa_district.downloads import PDF_CONTENT_TYPE, file_download
from iqa_district.thai import format_date_page
from schools.models import AcademicYear, School

from ..models import SynthesisRun
from . import record_services
from .forms import EvaluationIssueForm, SynthesisDispatchForm
from .models import EvaluationIssue, SynthesisDispatch


def run_history(run: SynthesisRun, dispatches) -> list[tuple[object, str, str]]:
    """[(when, what, who)] of a run, oldest first: requested, finished or failed,
    published, and every time the district sent it."""
    events: list[tuple[object, str, str]] = [
        (run.created_at, _("สั่งสังเคราะห์"), run.requested_by.display_name if run.requested_by else "")
    ]
    if run.finished_at:
        done = run.status == SynthesisRun.Status.DONE
        events.append((run.finished_at, _("สังเคราะห์เสร็จ") if done else _("ล้มเหลว"), ""))
    if run.published_at and run.is_published:
        who = run.published_by.display_name if run.published_by else ""
        events.append((run.published_at, _("เผยแพร่ต่อสาธารณะ"), who))
    for dispatch in dispatches:
        what = _("ส่งรายงานถึง %(to)s วันที่ %(on)s หนังสือที่ %(ref)s") % {
            "to": dispatch.get_recipient_display(),
            "on": format_date_page(dispatch.sent_on),
            "ref": dispatch.reference or "-",
        }
        who = dispatch.recorded_by.display_name if dispatch.recorded_by else ""
        events.append((dispatch.recorded_at, what, who))
    return sorted(events, key=lambda e: e[0])  # type: ignore[arg-type,return-value]


@require_POST
@quality_manager_required
def synthesis_dispatch(request, pk):
    run = get_object_or_404(SynthesisRun.objects.visible_to(request.user).defer("results"), pk=pk)
    form = SynthesisDispatchForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("sar:synthesis_detail", pk=run.pk)
    try:
        dispatch = record_services.synthesis_dispatch_record(
            run=run, actor=request.user, **form.cleaned_data
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("บันทึกการส่งรายงานถึง %(to)s แล้ว เก็บสำเนาไฟล์ที่ส่งไว้พร้อมค่าตรวจสอบ")
            % {"to": dispatch.get_recipient_display()},
        )
    return redirect("sar:synthesis_detail", pk=run.pk)


@require_safe
@district_staff_required
def synthesis_dispatch_file(request, pk):
    """The copy of the PDF as it was sent (not the run's current file)."""
    dispatch = get_object_or_404(
        SynthesisDispatch.objects.visible_to(request.user).select_related("run__area_office"),
        pk=pk,
    )
    try:
        handle = dispatch.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = (
        f"สังเคราะห์ SAR {dispatch.run.area_office.code} ปีการศึกษา {dispatch.run.academic_year_id}"
        f" ส่ง {dispatch.recipient} {dispatch.sent_on:%Y-%m-%d}.pdf"
    )
    return file_download(handle, name, content_type=PDF_CONTENT_TYPE, extension="pdf")


# ---------------------------------------------------------------- issues to be evaluated


def _year(request) -> AcademicYear | None:
    value = request.GET.get("year") or request.POST.get("year") or ""
    if value.isdigit():
        year = AcademicYear.objects.filter(pk=int(value)).first()
        if year:
            return year
    current = AcademicYear.objects.current()
    if current is None:
        return None
    # The synthesis is of the year that has just ended, as its start form proposes.
    return AcademicYear.objects.filter(year=current.year - 1).first() or current


@require_safe
@district_staff_required
def evaluation_issues(request):
    """The office's schools with how many issues each has for the year; search, pages."""
    year = _year(request)
    schools = School.objects.visible_to(request.user).active().order_by("code")
    query = request.GET.get("q", "").strip()
    if query:
        schools = schools.filter(Q(name__icontains=query) | Q(code__icontains=query))
    schools = schools.annotate(
        issue_count=Count("evaluation_issues", filter=Q(evaluation_issues__academic_year=year))
    )
    page = Paginator(schools, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "sar/evaluation_issues.html",
        {
            "page": page,
            "year": year,
            "q": query,
            "years": AcademicYear.objects.order_by("-year"),
        },
    )


def _school_page(school, year):
    return f"{reverse('sar:evaluation_issues_school', args=[school.pk])}?year={year.pk}"


@require_http_methods(["GET", "HEAD", "POST"])
@district_staff_required
def evaluation_issues_school(request, pk):
    school = get_object_or_404(School.objects.visible_to(request.user), pk=pk)
    year = _year(request)
    if year is None:
        raise Http404
    form = EvaluationIssueForm()
    status = 200
    if request.method == "POST":
        if not request.user.can_manage_quality:
            raise PermissionDenied
        form = EvaluationIssueForm(request.POST)
        if form.is_valid():
            record_services.evaluation_issue_add(
                school=school, academic_year=year, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("บันทึกประเด็นที่ต้องการให้มีการประเมินแล้ว"))
            return redirect(_school_page(school, year))
        status = 400
    issues = (
        EvaluationIssue.objects.visible_to(request.user)
        .filter(school=school, academic_year=year)
        .select_related("created_by")
    )
    return render(
        request,
        "sar/evaluation_issues_school.html",
        {"school": school, "year": year, "issues": issues, "form": form},
        status=status,
    )


@require_POST
@quality_manager_required
def evaluation_issue_delete(request, pk):
    issue = get_object_or_404(
        EvaluationIssue.objects.visible_to(request.user).select_related("school"), pk=pk
    )
    record_services.evaluation_issue_remove(issue=issue, actor=request.user)
    messages.success(request, _("ลบประเด็นแล้ว"))
    return redirect(_school_page(issue.school, issue.academic_year))
