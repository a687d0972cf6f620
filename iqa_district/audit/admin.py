from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from iqa_district.accounts.access import request_user
from iqa_district.admin_scoping import ScopedChoicesMixin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ScopedChoicesMixin, admin.ModelAdmin):  # type: ignore[type-arg]  # not generic at run time
    """Read-only for everyone; only a superuser may delete (the purge does the rest)."""

    list_display = ["at", "actor_name", "action", "object_type", "object_repr", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "object_repr", "ip_address"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        return AuditEntry.objects.visible_to(request_user(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request_user(request).is_superuser

    def delete_model(self, request: HttpRequest, obj: AuditEntry) -> None:
        AuditEntry.objects.filter(pk=obj.pk).delete()
