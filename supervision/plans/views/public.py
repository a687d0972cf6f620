"""Published plans and evaluation reports, without login (process 1 step 7: จัดทำเอกสาร
เผยแพร่)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from iqa_district.pdf import pdf_response

from .. import pdf
from ..models import ActionPlan, DevelopmentPlan


@require_safe
def public_plan_list(request: HttpRequest) -> HttpResponse:
    plans = (
        DevelopmentPlan.objects.published()
        .select_related("area_office")
        .order_by("area_office__name", "-first_fiscal_year")
    )
    page = Paginator(plans, 20).get_page(request.GET.get("page"))
    action_plans = ActionPlan.objects.filter(plan__in=list(page)).order_by("fiscal_year")
    by_plan: dict[int, list[ActionPlan]] = {}
    for action_plan in action_plans:
        by_plan.setdefault(action_plan.plan_id, []).append(action_plan)
    return render(
        request,
        "plans/public_list.html",
        {"page": page, "rows": [(plan, by_plan.get(plan.pk, [])) for plan in page]},
    )


@require_safe
def public_plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(
        DevelopmentPlan.objects.published().select_related("area_office"), pk=pk
    )
    return pdf_response(pdf.plan_pdf(plan), f"แผนพัฒนา {plan.period_label}.pdf")


@require_safe
def public_action_plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    action_plan = get_object_or_404(
        ActionPlan.objects.filter(plan__is_published=True).select_related("plan__area_office"),
        pk=pk,
    )
    return pdf_response(
        pdf.action_plan_pdf(action_plan), f"แผนปฏิบัติการ ปีงบประมาณ {action_plan.fiscal_year}.pdf"
    )


@require_safe
def public_evaluation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    action_plan = get_object_or_404(
        ActionPlan.objects.filter(plan__is_published=True, is_published=True).select_related(
            "plan__area_office"
        ),
        pk=pk,
    )
    return pdf_response(
        pdf.evaluation_pdf(action_plan),
        f"รายงานผลแผนปฏิบัติการ ปีงบประมาณ {action_plan.fiscal_year}.pdf",
    )
