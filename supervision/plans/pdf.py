"""Official PDFs of the district plans (the 3-year plan, an annual action plan and its
evaluation report) and of the office's self-assessment, through the project's engine."""

from django.utils import timezone

from iqa_district.pdf import render_pdf
from iqa_district.pdf.render import PDFMetadata

from . import reading
from .models import ActionPlan, DevelopmentPlan, OfficeAssessment


def _metadata(title: str, office) -> PDFMetadata:
    return {"title": title, "author": office.name}


def plan_pdf(plan: DevelopmentPlan) -> bytes:
    context = {**reading.plan_context(plan), "pdf_printed_on": timezone.localdate()}
    return render_pdf(
        "pdf/plans/plan.html", context, metadata=_metadata(str(plan), plan.area_office)
    )


def action_plan_pdf(action_plan: ActionPlan) -> bytes:
    context = {**reading.action_plan_context(action_plan), "pdf_printed_on": timezone.localdate()}
    return render_pdf(
        "pdf/plans/action_plan.html",
        context,
        metadata=_metadata(str(action_plan), action_plan.plan.area_office),
    )


def evaluation_pdf(action_plan: ActionPlan) -> bytes:
    context = {**reading.action_plan_context(action_plan), "pdf_printed_on": timezone.localdate()}
    return render_pdf(
        "pdf/plans/evaluation.html",
        context,
        metadata=_metadata(f"รายงานผล{action_plan}", action_plan.plan.area_office),
    )


def office_assessment_pdf(assessment: OfficeAssessment) -> bytes:
    context = {
        **reading.office_assessment_context(assessment),
        "pdf_printed_on": timezone.localdate(),
    }
    return render_pdf(
        "pdf/plans/office_assessment.html",
        context,
        metadata=_metadata(str(assessment), assessment.area_office),
    )
