"""Writing and purging the audit log."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from iqa_district.accounts.models import User

from .middleware import client_ip
from .models import AuditEntry


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    detail: str = "",
    area_office_id: int | None = None,
) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``obj``, from the current request's IP.

    Runs inside the caller's transaction, so an action rolled back leaves no entry. The
    office is the object's own (``area_office_id`` or ``school.area_office_id``) when it
    has one, else the actor's, so each office's admin finds what concerns them."""
    if area_office_id is None and obj is not None:
        area_office_id = getattr(obj, "area_office_id", None)
        school = getattr(obj, "school", None) if area_office_id is None else None
        if school is not None:
            area_office_id = school.area_office_id
    if area_office_id is None and actor is not None:
        area_office_id = actor.area_office_id
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=(actor.display_name or actor.username) if actor is not None else "",
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        detail=detail,
        area_office_id=area_office_id,
        ip_address=client_ip.get(),
    )


def audit_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the entries older than AUDIT_RETENTION_DAYS; returns how many went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    # QuerySet.delete bypasses the model's delete(): the purge is the one way out.
    deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
