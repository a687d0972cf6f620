from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from iqa_district.admin_scoping import ScopedChoicesMixin
from iqa_district.audit.admin_mixins import AuditedAdminMixin

from .access import request_user
from .admin_privacy import erase_personal_data, export_personal_data
from .models import User

# What only a superuser may set: with any of them a district admin could raise himself
# (or a friend) above his office.
PRIVILEGE_FIELDS = ("is_superuser", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(AuditedAdminMixin, ScopedChoicesMixin, BaseUserAdmin):  # type: ignore[type-arg]  # not generic at run time
    list_display = ["username", "display_name", "role", "area_office", "school", "is_active"]
    list_filter = ["role", "area_office", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email", "school__name"]
    autocomplete_fields = ["school"]
    list_select_related = ["area_office", "school"]
    actions = [export_personal_data, erase_personal_data]
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
        # The change page, the password page and the list all fetch through here, so a
        # superuser's or a higher role's account is "not found" for a district admin.
        qs: QuerySet[User] = super().get_queryset(request)
        return qs.manageable_by(request_user(request))  # type: ignore[attr-defined,no-any-return]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        if not request_user(request).is_superuser:
            readonly.extend(PRIVILEGE_FIELDS)
        return readonly

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not obj.can_be_managed_by(request_user(request)):
            return False
        return bool(super().has_change_permission(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not obj.can_be_managed_by(request_user(request)):
            return False
        return bool(super().has_delete_permission(request, obj))

    def formfield_for_choice_field(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "role":
            allowed = request_user(request).manageable_roles()
            if not request_user(request).is_superuser:
                kwargs["choices"] = [
                    (value, label) for value, label in User.Role.choices if value in allowed
                ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial: dict[str, Any] = super().get_changeform_initial_data(request)
        initial.setdefault("area_office", request_user(request).area_office_id)
        return initial
