"""The 3-year plan, its strategies and indicators, the annual action plans, their
projects and progress, and the year-end evaluation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import quality_manager_required, request_user, role_required
from iqa_district.pdf import pdf_response

from .. import evaluation, pdf, reading, services
from ..forms import (
    ActionPlanForm,
    EvaluationForm,
    IndicatorForm,
    PlanForm,
    ProgressForm,
    ProjectForm,
    StrategyForm,
)
from ..models import DevelopmentPlan
from ._common import (
    READERS,
    action_plan_of,
    form_page,
    manager,
    plan_of,
    project_of,
    report_error,
    strategy_of,
)

PAGE_SIZE = 20


@require_safe
@role_required(*READERS)
def plan_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    plans = (
        DevelopmentPlan.objects.visible_to(user)
        .select_related("area_office")
        .annotate(strategy_count=Count("strategies", distinct=True))
        .order_by("-first_fiscal_year")
    )
    if q := request.GET.get("q", "").strip():
        plans = plans.filter(title__icontains=q)
    return render(
        request,
        "plans/plan_list.html",
        {
            "page": Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page")),
            "q": q,
            "can_manage": user.can_manage_quality,
        },
    )


@quality_manager_required
def plan_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        office = user.area_office
        if office is None:
            form.add_error(None, _("ผู้ใช้ไม่ได้สังกัดสำนักงานเขตพื้นที่"))
        else:
            try:
                plan = services.plan_create(office=office, actor=user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("จัดทำแผนพัฒนาแล้ว เพิ่มยุทธศาสตร์และตัวชี้วัดต่อได้"))
                return redirect("plans:plan_detail", pk=plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/plan_form.html", {"form": form}, status=status)


@require_safe
@role_required(*READERS)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_of(request, pk)
    user = request_user(request)
    context = reading.plan_context(plan)
    context["can_manage"] = services.can_manage(user, plan.area_office)
    context["action_plan_form"] = ActionPlanForm(plan=plan)
    return render(request, "plans/plan_detail.html", context)


@quality_manager_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_of(request, pk)
    user = manager(request, plan)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.plan_update(
            plan=plan, title=data["title"], vision=data["vision"], goals=data["goals"], actor=user
        )
        messages.success(request, _("บันทึกแผนพัฒนาแล้ว"))
        return redirect("plans:plan_detail", pk=plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan}, status=status)


@require_POST
@quality_manager_required
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_of(request, pk)
    user = manager(request, plan)
    publish = request.POST.get("action") != "unpublish"
    try:
        services.plan_set_published(plan=plan, published=publish, actor=user)
    except ValidationError as error:
        report_error(request, error)
    else:
        messages.success(request, _("เผยแพร่แผนแล้ว") if publish else _("ยกเลิกการเผยแพร่แล้ว"))
    return redirect("plans:plan_detail", pk=plan.pk)


@require_safe
@role_required(*READERS)
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_of(request, pk)
    return pdf_response(pdf.plan_pdf(plan), f"แผนพัฒนา {plan.period_label}.pdf")


@quality_manager_required
def strategy_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_of(request, pk)
    return _strategy_form(request, plan, None)


@quality_manager_required
def strategy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = strategy_of(request, pk)
    return _strategy_form(request, strategy.plan, strategy)


def _strategy_form(request, plan, strategy) -> HttpResponse:
    user = manager(request, plan)
    initial = {}
    if strategy is not None:
        initial = {
            "number": strategy.number,
            "title": strategy.title,
            "measures": strategy.measures,
            "synthesis_run": strategy.synthesis_run_id,
            "standard_key": strategy.standard_key,
        }
    else:
        initial = {"number": plan.strategies.count() + 1}
    form = StrategyForm(request.POST or None, plan=plan, initial=initial)
    return form_page(
        request,
        form,
        lambda: services.strategy_save(
            plan=plan, strategy=strategy, actor=user, **form.cleaned_data
        ),
        done=_("บันทึกยุทธศาสตร์แล้ว"),
        then=reverse("plans:plan_detail", args=[plan.pk]),
        template="plans/strategy_form.html",
        context={"plan": plan, "strategy": strategy},
    )


@quality_manager_required
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = strategy_of(request, pk)
    plan = strategy.plan
    user = manager(request, plan)
    form = IndicatorForm(request.POST or None, plan=plan)
    return form_page(
        request,
        form,
        lambda: services.indicator_add(strategy=strategy, **form.service_fields(), actor=user),
        done=_("เพิ่มตัวชี้วัดแล้ว"),
        then=reverse("plans:plan_detail", args=[plan.pk]),
        template="plans/indicator_form.html",
        context={"plan": plan, "strategy": strategy},
    )


@require_POST
@quality_manager_required
def action_plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_of(request, pk)
    user = manager(request, plan)
    form = ActionPlanForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกปีงบประมาณของแผนที่ยังไม่มีแผนปฏิบัติการ"))
        return redirect("plans:plan_detail", pk=plan.pk)
    try:
        action_plan = services.action_plan_create(
            plan=plan, fiscal_year=form.cleaned_data["fiscal_year"], actor=user
        )
    except ValidationError as error:
        report_error(request, error)
        return redirect("plans:plan_detail", pk=plan.pk)
    return redirect("plans:action_plan_detail", pk=action_plan.pk)


@require_safe
@role_required(*READERS)
def action_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action_plan = action_plan_of(request, pk)
    context = reading.action_plan_context(action_plan)
    context["can_manage"] = services.can_manage(request_user(request), action_plan.plan.area_office)
    context["progress_form"] = ProgressForm()
    return render(request, "plans/action_plan_detail.html", context)


@quality_manager_required
def project_add(request: HttpRequest, pk: int) -> HttpResponse:
    action_plan = action_plan_of(request, pk)
    user = manager(request, action_plan.plan)
    form = ProjectForm(request.POST or None, action_plan=action_plan)
    return form_page(
        request,
        form,
        lambda: services.project_add(action_plan=action_plan, **form.service_fields(), actor=user),
        done=_("เพิ่มโครงการแล้ว"),
        then=reverse("plans:action_plan_detail", args=[action_plan.pk]),
        template="plans/project_form.html",
        context={"action_plan": action_plan},
    )


@require_POST
@quality_manager_required
def project_progress(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_of(request, pk)
    user = manager(request, project.action_plan.plan)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ข้อมูลความก้าวหน้าไม่ถูกต้อง"))
    else:
        try:
            services.project_report_progress(project=project, actor=user, **form.cleaned_data)
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, _("บันทึกความก้าวหน้าแล้ว"))
    return redirect("plans:action_plan_detail", pk=project.action_plan_id)


@quality_manager_required
def action_plan_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    action_plan = action_plan_of(request, pk)
    user = manager(request, action_plan.plan)
    lines = evaluation.indicator_lines(action_plan)
    form = EvaluationForm(
        request.POST or None, lines=lines, initial={"summary": action_plan.evaluation_summary}
    )
    return form_page(
        request,
        form,
        lambda: services.action_plan_evaluate(
            action_plan=action_plan,
            actuals=form.actuals(),
            summary=form.cleaned_data["summary"],
            actor=user,
        ),
        done=_("บันทึกผลการประเมินแล้ว"),
        then=reverse("plans:action_plan_detail", args=[action_plan.pk]),
        template="plans/evaluation_form.html",
        context={"action_plan": action_plan},
    )


@require_POST
@quality_manager_required
def action_plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    action_plan = action_plan_of(request, pk)
    user = manager(request, action_plan.plan)
    publish = request.POST.get("action") != "unpublish"
    try:
        services.action_plan_set_published(action_plan=action_plan, published=publish, actor=user)
    except ValidationError as error:
        report_error(request, error)
    else:
        messages.success(request, _("เผยแพร่รายงานผลแล้ว") if publish else _("ยกเลิกการเผยแพร่แล้ว"))
    return redirect("plans:action_plan_detail", pk=action_plan.pk)


@require_safe
@role_required(*READERS)
def action_plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    action_plan = action_plan_of(request, pk)
    return pdf_response(
        pdf.action_plan_pdf(action_plan), f"แผนปฏิบัติการ ปีงบประมาณ {action_plan.fiscal_year}.pdf"
    )


@require_safe
@role_required(*READERS)
def evaluation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    action_plan = action_plan_of(request, pk)
    user = request_user(request)
    # Schools read the evaluation once it is published; the office reads its drafts.
    if user.is_school_staff and not action_plan.is_published:
        raise Http404
    return pdf_response(
        pdf.evaluation_pdf(action_plan),
        f"รายงานผลแผนปฏิบัติการ ปีงบประมาณ {action_plan.fiscal_year}.pdf",
    )
