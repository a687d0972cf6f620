"""The school's side: this year's SAR, opening it, and the editor."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import Role, own_school_required, role_required
from schools.models import AcademicYear

from .. import services
from ..forms import SAREditorForms
from ..models import SelfAssessmentReport
from .common import get_report

Status = SelfAssessmentReport.Status
school_staff_required = role_required(Role.SCHOOL_STAFF)


@require_safe
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
@own_school_required
def open_sar(request):
    year = AcademicYear.objects.current()
    if year is None:
        messages.error(request, _("ยังไม่มีการกำหนดปีการศึกษา โปรดติดต่อผู้ดูแลระบบของเขต"))
        return redirect("sar:my")
    report = services.sar_open(school=request.user.school, academic_year=year, actor=request.user)
    return redirect("sar:edit", pk=report.pk)


@school_staff_required
def edit_sar(request, pk):
    report = get_report(request, pk)
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
