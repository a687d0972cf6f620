"""Import and export of school lists (OBEC/DMC spreadsheets): CSV and XLSX.

One validator (``check_rows``) decides, for every row of a file, whether it is new,
updated, unchanged or an error, with a Thai reason. Two callers use it:

* the fast path (``schools.services.school_import_apply``: the browser page, the
  ``import_schools`` command and the benchmark), which writes with bulk_create and
  bulk_update after validating the whole file;
* ``SchoolResource`` (django-import-export), behind the Django admin's import and
  export buttons, which asks the same validator about each row.

Headers may be English (code, name, …) or Thai (รหัสสถานศึกษา, ชื่อสถานศึกษา, …).
Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

import contextlib
import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources
from import_export.formats.base_formats import CSV, XLSX

from .models import AreaOffice, Cluster, School

# Canonical column -> (English header, Thai header, model field or None, max length)
COLUMNS = {
    "code": ("code", "รหัสสถานศึกษา"),
    "name": ("name", "ชื่อสถานศึกษา"),
    "subdistrict": ("subdistrict", "ตำบล"),
    "district": ("district", "อำเภอ"),
    "province": ("province", "จังหวัด"),
    "levels": ("levels", "ระดับที่เปิดสอน"),
    "students": ("students", "จำนวนนักเรียน"),
    "cluster": ("cluster", "สหวิทยาเขต"),
    "obec_code": ("obec_code", "รหัส สพฐ."),
    "director_name": ("director_name", "ผู้อำนวยการสถานศึกษา"),
    "phone": ("phone", "โทรศัพท์"),
}
EXPORT_COLUMNS = list(COLUMNS)
REQUIRED_COLUMNS = ["code", "name"]

# Other spellings met in real lists, all mapped to the canonical names.
HEADER_ALIASES = {
    "รหัสโรงเรียน": "code",
    "รหัสสถานศึกษา 10 หลัก": "code",
    "รหัสสถานศึกษา (10 หลัก)": "code",
    "school code": "code",
    "moe code": "code",
    "ชื่อโรงเรียน": "name",
    "school name": "name",
    "ตำบล/แขวง": "subdistrict",
    "อำเภอ/เขต": "district",
    "ระดับชั้นที่เปิดสอน": "levels",
    "ระดับการศึกษาที่เปิดสอน": "levels",
    "นักเรียน": "students",
    "จำนวนนักเรียนทั้งหมด": "students",
    "กลุ่มเครือข่าย": "cluster",
    "สหวิทยาเขต/กลุ่มเครือข่าย": "cluster",
    "กลุ่มโรงเรียน": "cluster",
    "รหัส สพฐ. (8 หลัก)": "obec_code",
    "ผู้อำนวยการ": "director_name",
}
for _key, (_en, _th) in COLUMNS.items():
    HEADER_ALIASES[_en] = _key
    HEADER_ALIASES[_th] = _key

TEXT_LIMITS = {
    "name": 255,
    "subdistrict": 100,
    "district": 100,
    "province": 100,
    "cluster": 255,
    "director_name": 255,
    "phone": 50,
}

LEVEL_FIELDS = ["offers_ece", "offers_primary", "offers_lower_secondary", "offers_upper_secondary"]
LEVEL_ALIASES = {
    "ปฐมวัย": "offers_ece",
    "อนุบาล": "offers_ece",
    "ece": "offers_ece",
    "early childhood": "offers_ece",
    "ประถมศึกษา": "offers_primary",
    "ประถม": "offers_primary",
    "primary": "offers_primary",
    "มัธยมศึกษาตอนต้น": "offers_lower_secondary",
    "มัธยมต้น": "offers_lower_secondary",
    "ม.ต้น": "offers_lower_secondary",
    "lower_secondary": "offers_lower_secondary",
    "lower secondary": "offers_lower_secondary",
    "มัธยมศึกษาตอนปลาย": "offers_upper_secondary",
    "มัธยมปลาย": "offers_upper_secondary",
    "ม.ปลาย": "offers_upper_secondary",
    "upper_secondary": "offers_upper_secondary",
    "upper secondary": "offers_upper_secondary",
}
LEVEL_LABELS = {
    "offers_ece": "ปฐมวัย",
    "offers_primary": "ประถมศึกษา",
    "offers_lower_secondary": "มัธยมศึกษาตอนต้น",
    "offers_upper_secondary": "มัธยมศึกษาตอนปลาย",
}
LEVEL_SPLIT = re.compile(r"\s*(?:[,;/|\n]|\s+และ\s+)\s*")

FIELD_LABELS = {
    "name": gettext_lazy("ชื่อสถานศึกษา"),
    "subdistrict": gettext_lazy("ตำบล"),
    "district": gettext_lazy("อำเภอ"),
    "province": gettext_lazy("จังหวัด"),
    "students": gettext_lazy("จำนวนนักเรียน"),
    "cluster": gettext_lazy("สหวิทยาเขต"),
    "obec_code": gettext_lazy("รหัส สพฐ."),
    "director_name": gettext_lazy("ผู้อำนวยการสถานศึกษา"),
    "phone": gettext_lazy("โทรศัพท์"),
    # Level names are data (the cell text of the file), not interface text.
    **LEVEL_LABELS,
}

FORMULA_PREFIXES = ("=", "+", "-", "@")
MAX_ROWS = 50_000


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, no code column, …)."""


