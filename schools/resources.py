"""The django-import-export resource behind the admin's import and export buttons, and
the school list downloads (CSV with a BOM, XLSX).

Rows are read and checked by ``schools.tables``, the same validator as the browser
import; every exported cell is formula-neutralised so a list opens safely in Excel.
"""

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats.base_formats import CSV, XLSX

from iqa_district.spreadsheets import neutralise

from .models import Cluster, School
from .services import school_import_apply
from .tables import (
    COLUMNS,
    LEVEL_FIELDS,
    LEVEL_LABELS,
    ImportFileError,
    arabic_digits,
    cell_text,
    check_rows,
    map_headers,
    read_table,
)

EXPORT_COLUMNS = list(COLUMNS)


def levels_text(school):
    return ", ".join(label for name, label in LEVEL_LABELS.items() if getattr(school, name))


class ThaiCSV(CSV):
    """CSV for the admin: read as bytes so the encoding is detected (UTF-8 with or
    without BOM, TIS-620); written as UTF-8 with BOM so Excel shows Thai."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        import tablib

        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        headers, rows, _description = read_table(in_stream)
        dataset = tablib.Dataset(headers=headers)
        width = len(headers)
        for _number, row in rows:
            dataset.append((row + [""] * width)[:width])
        return dataset

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(dataset, **kwargs)


class SchoolResource(resources.ModelResource):
    """Schools with English headers; ``office`` is the office being imported into."""

    thai_headers = False

    code = fields.Field(attribute="code", column_name="code")
    name = fields.Field(attribute="name", column_name="name")
    subdistrict = fields.Field(attribute="subdistrict", column_name="subdistrict")
    district = fields.Field(attribute="district", column_name="district")
    province = fields.Field(attribute="province", column_name="province")
    levels = fields.Field(column_name="levels")
    students = fields.Field(attribute="students", column_name="students")
    cluster = fields.Field(column_name="cluster")
    obec_code = fields.Field(attribute="obec_code", column_name="obec_code")
    director_name = fields.Field(attribute="director_name", column_name="director_name")
    phone = fields.Field(attribute="phone", column_name="phone")

    # The export page's Thai name of each column (iqa_district.admin_thai).
    export_labels = {name: thai for name, (_, thai) in COLUMNS.items()}

    class Meta:
        model = School
        fields = EXPORT_COLUMNS
        export_order = EXPORT_COLUMNS
        import_id_fields = ["code"]
        use_transactions = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, office=None, **kwargs):
        super().__init__(**kwargs)
        self.office = office
        if self.thai_headers:
            for name, resource_field in self.fields.items():
                resource_field.column_name = COLUMNS[name][1]
        self._checks = {}

    @classmethod
    def get_display_name(cls):
        return "หัวตารางภาษาไทย" if cls.thai_headers else "หัวตารางภาษาอังกฤษ"

    def get_queryset(self):
        qs = School.objects.select_related("cluster").order_by("code")
        if self.office is not None:
            qs = qs.filter(area_office=self.office)
        return qs

    # Export -------------------------------------------------------------------------
    def dehydrate_levels(self, school):
        return levels_text(school)

    def dehydrate_cluster(self, school):
        return school.cluster.name if school.cluster_id else ""

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return neutralise(value)

    # Import (admin) -----------------------------------------------------------------
    def import_data(self, dataset, dry_run=False, **kwargs):
        """The admin's preview is import-export's dry run; its confirmation writes through
        ``school_import_apply``, the one write path of a school list, so that it checks
        the rows again, records a SchoolImport row (who, when, counts) and dates the
        student counts, exactly as the browser import does."""
        if dry_run:
            return super().import_data(dataset, dry_run=True, **kwargs)
        # The dry run rewrites the headers; the service reads the file as it came.
        original = tablib.Dataset(*dataset, headers=list(dataset.headers or []))
        result = super().import_data(dataset, dry_run=True, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return result
        user = kwargs.get("user")
        school_import_apply(
            office=self.office,
            data=original.export("csv").encode("utf-8"),
            filename=kwargs.get("file_name") or "",
            actor=user if user is not None and user.is_authenticated else None,
        )
        return result

    def before_import(self, dataset, **kwargs):
        if self.office is None:
            raise ValidationError(
                _("ผู้ใช้นี้ไม่ได้สังกัดสำนักงานเขตพื้นที่ จึงนำเข้าไม่ได้ (ระบุสำนักงานเขตของผู้ใช้ก่อน)")
            )
        try:
            mapping, _ignored = map_headers(dataset.headers)
            rows = ((i + 2, [cell_text(v) for v in row]) for i, row in enumerate(dataset))
            check = check_rows(self.office, dataset.headers, rows)
        except ImportFileError as exc:
            raise ValidationError(str(exc)) from None
        self._checks = {row.number: row for row in check.rows}
        self._new_clusters = {}
        # The file may use either language; the fields read this resource's own names.
        dataset.headers = [
            self.fields[m].column_name if m else f"_ignored_{i}" for i, m in enumerate(mapping)
        ]

    def _check_for(self, kwargs):
        return self._checks.get(kwargs.get("row_number", 0) + 1)

    def before_import_row(self, row, **kwargs):
        check = self._check_for(kwargs)
        if check is not None and check.status == "error":
            # import-export numbers data rows from 1; say which spreadsheet row it is too.
            where = _("แถวที่ %(n)s ของไฟล์") % {"n": check.number}
            raise ValidationError({"code": [f"{where}: {error}" for error in check.errors]})

    def get_instance(self, instance_loader, row):
        code = arabic_digits(str(row.get(self.fields["code"].column_name) or "")).strip()
        return School.objects.filter(area_office=self.office, code=code).first()

    def init_instance(self, row=None):
        return School(area_office=self.office)

    def import_instance(self, instance, row, **kwargs):
        check = self._check_for(kwargs)
        if check is None:  # a blank line
            return
        if instance.pk is None:
            instance.code = check.code
        for name, value in check.values.items():
            if name == "cluster":
                instance.cluster = self._cluster(value)
            else:
                setattr(instance, name, value)

    def _cluster(self, name):
        if not name:
            return None
        if name not in self._new_clusters:
            self._new_clusters[name], _created = Cluster.objects.get_or_create(
                area_office=self.office, name=name
            )
        return self._new_clusters[name]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not any(str(v or "").strip() for v in row.values()):
            return True
        return bool(original is not None and original.pk and not self._changed(instance, original))

    @staticmethod
    def _changed(instance, original):
        names = [*LEVEL_FIELDS, "name", "subdistrict", "district", "province", "students"]
        names += ["cluster_id", "obec_code", "director_name", "phone"]
        return any(getattr(instance, n) != getattr(original, n) for n in names)


class SchoolResourceThai(SchoolResource):
    """The same, with Thai headers (รหัสสถานศึกษา, ชื่อสถานศึกษา, …)."""

    thai_headers = True


def export_dataset(queryset, *, thai_headers=True):
    resource_class = SchoolResourceThai if thai_headers else SchoolResource
    return resource_class().export(queryset.select_related("cluster"))


def export_csv_bytes(queryset, *, thai_headers=True):
    """UTF-8 with BOM, so Excel opens Thai text correctly and import detects it."""
    return (
        ThaiCSV().export_data(export_dataset(queryset, thai_headers=thai_headers)).encode("utf-8")
    )


def export_xlsx_bytes(queryset, *, thai_headers=True):
    return XLSX().export_data(export_dataset(queryset, thai_headers=thai_headers))
