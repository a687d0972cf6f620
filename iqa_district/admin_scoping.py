"""Admin pages show a district admin only their own area office's rows."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest


class VisibleToAdminMixin:
    """Limit an admin's change list and lookups to ``Model.objects.visible_to(user)``.

    For models whose QuerySet has ``visible_to``; superusers see everything.
    """

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return qs
        visible: QuerySet[Any] = qs.visible_to(request.user)  # type: ignore[attr-defined]
        return visible