def neutralise(value):
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unneutralise(value):
    """Undo ``neutralise`` so an exported file imports back unchanged."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def levels_text(school):
    return ", ".join(label for name, label in LEVEL_LABELS.items() if getattr(school, name))


# --- Reading files ---------------------------------------------------------------------


def decode_text(data):
    """Decode a CSV file: UTF-8 with or without BOM, UTF-16 with BOM, else TIS-620/cp874
    (what Thai Excel on Windows saves). Returns (text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874"), "TIS-620/cp874"
    except UnicodeDecodeError:
        raise ImportFileError(
            _("อ่านไฟล์ไม่ได้: ไม่ใช่ข้อความภาษาไทยแบบ UTF-8 หรือ TIS-620 กรุณาบันทึกไฟล์เป็น CSV UTF-8")
        ) from None


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def read_table(data, filename=""):
    """(headers, rows, description) of a CSV or XLSX file given as bytes. Rows are
    (row number, list of cell strings); the header is row 1."""
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("ไฟล์ Excel รุ่นเก่า (.xls) ยังไม่รองรับ กรุณาบันทึกเป็น .xlsx หรือ CSV แล้วนำเข้าใหม่")
        )
    text, encoding = decode_text(data)
    if "\x00" in text:
        raise ImportFileError(_("ไฟล์นี้ไม่ใช่ CSV หรือ Excel (.xlsx)"))
    sample = text[:4096]
    delimiter = ","
    with contextlib.suppress(csv.Error):
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise ImportFileError(_("ไฟล์ว่างเปล่า")) from None
    rows = ((number, row) for number, row in enumerate(reader, start=2))
    return headers, rows, f"CSV {encoding}"


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("เปิดไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย")) from None
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    try:
        headers = [_cell_text(v) for v in next(values)]
    except StopIteration:
        raise ImportFileError(_("ไฟล์ว่างเปล่า")) from None
    rows = ((number, [_cell_text(v) for v in row]) for number, row in enumerate(values, start=2))
    return headers, rows, "Excel (.xlsx)"


def map_headers(headers):
    """Canonical column name per position (None = ignored) and the ignored headers."""
    mapping, ignored, seen = [], [], {}
    for header in headers:
        key = " ".join(header.replace("\ufeff", "").split())
        canonical = HEADER_ALIASES.get(key) or HEADER_ALIASES.get(key.lower())
        if canonical and canonical in seen:
            raise ImportFileError(_("พบคอลัมน์ “%(header)s” ซ้ำในแถวหัวตาราง") % {"header": header})
        if canonical:
            seen[canonical] = True
        elif key:
            ignored.append(header)
        mapping.append(canonical)
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        names = ", ".join(f"{COLUMNS[c][1]} ({COLUMNS[c][0]})" for c in missing)
        raise ImportFileError(_("ไม่พบคอลัมน์ที่จำเป็น: %(names)s") % {"names": names})
    return mapping, ignored


# --- Checking rows ---------------------------------------------------------------------


