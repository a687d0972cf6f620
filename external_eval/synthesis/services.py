"""The writes of form ๗.๓: the supervisor saves the narrative (drafted from the figures,
then edited) and publishes, which keeps the figures as they are at that moment."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from schools.models import AreaOffice

from ..models import OnesqaRound, OnesqaSynthesis
from .data import district_figures


def can_manage(actor: User, office: AreaOffice) -> bool:
    return actor.is_superuser or (actor.can_manage_quality and actor.area_office_id == office.pk)


def _locked(office: AreaOffice, onesqa_round: OnesqaRound) -> OnesqaSynthesis:
    synthesis, _created = OnesqaSynthesis.objects.get_or_create(
        area_office=office, round=onesqa_round
    )
    return OnesqaSynthesis.objects.select_for_update().get(pk=synthesis.pk)


@transaction.atomic
def synthesis_save_narrative(
    *, office: AreaOffice, onesqa_round: OnesqaRound, narrative: str, actor: User
) -> OnesqaSynthesis:
    if not can_manage(actor, office):
        raise PermissionDenied
    synthesis = _locked(office, onesqa_round)
    synthesis.narrative = narrative.strip()
    synthesis.written_by = actor
    synthesis.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CHANGE,
        obj=synthesis,
        area_office_id=office.pk,
        detail="narrative",
    )
    return synthesis


@transaction.atomic
def synthesis_publish(
    *, office: AreaOffice, onesqa_round: OnesqaRound, actor: User
) -> OnesqaSynthesis:
    """Publish (or publish again) with the figures of now; a narrative is required."""
    if not can_manage(actor, office):
        raise PermissionDenied
    synthesis = _locked(office, onesqa_round)
    if not synthesis.narrative:
        raise ValidationError(_("กรุณาบันทึกบทสรุปการสังเคราะห์ก่อนเผยแพร่"))
    data, _rows = district_figures(office, onesqa_round)
    if not data["standards"]:
        raise ValidationError(_("ยังไม่มีผลการประเมินคุณภาพภายนอกรายมาตรฐานให้สังเคราะห์"))
    synthesis.figures = data
    synthesis.published_at = timezone.now()
    synthesis.published_by = actor
    synthesis.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CHANGE,
        obj=synthesis,
        area_office_id=office.pk,
        detail="published",
    )
    return synthesis
