"""Writes on standards and targets: adopting a template set, saving a school's targets,
locking them while the school's SAR is with the district, a school's own standards."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Required, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from schools.models import AcademicYear, AreaOffice, School

from .models import Item, SchoolTarget, Standard, StandardSet, TargetLock


class TargetRow(TypedDict, total=False):
    """One row of the targets form: ``target_level`` None clears the item's target."""

    item: Required[Item]
    target_level: int | None
    target_percent: Decimal | None
    criterion: str


@transaction.atomic
def standard_set_adopt(*, template: StandardSet, office: AreaOffice, actor: User) -> StandardSet:
    """Copy an area-office template set (area_office null) to ``office``; return the copy.

    Only ``office``'s own district admins (or a superuser) adopt for it.

    The office then edits its copy in the admin; the template stays untouched so that
    another office starts from the same text. Adopting twice returns the existing copy.
    """
    if not office.is_administered_by(actor):
        raise PermissionDenied
    if template.level != StandardSet.Level.AREA_OFFICE or template.area_office_id:
        raise ValidationError(_("นำไปใช้ได้เฉพาะชุดมาตรฐานต้นแบบของสำนักงานเขตพื้นที่"))
    code = f"{template.code}@{office.code}"[:50]
    existing = StandardSet.objects.filter(code=code).first()
    if existing:
        return existing
    copy = StandardSet.objects.create(
        code=code,
        name_th=template.name_th.split(" (")[0] + f" ({office})",
        name_en=template.name_en,
        level=template.level,
        valid_from_year=template.valid_from_year,
        valid_to_year=template.valid_to_year,
        area_office=office,
    )
    for standard in template.standards.prefetch_related("items"):
        new_standard = Standard.objects.create(
            standard_set=copy,
            number=standard.number,
            title_th=standard.title_th,
            title_en=standard.title_en,
        )
        by_old_id: dict[int | None, Item] = {}
        for item in sorted(standard.items.all(), key=lambda i: (i.parent_id is not None, i.order)):
            by_old_id[item.pk] = Item.objects.create(
                standard=new_standard,
                parent=by_old_id.get(item.parent_id),
                code=item.code,
                title_th=item.title_th,
                title_en=item.title_en,
                order=item.order,
                is_assessed=item.is_assessed,
            )
    return copy


def targets_locked(*, school: School, academic_year: AcademicYear) -> bool:
    """Targets freeze once the school's SAR for that year has gone to the district
    (submitted or accepted); a draft or a returned SAR leaves them editable."""
    return TargetLock.objects.filter(school=school, academic_year=academic_year).exists()


def targets_lock(*, school: School, academic_year: AcademicYear) -> None:
    """Freeze the school's targets of the year: its SAR went to the district. Locking
    twice is harmless, so the SAR's services need not know the lock's state."""
    TargetLock.objects.get_or_create(school=school, academic_year=academic_year)


def targets_unlock(*, school: School, academic_year: AcademicYear) -> None:
    """Make the targets editable again: the district returned the SAR."""
    TargetLock.objects.filter(school=school, academic_year=academic_year).delete()


@dataclass(frozen=True)
class TargetsCopy:
    from_year: AcademicYear
    targets: dict[int, SchoolTarget]  # by item id; empty when that year has none


def targets_copy_from_last_year(
    *, school: School, academic_year: AcademicYear
) -> TargetsCopy | None:
    """The school's targets of the academic year before ``academic_year``, to fill this
    year's form; None when the system has no earlier year. Nothing is saved: the school
    reviews the copy and saves it with ``school_targets_save``."""
    previous = AcademicYear.objects.filter(year__lt=academic_year.year).order_by("-year").first()
    if previous is None:
        return None
    targets = SchoolTarget.objects.filter(school=school, academic_year=previous)
    return TargetsCopy(from_year=previous, targets={t.item_id: t for t in targets})