@dataclass
class RowCheck:
    number: int
    code: str
    name: str
    status: str = "new"  # new | updated | unchanged | error
    errors: list = field(default_factory=list)
    changes: list = field(default_factory=list)  # (label, old, new)
    values: dict = field(default_factory=dict)  # model field -> value (cluster as name)
    school: School | None = None

    STATUS_LABELS = {
        "new": gettext_lazy("ใหม่"),
        "updated": gettext_lazy("ปรับปรุง"),
        "unchanged": gettext_lazy("ไม่เปลี่ยนแปลง"),
        "error": gettext_lazy("ผิดพลาด"),
    }

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]

    @property
    def reason(self):
        if self.errors:
            return "; ".join(self.errors)
        if self.status == "updated":
            return "; ".join(f"{label}: “{old}” → “{new}”" for label, old, new in self.changes)
        if self.status == "new":
            return _("เพิ่มสถานศึกษาใหม่")
        return ""


@dataclass
class ImportCheck:
    office: AreaOffice
    description: str
    rows: list
    ignored_headers: list
    columns: list
    new_clusters: list

    @property
    def counts(self):
        result = {"new": 0, "updated": 0, "unchanged": 0, "error": 0}
        for row in self.rows:
            result[row.status] += 1
        return result

    @property
    def has_errors(self):
        return any(r.status == "error" for r in self.rows)

    def summary(self):
        c = self.counts
        return (
            f"new {c['new']}, updated {c['updated']}, unchanged {c['unchanged']}, "
            f"errors {c['error']}"
        )


def _to_arabic(text):
    return text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))


def parse_levels(text):
    """The four level flags from a cell such as "ปฐมวัย, ประถมศึกษา"; raises ValueError
    naming an unknown level."""
    flags = dict.fromkeys(LEVEL_FIELDS, False)
    for token in LEVEL_SPLIT.split(text.strip()):
        if not token:
            continue
        key = LEVEL_ALIASES.get(token) or LEVEL_ALIASES.get(token.lower())
        if key is None:
            raise ValueError(
                _(
                    "ไม่รู้จักระดับที่เปิดสอน “%(level)s” (ใช้ได้: ปฐมวัย, ประถมศึกษา, "
                    "มัธยมศึกษาตอนต้น, มัธยมศึกษาตอนปลาย)"
                )
                % {"level": token}
            )
        flags[key] = True
    return flags


def parse_students(text):
    if not text:
        return None
    cleaned = _to_arabic(text).replace(",", "").replace(" ", "")
    if cleaned.endswith(".0"):
        cleaned = cleaned[:-2]
    if not cleaned.isdigit():
        raise ValueError(_("จำนวนนักเรียนต้องเป็นจำนวนเต็มไม่ติดลบ (พบ “%(value)s”)") % {"value": text})
    return int(cleaned)


def _check_values(cells, row):
    """Fill ``row.values`` from the cells of the columns present; collect errors."""
    values = {}
    for column, text in cells.items():
        if column == "code":
            continue
        if column == "levels":
            try:
                values.update(parse_levels(text))
            except ValueError as exc:
                row.errors.append(str(exc))
        elif column == "students":
            try:
                values["students"] = parse_students(text)
            except ValueError as exc:
                row.errors.append(str(exc))
        elif column == "obec_code":
            code8 = _to_arabic(text)
            if code8 and not re.fullmatch(r"\d{8}", code8):
                row.errors.append(
                    _("รหัส สพฐ. ต้องเป็นตัวเลข ๘ หลัก (พบ “%(value)s”)") % {"value": text}
                )
            values["obec_code"] = code8
        else:
            limit = TEXT_LIMITS.get(column)
            if limit and len(text) > limit:
                row.errors.append(
                    _("%(label)s ยาวเกิน %(limit)s ตัวอักษร")
                    % {"label": FIELD_LABELS[column], "limit": limit}
                )
            values[column] = text
    if "name" in cells and not cells["name"]:
        row.errors.append(_("ต้องระบุชื่อสถานศึกษา"))
    row.values = values


def _current_value(school, name):
    if name == "cluster":
        return school.cluster.name if school.cluster_id else ""
    return getattr(school, name)


def _shown(value):
    if value is None:
        return "-"
    if isinstance(value, bool):
        return _("มี") if value else _("ไม่มี")
    return value


