"""Admin pages show a district admin only their own area office's rows, and offer only
their own office's rows as choices."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest


def visible_choices(
    related_model: type[models.Model], request: HttpRequest
) -> QuerySet[Any] | None:
    """``related_model.objects.visible_to(user)``, or None for a model that is not scoped
    (academic years, quality levels: the same for every office)."""
    queryset: QuerySet[Any] = related_model._default_manager.all()
    if request.user.is_superuser or not hasattr(queryset, "visible_to"):
        return None
    visible: QuerySet[Any] = queryset.visible_to(request.user)
    return visible


class ScopedChoicesMixin:
    """Every foreign-key and many-to-many choice through the related model's
    ``visible_to(user)``, for model admins and inlines alike.

    The form field's queryset is what a submitted id is validated against, so this also
    covers raw-id and autocomplete fields (whose pop-up lists are the related model's own
    scoped admin): an id of another office is refused as "not one of the choices". A
    subclass that passes its own ``queryset`` keeps it.
    """

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        if "queryset" not in kwargs:
            choices = visible_choices(db_field.remote_field.model, request)
            if choices is not None:
                kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        if "queryset" not in kwargs:
            choices = visible_choices(db_field.remote_field.model, request)
            if choices is not None:
                kwargs["queryset"] = choices
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class VisibleToAdminMixin(ScopedChoicesMixin):
    """Limit an admin's change list and lookups to ``Model.objects.visible_to(user)``, and
    its choices as ``ScopedChoicesMixin`` does.

    For models whose QuerySet has ``visible_to``; superusers see everything.
    """

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return qs
        visible: QuerySet[Any] = qs.visible_to(request.user)  # type: ignore[attr-defined]
        return visible


class ReadOnlyAdminMixin:
    """Rows that change only through their services: the admin shows them, nothing more."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
