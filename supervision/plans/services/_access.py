"""Who writes the district plans and the office's self-assessment, and the audit entry
every write leaves."""

from django.core.exceptions import PermissionDenied

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from schools.models import AreaOffice

Action = AuditEntry.Action


def can_manage(actor: User, office: AreaOffice) -> bool:
    """The office's quality managers write its plans and its self-assessment."""
    return office.is_administered_by(actor)


def check(actor: User, office: AreaOffice) -> None:
    if not can_manage(actor, office):
        raise PermissionDenied


def audit(actor: User, action: str, obj, detail: str, office: AreaOffice) -> None:
    audit_record(actor=actor, action=action, obj=obj, detail=detail, area_office_id=office.pk)
