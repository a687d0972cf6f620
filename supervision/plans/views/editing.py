"""Changing and deleting a plan's indicators and an action plan's projects. A delete asks
first on its own page, which says what goes with the row; a save or delete typed on a copy
someone changed on another PC is refused with the time of that change."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from iqa_district.accounts.access import quality_manager_required

from .. import services
from ..forms import IndicatorForm, ProjectForm
from ._common import confirm_delete_page, form_page, indicator_of, manager, project_of


@quality_manager_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_of(request, pk)
    plan = indicator.strategy.plan
    user = manager(request, plan)
    form = IndicatorForm(request.POST or None, instance=indicator, plan=plan)
    return form_page(
        request,
        form,
        lambda: services.indicator_update(
            indicator=indicator,
            **form.service_fields(),
            shown_updated_at=form.cleaned_data["shown_updated_at"],
            actor=user,
        ),
        done=_("บันทึกการแก้ไขตัวชี้วัดแล้ว"),
        then=reverse("plans:plan_detail", args=[plan.pk]),
        template="plans/indicator_form.html",
        context={"plan": plan, "strategy": indicator.strategy, "indicator": indicator},
    )


@quality_manager_required
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_of(request, pk)
    plan = indicator.strategy.plan
    user = manager(request, plan)
    consequences = []
    if projects := indicator.projects.count():
        consequences.append(
            _("โครงการ %(n)s โครงการที่สนับสนุนตัวชี้วัดนี้จะไม่เชื่อมโยงกับตัวชี้วัดนี้อีก") % {"n": projects}
        )
    return confirm_delete_page(
        request,
        indicator,
        lambda shown: services.indicator_delete(
            indicator=indicator, shown_updated_at=shown, actor=user
        ),
        what=_("ตัวชี้วัด"),
        done=_("ลบตัวชี้วัดแล้ว"),
        back=reverse("plans:plan_detail", args=[plan.pk]),
        consequences=consequences,
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
    return form_page(
        request,
        form,
        lambda: services.project_update(
            project=project,
            **form.service_fields(),
            shown_updated_at=form.cleaned_data["shown_updated_at"],
            actor=user,
        ),
        done=_("บันทึกการแก้ไขโครงการแล้ว"),
        then=reverse("plans:action_plan_detail", args=[action_plan.pk]),
        template="plans/project_form.html",
        context={"action_plan": action_plan, "project": project},
    )


@quality_manager_required
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_of(request, pk)
    action_plan = project.action_plan
    user = manager(request, action_plan.plan)
    consequences = []
    if reports := project.reports.count():
        consequences.append(_("รายงานความก้าวหน้า %(n)s ครั้งของโครงการนี้จะถูกลบด้วย") % {"n": reports})
    return confirm_delete_page(
        request,
        project,
        lambda shown: services.project_delete(project=project, shown_updated_at=shown, actor=user),
        what=_("โครงการ"),
        done=_("ลบโครงการแล้ว"),
        back=reverse("plans:action_plan_detail", args=[action_plan.pk]),
        consequences=consequences,
    )
