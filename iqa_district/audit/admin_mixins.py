"""Admin mixins that write the audit log for personal data: every add, change and delete
made in the admin, and every export, with the actor and client IP.

Put first among the bases of the admins of users, committee members and schools (whose
contacts are personal data). The admin's own LogEntry is kept as well; the audit entry
differs in being scoped by office, carrying the IP and covering exports."""

import json
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.http import HttpRequest

from iqa_district.accounts.access import request_user

from .models import AuditEntry
from .services import audit_record


def _text(message: Any) -> str:
    if isinstance(message, str):
        return message
    return json.dumps(message, ensure_ascii=False, default=str)


class AuditedAdminMixin:
    def log_addition(self, request: HttpRequest, obj: models.Model, message: Any) -> Any:
        audit_record(
            actor=request_user(request),
            action=AuditEntry.Action.CREATE,
            obj=obj,
            detail=_text(message),
        )
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: models.Model, message: Any) -> Any:
        audit_record(
            actor=request_user(request),
            action=AuditEntry.Action.CHANGE,
            obj=obj,
            detail=_text(message),
        )
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset: Iterable[models.Model]) -> Any:
        # Called before the rows go, so each can still be named.
        for obj in queryset:
            audit_record(actor=request_user(request), action=AuditEntry.Action.DELETE, obj=obj)
        return super().log_deletions(request, queryset)  # type: ignore[misc]


class AuditedExportMixin:
    """For django-import-export admins: one entry per export, naming what and how many."""

    def get_export_data(
        self, file_format: Any, request: HttpRequest, queryset: Any, **kwargs: Any
    ) -> Any:
        data = super().get_export_data(file_format, request, queryset, **kwargs)  # type: ignore[misc]
        model = queryset.model
        audit_record(
            actor=request_user(request),
            action=AuditEntry.Action.EXPORT,
            object_type=model._meta.label,
            detail=f"{model._meta.verbose_name_plural} {queryset.count()} รายการ "
            f"({file_format.get_title()})",
        )
        return data
