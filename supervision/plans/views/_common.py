import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from iqa_district.accounts.access import DISTRICT_STAFF, Role, request_user
from iqa_district.accounts.models import User

from .. import services
from ..forms import ConfirmDeleteForm
from ..models import ActionPlan, DevelopmentPlan, PlanIndicator, PlanProject, PlanStrategy

READERS = (*DISTRICT_STAFF, Role.SCHOOL_STAFF)


def plan_of(request: HttpRequest, pk: int) -> DevelopmentPlan:
    return get_object_or_404(
        DevelopmentPlan.objects.visible_to(request_user(request)).select_related("area_office"),
        pk=pk,
    )


def action_plan_of(request: HttpRequest, pk: int) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.visible_to(request_user(request)).select_related("plan__area_office"),
        pk=pk,
    )


def strategy_of(request: HttpRequest, pk: int) -> PlanStrategy:
    plans = DevelopmentPlan.objects.visible_to(request_user(request))
    return get_object_or_404(
        PlanStrategy.objects.filter(plan__in=plans).select_related("plan__area_office"), pk=pk
    )


def indicator_of(request: HttpRequest, pk: int) -> PlanIndicator:
    plans = DevelopmentPlan.objects.visible_to(request_user(request))
    return get_object_or_404(
        PlanIndicator.objects.filter(strategy__plan__in=plans).select_related(
            "strategy__plan__area_office"
        ),
        pk=pk,
    )


def project_of(request: HttpRequest, pk: int) -> PlanProject:
    action_plans = ActionPlan.objects.visible_to(request_user(request))
    return get_object_or_404(
        PlanProject.objects.filter(action_plan__in=action_plans).select_related(
            "action_plan__plan__area_office", "strategy"
        ),
        pk=pk,
    )


def manager(request: HttpRequest, plan: DevelopmentPlan) -> User:
    """The user, if he may write ``plan``'s office's plans; else a 403."""
    user = request_user(request)
    if not services.can_manage(user, plan.area_office):
        raise PermissionDenied
    return user


def report_error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], object],
    *,
    done: str,
    then: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The plan pages' form handling: on a valid POST, ``save()`` (a service call); a
    refusal of the service is shown on the form with everything typed kept (400); a
    save shows ``done`` and goes to the URL ``then``. A GET shows the form."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(then)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, **context}, status=status)


def confirm_delete_page(
    request: HttpRequest,
    obj: Any,
    delete: Callable[[datetime.datetime | None], object],
    *,
    what: str,
    done: str,
    back: str,
    consequences: list[str],
) -> HttpResponse:
    """A delete's own page, which says what goes with ``obj`` and asks first; the POST
    calls ``delete(shown_updated_at)``, which the services refuse when someone changed
    the row on another PC since this page was shown."""
    form = ConfirmDeleteForm(request.POST or None, initial={"shown_updated_at": obj.updated_at})
    context = {"what": what, "obj": obj, "consequences": consequences, "back": back}
    return form_page(
        request,
        form,
        lambda: delete(form.cleaned_data["shown_updated_at"]),
        done=done,
        then=back,
        template="plans/confirm_delete.html",
        context=context,
    )
