"""The area office's self-assessment against its own standards (seed 003)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import (
    district_staff_required,
    quality_manager_required,
    request_user,
)
from iqa_district.pdf import pdf_response

from .. import pdf, reading, services
from ..forms import OfficeAssessmentForm, OfficeAssessmentOpenForm
from ..models import OfficeAssessment
from ._common import report_error


def _assessment(request: HttpRequest, pk: int) -> OfficeAssessment:
    return get_object_or_404(
        OfficeAssessment.objects.visible_to(request_user(request)).select_related(
            "area_office", "academic_year", "standard_set"
        ),
        pk=pk,
    )


@require_safe
@district_staff_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    assessments = (
        OfficeAssessment.objects.visible_to(user)
        .select_related("area_office", "academic_year")
        .order_by("-academic_year")
    )
    return render(
        request,
        "plans/office_list.html",
        {
            "assessments": assessments,
            "can_manage": user.can_manage_quality,
            "open_form": OfficeAssessmentOpenForm(),
        },
    )


@require_POST
@quality_manager_required
def assessment_open(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = OfficeAssessmentOpenForm(request.POST)
    if user.area_office is None or not form.is_valid():
        messages.error(request, _("กรุณาเลือกปีการศึกษา"))
        return redirect("plans:office_list")
    try:
        assessment = services.office_assessment_open(
            office=user.area_office, academic_year=form.cleaned_data["academic_year"], actor=user
        )
    except ValidationError as error:
        report_error(request, error)
        return redirect("plans:office_list")
    return redirect("plans:office_edit", pk=assessment.pk)


@require_safe
@district_staff_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    context = reading.office_assessment_context(assessment)
    context["can_manage"] = services.can_manage(request_user(request), assessment.area_office)
    return render(request, "plans/office_detail.html", context)


@quality_manager_required
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    user = request_user(request)
    if not services.can_manage(user, assessment.area_office):
        raise PermissionDenied
    if assessment.is_final:
        return redirect("plans:office_detail", pk=assessment.pk)
    context = reading.office_assessment_context(assessment)
    form = OfficeAssessmentForm(request.POST or None, assessment=assessment, rows=context["rows"])
    if request.method == "POST" and form.is_valid():
        try:
            services.office_assessment_save(
                assessment=assessment,
                levels=form.levels(),
                strengths=form.cleaned_data["strengths"],
                improvements=form.cleaned_data["improvements"],
                actor=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกผลการประเมินตนเองแล้ว"))
            return redirect("plans:office_detail", pk=assessment.pk)
    status = 400 if request.method == "POST" else 200
    by_item = {row.pk: figs for _standard, rows in context["standards"] for row, figs in rows}
    return render(
        request,
        "plans/office_form.html",
        {
            **context,
            "form": form,
            "form_rows": [
                (row, level, text, by_item.get(row.pk, []))
                for row, level, text in form.bound_rows()
            ],
        },
        status=status,
    )


@require_POST
@quality_manager_required
def assessment_finalize(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    user = request_user(request)
    if not services.can_manage(user, assessment.area_office):
        raise PermissionDenied
    try:
        services.office_assessment_finalize(assessment=assessment, actor=user)
    except ValidationError as error:
        report_error(request, error)
    else:
        messages.success(request, _("สรุปผลการประเมินตนเองแล้ว"))
    return redirect("plans:office_detail", pk=assessment.pk)


@require_safe
@district_staff_required
def assessment_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    return pdf_response(
        pdf.office_assessment_pdf(assessment),
        f"รายงานการประเมินตนเองของสำนักงานเขตพื้นที่ ปีการศึกษา {assessment.academic_year_id}.pdf",
    )
