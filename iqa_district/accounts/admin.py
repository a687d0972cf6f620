from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from iqa_district.audit.admin_mixins import AuditedAdminMixin

from .access import request_user
from .models import User


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):  # type: ignore[type-arg]  # not generic at run time
    list_display = ["username", "display_name", "role", "area_office", "school", "is_active"]
    list_filter = ["role", "area_office", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email", "school__name"]
    autocomplete_fields = ["school"]
    list_select_related = ["area_office", "school"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("บทบาทและสังกัด"), {"fields": ("role", "area_office", "school", "position", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (
            _("บทบาทและสังกัด"),
            {"fields": ("role", "area_office", "school", "first_name", "last_name")},
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        qs = super().get_queryset(request)
        user = request_user(request)
        if user.is_superuser:
            return qs
        return qs.filter(area_office=user.area_office_id)