def check_rows(office, headers, rows, description=""):
    """Validate every row against the office's registry; return an ImportCheck.

    Reads every existing school of the file's codes in a few queries, whatever the
    file's size, so a 30,000-row list checks in seconds.
    """
    mapping, ignored = map_headers(headers)
    parsed = []
    for number, cells in rows:
        if number - 1 > MAX_ROWS:
            raise ImportFileError(
                _("ไฟล์มีข้อมูลเกิน %(max)s แถว กรุณาแบ่งไฟล์") % {"max": f"{MAX_ROWS:,}"}
            )
        values = {}
        for position, column in enumerate(mapping):
            if column is None:
                continue
            text = cells[position] if position < len(cells) else ""
            values[column] = unneutralise(text.strip())
        if not any(values.values()):
            continue  # a blank line
        parsed.append((number, values))

    codes = {}
    for number, cells in parsed:
        code = _to_arabic(cells.get("code", "")).replace(" ", "").replace("-", "")
        cells["code"] = code
        codes.setdefault(code, []).append(number)

    existing = {}
    code_list = [c for c in codes if re.fullmatch(r"\d{10}", c)]
    for start in range(0, len(code_list), 5000):
        chunk = code_list[start : start + 5000]
        for school in School.objects.filter(code__in=chunk).select_related(
            "cluster", "area_office"
        ):
            existing[school.code] = school
    clusters = {c.name for c in Cluster.objects.filter(area_office=office)}
    new_clusters = []

    checked = []
    for number, cells in parsed:
        code = cells["code"]
        row = RowCheck(number=number, code=code, name=cells.get("name", ""))
        if not re.fullmatch(r"\d{10}", code):
            row.errors.append(
                _("รหัสสถานศึกษาต้องเป็นตัวเลข ๑๐ หลัก (พบ “%(value)s”)") % {"value": code or _("ว่าง")}
            )
        duplicates = [n for n in codes[code] if n != number]
        if code and duplicates:
            row.errors.append(
                _("รหัสสถานศึกษาซ้ำกับแถวที่ %(rows)s ในไฟล์")
                % {"rows": ", ".join(str(n) for n in duplicates)}
            )
        _check_values(cells, row)
        school = existing.get(code)
        if school is not None and school.area_office_id != office.pk:
            row.errors.append(
                _("รหัสสถานศึกษานี้เป็นของ %(office)s ไม่ใช่ของสำนักงานเขตที่นำเข้า")
                % {"office": school.area_office}
            )
        if row.errors:
            row.status = "error"
        elif school is None:
            row.status = "new"
        else:
            row.school = school
            for name, new in row.values.items():
                old = _current_value(school, name)
                if old != new and not (old is None and new == ""):
                    row.changes.append((FIELD_LABELS.get(name, name), _shown(old), _shown(new)))
            row.status = "updated" if row.changes else "unchanged"
        cluster_name = row.values.get("cluster")
        if row.status != "error" and cluster_name and cluster_name not in clusters:
            clusters.add(cluster_name)
            new_clusters.append(cluster_name)
        checked.append(row)

    return ImportCheck(
        office=office,
        description=description,
        rows=checked,
        ignored_headers=ignored,
        columns=[c for c in mapping if c],
        new_clusters=new_clusters,
    )


def check_file(office, data, filename=""):
    headers, rows, description = read_table(data, filename)
    return check_rows(office, headers, rows, description)


# --- Export and the django-import-export resource ---------------------------------------


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
        return "หัวตารางภาษาไทย" if cls.thai_headers else "English headers"

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
    def before_import(self, dataset, **kwargs):
        if self.office is None:
            raise ValidationError(
                _("ผู้ใช้นี้ไม่ได้สังกัดสำนักงานเขตพื้นที่ จึงนำเข้าไม่ได้ (ระบุสำนักงานเขตของผู้ใช้ก่อน)")
            )
        try:
            mapping, _ignored = map_headers(dataset.headers)
            rows = ((i + 2, [_cell_text(v) for v in row]) for i, row in enumerate(dataset))
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
        code = _to_arabic(str(row.get(self.fields["code"].column_name) or "")).strip()
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
