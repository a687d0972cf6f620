"""Writes on the school registry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record

from .models import AreaOffice, Cluster, School, SchoolImport
from .tables import ImportCheck, Value, check_file

BATCH_SIZE = 1000


@transaction.atomic
def school_import_apply(
    *,
    office: AreaOffice,
    data: bytes,
    filename: str = "",
    actor: User | None = None,
    skip_errors: bool = False,
) -> tuple[ImportCheck, SchoolImport]:
    """Import a school list (bytes of a CSV or XLSX file) into ``office``.

    The file is checked again here, inside the transaction, so what is written is what
    the rows say now, not what a preview said earlier. All or nothing: a file with an
    error row writes nothing unless ``skip_errors`` is given, in which case only the
    valid rows are written. New clusters named in the file are created. Returns the
    ImportCheck and the SchoolImport audit row.

    ``actor`` None is the system (``manage.py import_schools``); a person must be one of
    the office's quality managers.
    """
    if actor is not None and not office.is_administered_by(actor):
        raise PermissionDenied
    check = check_file(office, data, filename)
    counts = check.counts
    if counts["error"] and not skip_errors:
        raise ValidationError(
            _("ไฟล์มีแถวที่ผิดพลาด %(n)s แถว จึงยังไม่นำเข้าข้อมูลใด ๆ กรุณาแก้ไขไฟล์") % {"n": counts["error"]}
        )

    Cluster.objects.bulk_create(
        [Cluster(area_office=office, name=name) for name in check.new_clusters],
        batch_size=BATCH_SIZE,
    )
    clusters = dict(Cluster.objects.filter(area_office=office).values_list("name", "pk"))

    def apply_values(school: School, values: dict[str, Value]) -> None:
        for name, value in values.items():
            if name == "cluster":
                school.cluster_id = clusters[str(value)] if value else None
            else:
                setattr(school, name, value)

    # A student count in a list is as of the day it is loaded (DMC snapshots are dated).
    today = timezone.localdate()
    to_create: list[School] = []
    to_update: list[School] = []
    update_fields: set[str] = set()
    for row in check.rows:
        if row.status == "new":
            school = School(area_office=office, code=row.code)
            apply_values(school, row.values)
            if school.students is not None:
                school.students_as_of = today
            to_create.append(school)
        elif row.status == "updated":
            assert row.school is not None  # check_rows gives every updated row its school
            school = row.school
            students_before = school.students
            apply_values(school, row.values)
            update_fields.update(row.values)
            if "students" in row.values and school.students != students_before:
                school.students_as_of = today if school.students is not None else None
                update_fields.add("students_as_of")
            to_update.append(school)

    School.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        now = timezone.now()
        for school in to_update:
            school.updated_at = now
        fields = sorted(update_fields | {"updated_at"})
        School.objects.bulk_update(to_update, fields, batch_size=BATCH_SIZE)

    record = SchoolImport.objects.create(
        area_office=office,
        imported_by=actor,
        source_name=(filename or "")[:255],
        created_count=counts["new"],
        updated_count=counts["updated"],
        unchanged_count=counts["unchanged"],
        skipped_error_count=counts["error"],
        new_clusters=len(check.new_clusters),
    )
    # The list carries the schools' contacts (director, phone, e-mail): personal data.
    audit_record(
        actor=actor,
        action=AuditEntry.Action.IMPORT,
        obj=record,
        detail=f"นำเข้าทะเบียนสถานศึกษา {record.source_name}: เพิ่ม {record.created_count} "
        f"แก้ไข {record.updated_count} ไม่เปลี่ยน {record.unchanged_count} "
        f"ข้ามแถวผิดพลาด {record.skipped_error_count}",
        area_office_id=office.pk,
    )
    return check, record
