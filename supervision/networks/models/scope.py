"""The one scoping rule of process 5: district staff see their office's clusters, school
staff their own school's cluster, a superuser everything, anyone else nothing."""

from typing import TYPE_CHECKING, TypeVar

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User

Q = TypeVar("Q", bound=models.QuerySet)


def by_cluster(queryset: Q, user: "User | AnonymousUser", cluster: str) -> Q:
    """``queryset`` narrowed for ``user``; ``cluster`` is the lookup path to the cluster."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.is_school_staff:
        if user.school_id is None:
            return queryset.none()
        return queryset.filter(**{f"{cluster}__schools": user.school_id})
    if user.is_district_staff:
        return queryset.filter(**{f"{cluster}__area_office": user.area_office_id})
    return queryset.none()


def by_office(queryset: Q, user: "User | AnonymousUser", office: str) -> Q:
    """Office-wide rows (the district's training events, shared practices): district
    staff and school staff of the office see them."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.is_school_staff:
        if user.school_id is None:
            return queryset.none()
        return queryset.filter(**{f"{office}__schools": user.school_id})
    if user.is_district_staff:
        return queryset.filter(**{office: user.area_office_id})
    return queryset.none()
