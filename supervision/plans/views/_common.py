from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from iqa_district.accounts.access import DISTRICT_STAFF, Role, request_user
from iqa_district.accounts.models import User

from .. import services
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
