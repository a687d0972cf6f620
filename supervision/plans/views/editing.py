"""Changing and deleting a plan's indicators and an action plan's projects. A delete asks
first on its own page, which says what goes with the row; a save or delete typed on a copy
someone changed on another PC is refused with the time of that change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from iqa_district.accounts.access import quality_manager_required

from .. import services
from ..forms import ConfirmDeleteForm, IndicatorForm, ProjectForm
from ._common import indicator_of, manager, project_of


@quality_manager_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_of(request, pk)
    plan = indicator.strategy.plan
    user = manager(request, plan)
    form = IndicatorForm(request.POST or None, instance=indicator, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_update(
                indicator=indicator,
                code=data["code"],
                title=data["title"],
                unit=data["unit"],
                baseline=data["baseline"],
                targets=(data["target_year1"], data["target_year2"], data["target_year3"]),
                shown_updated_at=data["shown_updated_at"],
                actor=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกการแก้ไขตัวชี้วัดแล้ว"))
            return redirect("plans:plan_detail", pk=plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "plans/indicator_form.html",
        {"form": form, "plan": plan, "strategy": indicator.strategy, "indicator": indicator},
        status=status,
    )


@quality_manager_required
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_of(request, pk)
    plan = indicator.strategy.plan
    user = manager(request, plan)
    form = ConfirmDeleteForm(
        request.POST or None, initial={"shown_updated_at": indicator.updated_at}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_delete(
                indicator=indicator,
                shown_updated_at=form.cleaned_data["shown_updated_at"],
                actor=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("ลบตัวชี้วัดแล้ว"))
            return redirect("plans:plan_detail", pk=plan.pk)
    consequences = []
    if projects := indicator.projects.count():
        consequences.append(
            _("โครงการ %(n)s โครงการที่สนับสนุนตัวชี้วัดนี้จะไม่เชื่อมโยงกับตัวชี้วัดนี้อีก") % {"n": projects}
        )
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "form": form,
            "what": _("ตัวชี้วัด"),
            "obj": indicator,
            "consequences": consequences,
            "back": reverse("plans:plan_detail", args=[plan.pk]),
        },
        status=400 if request.method == "POST" else 200,
    )


def _project_initial(project) -> dict:
    return {
        "strategy": project.strategy_id,
        "title": project.title,
        "owner": project.owner,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "budget": project.budget,
        "indicators": list(project.indicators.values_list("pk", flat=True)),
        "shown_updated_at": project.updated_at,
    }


@quality_manager_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_of(request, pk)
    action_plan = project.action_plan
    user = manager(request, action_plan.plan)
    form = ProjectForm(
        request.POST or None, action_plan=action_plan, initial=_project_initial(project)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.project_update(
                project=project,
                strategy=data["strategy"],
                title=data["title"],
                owner=data["owner"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                budget=data["budget"],
                indicators=list(data["indicators"]),
                shown_updated_at=data["shown_updated_at"],
                actor=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกการแก้ไขโครงการแล้ว"))
            return redirect("plans:action_plan_detail", pk=action_plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "plans/project_form.html",
        {"form": form, "action_plan": action_plan, "project": project},
        status=status,
    )


@quality_manager_required
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_of(request, pk)
    action_plan = project.action_plan
    user = manager(request, action_plan.plan)
    form = ConfirmDeleteForm(request.POST or None, initial={"shown_updated_at": project.updated_at})
    if request.method == "POST" and form.is_valid():
        try:
            services.project_delete(
                project=project, shown_updated_at=form.cleaned_data["shown_updated_at"], actor=user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("ลบโครงการแล้ว"))
            return redirect("plans:action_plan_detail", pk=action_plan.pk)
    consequences = []
    if reports := project.reports.count():
        consequences.append(_("รายงานความก้าวหน้า %(n)s ครั้งของโครงการนี้จะถูกลบด้วย") % {"n": reports})
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "form": form,
            "what": _("โครงการ"),
            "obj": project,
            "consequences": consequences,
            "back": reverse("plans:action_plan_detail", args=[action_plan.pk]),
        },
        status=400 if request.method == "POST" else 200,
    )
