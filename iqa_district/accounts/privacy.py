"""PDPA (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒): what we hold about one person, and
erasing a person who left while the official records they signed stay.

What is "about a person" is found, not listed: every relation to ``User`` that any app
declares (``User._meta.related_objects``), so a new app's rows are in the export without
anyone remembering to add them. The person's own fields are the account's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from iqa_district.thai import format_datetime_short

from .models import User

# The account fields that identify a person: exported, then cleared on erasure.
PERSONAL_FIELDS = ("username", "first_name", "last_name", "email", "position", "phone")
ACCOUNT_FIELDS = (*PERSONAL_FIELDS, "role", "is_active", "date_joined", "last_login")


@dataclass
class Relation:
    """The rows of one model that point at the person, through one field."""

    model: str  # "app_label.ModelName"
    verbose_name: str
    through: str  # the field of that model that names the person
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class PersonalData:
    person: User
    account: dict[str, Any]
    relations: list[Relation]
    exported_at: datetime.datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "exported_at": self.exported_at.isoformat(),
            "account": self.account,
            "records": [
                {
                    "model": r.model,
                    "verbose_name": r.verbose_name,
                    "field": r.through,
                    "rows": r.rows,
                }
                for r in self.relations
            ],
        }


def _check_actor(person: User, actor: User) -> None:
    """Superusers, and district admins for the people of their own office."""
    if actor.is_superuser:
        return
    if not (actor.is_district_admin and actor.area_office_id):
        raise PermissionDenied
    if person.is_superuser or person.area_office_id != actor.area_office_id:
        raise PermissionDenied


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def _row(obj: models.Model) -> dict[str, Any]:
    values: dict[str, Any] = {"id": obj.pk, "text": str(obj)}
    for f in obj._meta.concrete_fields:
        if f.primary_key or f.name in values:
            continue
        if isinstance(f, models.ForeignKey):
            values[f.name] = str(getattr(obj, f.name) or "")
        else:
            values[f.name] = _plain(getattr(obj, f.attname))
    return values


def _relations(person: User) -> list[Relation]:
    found = []
    for rel in sorted(
        User._meta.related_objects, key=lambda r: (r.related_model._meta.label, r.field.name)
    ):
        model = rel.related_model
        queryset = model._default_manager.filter(**{rel.field.name: person})
        rows = [_row(obj) for obj in queryset.order_by("pk")]
        if rows:
            found.append(
                Relation(
                    model=model._meta.label,
                    verbose_name=str(model._meta.verbose_name),
                    through=rel.field.name,
                    rows=rows,
                )
            )
    return found


def personal_data_export(*, person: User, actor: User) -> PersonalData:
    """Everything held about ``person``: the account and every row that points at it."""
    _check_actor(person, actor)
    account = {name: _plain(getattr(person, name)) for name in ACCOUNT_FIELDS}
    account["role"] = str(person.get_role_display())
    account["area_office"] = str(person.area_office or "")
    account["school"] = str(person.school or "")
    audit_record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        obj=person,
        detail="ส่งออกข้อมูลส่วนบุคคลทั้งหมดของบุคคลตามคำขอ (PDPA)",
        area_office_id=person.area_office_id,
    )
    return PersonalData(
        person=person,
        account=account,
        relations=_relations(person),
        exported_at=timezone.now(),
    )


ACCOUNT_LABELS = {
    "username": gettext_lazy("ชื่อผู้ใช้"),
    "first_name": gettext_lazy("ชื่อ"),
    "last_name": gettext_lazy("นามสกุล"),
    "email": gettext_lazy("อีเมล"),
    "position": gettext_lazy("ตำแหน่ง"),
    "phone": gettext_lazy("โทรศัพท์"),
    "role": gettext_lazy("บทบาท"),
    "is_active": gettext_lazy("ใช้งานได้"),
    "date_joined": gettext_lazy("สร้างบัญชีเมื่อ"),
    "last_login": gettext_lazy("เข้าสู่ระบบครั้งล่าสุด"),
    "area_office": gettext_lazy("สำนักงานเขตพื้นที่การศึกษา"),
    "school": gettext_lazy("สถานศึกษา"),
}


def _shown(value: Any, exported: Any) -> Any:
    if isinstance(value, bool):
        return _("ใช่") if value else _("ไม่ใช่")
    if isinstance(value, datetime.datetime):
        return format_datetime_short(value, digits="thai")
    return exported


def personal_data_pdf(data: PersonalData) -> bytes:
    """The export as an official-format PDF for the person to read."""
    from iqa_district.pdf import render_pdf

    account_rows = [
        (label, _shown(getattr(data.person, name, None), data.account.get(name)))
        for name, label in ACCOUNT_LABELS.items()
    ]
    return render_pdf(
        "pdf/accounts/personal_data.html",
        {"data": data, "account_rows": account_rows, "pdf_printed_on": timezone.localdate()},
        metadata={"title": _("รายงานข้อมูลส่วนบุคคลที่ระบบจัดเก็บ")},
    )


@transaction.atomic
def person_pseudonymise(*, person: User, actor: User) -> User:
    """Erase who ``person`` is, keeping every record they made or signed.

    The account stays (the records point at it) but can no longer log in and no longer
    names anyone: user name and display name become ``ผู้ใช้ที่ลบข้อมูลแล้ว <id>``; e-mail,
    phone and position are emptied. Official documents keep their own text: the names
    printed on an appointment order (``CommitteeMember.name``) are the order's, not the
    account's, and stay as signed.
    """
    _check_actor(person, actor)
    if person.pk == actor.pk:
        raise PermissionDenied(_("ลบข้อมูลส่วนบุคคลของบัญชีตนเองไม่ได้"))
    person = User.objects.select_for_update().get(pk=person.pk)
    person.username = f"erased-{person.pk}"
    person.first_name = _("ผู้ใช้ที่ลบข้อมูลแล้ว")
    person.last_name = str(person.pk)
    person.email = ""
    person.phone = ""
    person.position = ""
    person.is_active = False
    person.is_staff = False
    person.password = make_password(None)  # unusable
    person.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.ERASE,
        obj=person,
        detail="ลบข้อมูลที่ระบุตัวบุคคลของบัญชี โดยคงเอกสารราชการที่บุคคลนั้นลงนามไว้ (PDPA)",
        area_office_id=person.area_office_id,
    )
    # Links to an account that no longer names anyone stay: the records need them.
    return person
