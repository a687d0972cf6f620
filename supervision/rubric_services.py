"""The office's own rubric of process 1 ๗.๒ (evaluation of IQA operations, five levels).

The seed names the components but gives no descriptors, so the seeded ones are an
example. An office adapts them by saving a new version of the form: visits already
filled keep the version they used, new visits plan with the office's version.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record

from .models import FormItem, FormTemplate, IQAComponent
from .services import form_template_new_version

LEVEL_FIELDS = ("level5", "level4", "level3", "level2", "level1")


@dataclass(frozen=True)
class RubricRow:
    """One row of the rubric as the office wrote it. ``source`` is the row of the old
    version it replaces; ``None`` adds a row (e.g. a second criterion of a component)."""

    source: int | None
    component: int | None
    code: str
    text: str
    evidence_prompt: str
    level5: str
    level4: str
    level3: str
    level2: str
    level1: str


def is_rubric_form(template: FormTemplate) -> bool:
    return template.form_no == FormTemplate.FormNo.F72 and template.process in (
        FormTemplate.Process.PROMOTE,
    )


def rubric_items(template: FormTemplate) -> list[FormItem]:
    return list(
        FormItem.objects.filter(
            section__template=template, answer_type=FormItem.AnswerType.RUBRIC
        ).order_by("section__order", "order", "pk")
    )


def rubric_errors(rows: Sequence[RubricRow]) -> list[str]:
    """What keeps ``rows`` from being the rubric of process 1 ๗.๒: every row names one of
    the seed's nine IQA components and describes all five levels, and every component
    is rated. Rows of the same component are allowed; the overall level counts the
    component once (``reports.overall_rubric_level``)."""
    errors = []
    seen = set()
    for n, row in enumerate(rows, start=1):
        if not row.text.strip():
            errors.append(_("แถวที่ %(n)s: ยังไม่ได้ระบุประเด็นการพิจารณา") % {"n": n})
        if row.component not in IQAComponent.values:
            errors.append(_("แถวที่ %(n)s: โปรดเลือกองค์ประกอบของระบบการประกันคุณภาพภายใน") % {"n": n})
        else:
            seen.add(row.component)
        if any(not getattr(row, name).strip() for name in LEVEL_FIELDS):
            errors.append(_("แถวที่ %(n)s: โปรดบรรยายเกณฑ์ให้ครบทั้ง 5 ระดับ") % {"n": n})
    missing = [c for c in IQAComponent if c.value not in seen]
    if missing:
        errors.append(
            _("ยังไม่มีเกณฑ์ขององค์ประกอบ: %(names)s")
            % {"names": ", ".join(f"{c.value} {c.label}" for c in missing)}
        )
    return errors


@transaction.atomic
def rubric_new_version(
    *, template: FormTemplate, rows: Sequence[RubricRow], actor: User
) -> FormTemplate:
    """Save the office's rubric as the next version of ``template`` (its office's own
    version; the shared form stays as it is for the other offices)."""
    if not actor.can_manage_quality or actor.area_office is None:
        raise PermissionDenied
    if not FormTemplate.objects.visible_to(actor).filter(pk=template.pk).exists():
        raise PermissionDenied
    if not is_rubric_form(template):
        raise ValidationError(
            _("แบบฟอร์มนี้ไม่ใช่แบบประเมินผลการดำเนินงานระบบการประกันคุณภาพภายใน (แบบ 7.2)")
        )
    errors = rubric_errors(rows)
    if errors:
        raise ValidationError(errors)
    old_items = rubric_items(template)
    if {row.source for row in rows if row.source is not None} - {i.pk for i in old_items}:
        raise ValidationError(_("แถวของเกณฑ์ไม่ใช่ของแบบฟอร์มฉบับนี้"))
    copy = form_template_new_version(template=template, office=actor.area_office)
    new_items = rubric_items(copy)
    by_source = dict(zip([i.pk for i in old_items], new_items, strict=True))
    kept = set()
    section = new_items[0].section if new_items else copy.sections.first()
    if section is None:
        section = copy.sections.create(order=1, title=_("องค์ประกอบของระบบการประกันคุณภาพภายใน"))
    for order, row in enumerate(rows, start=1):
        item = by_source.get(row.source) if row.source is not None else None
        if item is None:
            item = FormItem(section=section, answer_type=FormItem.AnswerType.RUBRIC)
        item.order, item.code, item.component = order, row.code.strip(), row.component
        item.text, item.evidence_prompt = row.text.strip(), row.evidence_prompt.strip()
        for name in LEVEL_FIELDS:
            setattr(item, name, getattr(row, name).strip())
        item.save()
        kept.add(item.pk)
    # Rows the office removed are not in its version.
    FormItem.objects.filter(pk__in=[i.pk for i in new_items if i.pk not in kept]).delete()
    copy.descriptors_are_example = False
    copy.save(update_fields=["descriptors_are_example", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=copy,
        detail=_("เกณฑ์การพิจารณา 5 ระดับ ฉบับที่ %(v)s (จากฉบับที่ %(old)s)")
        % {"v": copy.version, "old": template.version},
    )
    return copy
