"""Rounds and rating scales are national reference data: the central administrator
(superuser) manages them; district admins may look. Evaluations are managed on the
app's own pages, through the services."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from iqa_district.admin_scoping import ScopedChoicesMixin

from .models import OnesqaRound, RatingLevel, RatingScale


class CentralOnlyMixin:
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)


class RatingLevelInline(CentralOnlyMixin, ScopedChoicesMixin, admin.TabularInline):
    model = RatingLevel
    extra = 0


@admin.register(RatingScale)
class RatingScaleAdmin(CentralOnlyMixin, ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["code", "name"]
    inlines = [RatingLevelInline]


@admin.register(OnesqaRound)
class OnesqaRoundAdmin(CentralOnlyMixin, ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["number", "name", "year_from", "year_to", "scale", "comment_days"]
    filter_horizontal = ["frameworks"]