@transaction.atomic
def school_targets_save(
    *, school: School, academic_year: AcademicYear, rows: list[TargetRow], actor: User
) -> tuple[int, int]:
    """Save a school's targets for a year in one go.

    ``rows`` is a list of dicts with ``item``, ``target_level`` (None clears the
    target), ``target_percent`` and ``criterion``. Only the school's own staff (or a
    district admin) may save, and only while the SAR of that year is not submitted.
    Returns (saved, removed) counts.
    """
    if not school.is_managed_by(actor):
        raise PermissionDenied
    if targets_locked(school=school, academic_year=academic_year):
        raise ValidationError(_("ส่งรายงาน SAR ของปีการศึกษานี้แล้ว จึงแก้ไขค่าเป้าหมายไม่ได้"))
    allowed = set(
        Item.objects.applicable_to(school, academic_year.year).values_list("pk", flat=True)
    )
    existing = {
        t.item_id: t
        for t in SchoolTarget.objects.select_for_update().filter(
            school=school, academic_year=academic_year
        )
    }
    saved = removed = 0
    for row in rows:
        item = row["item"]
        if item.pk not in allowed:
            raise ValidationError(_("ประเด็นพิจารณานี้ไม่ใช่ของสถานศึกษา"))
        target = existing.get(item.pk)
        level = row.get("target_level")
        if level is None:
            if target:
                target.delete()
                removed += 1
            continue
        if target is None:
            target = SchoolTarget(school=school, academic_year=academic_year, item=item)
        changed = (
            target.pk is None
            or target.target_level != level
            or target.target_percent != row.get("target_percent")
            or target.criterion != (row.get("criterion") or "")
        )
        if changed:
            target.target_level = level
            target.target_percent = row.get("target_percent")
            target.criterion = row.get("criterion") or ""
            target.full_clean()
            target.save()
            saved += 1
    if saved or removed:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CHANGE,
            obj=school,
            object_type="standards.SchoolTarget",
            detail=f"ค่าเป้าหมายปีการศึกษา {academic_year.year}: บันทึก {saved} ลบ {removed}",
        )
    return saved, removed


def _school_set(school: School) -> StandardSet:
    """The school's own set of added standards (อัตลักษณ์/จุดเน้น), created on first use."""
    current = AcademicYear.objects.current()
    standard_set, _created = StandardSet.objects.get_or_create(
        code=f"SCHOOL-{school.code}",
        defaults={
            "name_th": f"มาตรฐานเพิ่มเติมของสถานศึกษา (อัตลักษณ์/จุดเน้น) {school.name}"[:255],
            "name_en": "School-added standards",
            "level": StandardSet.Level.SCHOOL,
            "valid_from_year": current.year if current else 2561,
            "school": school,
        },
    )
    return standard_set


def _check_school_actor(actor: User, school: School) -> None:
    if not school.is_managed_by(actor):
        raise PermissionDenied


@transaction.atomic
def school_standard_add(*, school: School, title_th: str, actor: User) -> Standard:
    """Add a school's own standard; it is numbered after the national ones (4, 5, …)."""
    _check_school_actor(actor, school)
    standard_set = _school_set(school)
    last = standard_set.standards.order_by("-number").values_list("number", flat=True).first()
    standard = Standard(standard_set=standard_set, number=max(last or 3, 3) + 1, title_th=title_th)
    standard.full_clean()
    standard.save()
    return standard


@transaction.atomic
def school_item_add(*, standard: Standard, title_th: str, actor: User) -> Item:
    """Add an item (ประเด็นพิจารณา) to one of the school's own standards: 4.1, 4.2, …"""
    school = standard.standard_set.school
    if school is None:
        raise PermissionDenied
    _check_school_actor(actor, school)
    count = standard.items.count()
    item = Item(
        standard=standard,
        code=f"{standard.number}.{count + 1}",
        title_th=title_th,
        order=count + 1,
    )
    while Item.objects.filter(standard=standard, code=item.code).exists():
        count += 1
        item.code, item.order = f"{standard.number}.{count + 1}", count + 1
    item.full_clean()
    item.save()
    audit_record(
        actor=actor, action=AuditEntry.Action.CREATE, obj=item, area_office_id=school.area_office_id
    )
    return item


@transaction.atomic
def school_item_delete(*, item: Item, actor: User) -> None:
    """Remove a school-added item, unless a target or result already refers to it."""
    school = item.standard.standard_set.school
    if school is None:
        raise PermissionDenied
    _check_school_actor(actor, school)
    if item.targets.exists():
        raise ValidationError(_("ลบไม่ได้ เพราะมีค่าเป้าหมายของประเด็นนี้แล้ว ให้ลบค่าเป้าหมายก่อน"))
    audit_record(
        actor=actor, action=AuditEntry.Action.DELETE, obj=item, area_office_id=school.area_office_id
    )
    try:
        item.delete()
    except ProtectedError as exc:
        raise ValidationError(_("ลบไม่ได้ เพราะมีข้อมูลอื่นอ้างถึงประเด็นนี้แล้ว")) from exc
