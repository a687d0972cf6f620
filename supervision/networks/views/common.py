"""What every process 5 page fetches: rows through ``visible_to`` (404 for the rest) and
the management check (403 for readers)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from iqa_district.accounts.access import DISTRICT_STAFF, Role, request_user
from schools.models import Cluster

from ..models import Activity, ClusterReport, Network, NetworkPlan
from ..services import can_manage_cluster

READERS = (*DISTRICT_STAFF, Role.SCHOOL_STAFF)


def cluster_for(request: HttpRequest, pk: int) -> Cluster:
    user = request_user(request)
    clusters = Cluster.objects.visible_to(user).select_related("area_office")
    if user.is_school_staff and not user.is_superuser:
        clusters = clusters.filter(schools=user.school_id)
    return get_object_or_404(clusters, pk=pk)


def network_for(request: HttpRequest, pk: int) -> Network:
    return get_object_or_404(
        Network.objects.visible_to(request_user(request)).select_related("cluster__area_office"),
        pk=pk,
    )


def plan_for(request: HttpRequest, pk: int) -> NetworkPlan:
    return get_object_or_404(
        NetworkPlan.objects.visible_to(request_user(request)).select_related(
            "cluster__area_office", "academic_year"
        ),
        pk=pk,
    )


def activity_for(request: HttpRequest, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.visible_to(request_user(request)).select_related(
            "plan__cluster__area_office", "plan__academic_year", "network"
        ),
        pk=pk,
    )


def report_for(request: HttpRequest, pk: int) -> ClusterReport:
    return get_object_or_404(
        ClusterReport.objects.visible_to(request_user(request)).select_related(
            "cluster__area_office", "academic_year"
        ),
        pk=pk,
    )


def require_manager(request: HttpRequest, cluster: Cluster) -> None:
    if not can_manage_cluster(request_user(request), cluster):
        raise PermissionDenied
