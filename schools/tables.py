"""Reading and checking a school list (OBEC/DMC spreadsheets): CSV and XLSX.

One validator (``check_rows``) decides, for every row of a file, whether it is new,
updated, unchanged or an error, with a Thai reason. Two callers use it:

* the fast path (``schools.services.school_import_apply``: the browser page, the
  ``import_schools`` command and the benchmark), which writes with bulk_create and
  bulk_update after validating the whole file;
* ``schools.resources.SchoolResource`` (django-import-export), behind the Django admin's
  import button, which asks the same validator about each row.

Headers may be English (code, name, …) or Thai (รหัสสถานศึกษา, ชื่อสถานศึกษา, …).
Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

import contextlib
import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

# One neutralising rule for every export; schools re-exports it for its resource.
from iqa_district.spreadsheets import unneutralise

from .models import AreaOffice, Cluster, School

Row = tuple[int, list[str]]  # (spreadsheet row number, cell texts)
Value = str | int | bool | None  # a checked cell, as the model field takes it

# Canonical column -> (English header, Thai header)
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

FIELD_LABELS: dict[str, StrOrPromise] = {
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

MAX_ROWS = 50_000


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, no code column, …)."""


# --- Reading files ---------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
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


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold (Excel stores codes as numbers)."""
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


def read_table(data: bytes, filename: str = "") -> tuple[list[str], Iterator[Row], str]:
    """(headers, rows, description) of a CSV or XLSX file given as bytes. Rows are
    (row number, list of cell strings); the header is row 1. The type is told by the
    content, never by the uploader's ``filename``."""
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


def _read_xlsx(data: bytes) -> tuple[list[str], Iterator[Row], str]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("เปิดไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย")) from None
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    try:
        headers = [cell_text(v) for v in next(values)]
    except StopIteration:
        raise ImportFileError(_("ไฟล์ว่างเปล่า")) from None
    rows = ((number, [cell_text(v) for v in row]) for number, row in enumerate(values, start=2))
    return headers, rows, "Excel (.xlsx)"


def map_headers(
    headers: Iterable[str],
    *,
    aliases: dict[str, str] | None = None,
    required: list[str] | None = None,
    columns: dict[str, tuple[str, str]] | None = None,
) -> tuple[list[str | None], list[str]]:
    """Canonical column name per position (None = ignored) and the ignored headers. The
    school registry's columns by default; another import (accounts) passes its own."""
    aliases = HEADER_ALIASES if aliases is None else aliases
    required = REQUIRED_COLUMNS if required is None else required
    columns = COLUMNS if columns is None else columns
    mapping: list[str | None] = []
    ignored: list[str] = []
    seen: set[str] = set()
    for header in headers:
        key = " ".join(header.replace("\ufeff", "").split())
        canonical = aliases.get(key) or aliases.get(key.lower())
        if canonical and canonical in seen:
            raise ImportFileError(_("พบคอลัมน์ “%(header)s” ซ้ำในแถวหัวตาราง") % {"header": header})
        if canonical:
            seen.add(canonical)
        elif key:
            ignored.append(header)
        mapping.append(canonical)
    missing = [c for c in required if c not in seen]
    if missing:
        names = ", ".join(f"{columns[c][1]} ({columns[c][0]})" for c in missing)
        raise ImportFileError(_("ไม่พบคอลัมน์ที่จำเป็น: %(names)s") % {"names": names})
    return mapping, ignored


# --- Checking rows ---------------------------------------------------------------------


@dataclass
class RowCheck:
    number: int
    code: str
    name: str
    status: str = "new"  # new | updated | unchanged | error
    errors: list[str] = field(default_factory=list)
    changes: list[tuple[StrOrPromise, StrOrPromise | int, StrOrPromise | int]] = field(
        default_factory=list
    )  # (label, old, new)
    values: dict[str, Value] = field(default_factory=dict)  # model field -> value (cluster as name)
    school: School | None = None

    STATUS_LABELS: ClassVar[dict[str, StrOrPromise]] = {
        "new": gettext_lazy("ใหม่"),
        "updated": gettext_lazy("ปรับปรุง"),
        "unchanged": gettext_lazy("ไม่เปลี่ยนแปลง"),
        "error": gettext_lazy("ผิดพลาด"),
    }

    @property
    def status_label(self) -> StrOrPromise:
        return self.STATUS_LABELS[self.status]

    @property
    def reason(self) -> str:
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
    rows: list[RowCheck]
    ignored_headers: list[str]
    columns: list[str]
    new_clusters: list[str]

    @property
    def counts(self) -> dict[str, int]:
        result = {"new": 0, "updated": 0, "unchanged": 0, "error": 0}
        for row in self.rows:
            result[row.status] += 1
        return result

    @property
    def has_errors(self) -> bool:
        return any(r.status == "error" for r in self.rows)

    def summary(self) -> str:
        c = self.counts
        return (
            f"new {c['new']}, updated {c['updated']}, unchanged {c['unchanged']}, "
            f"errors {c['error']}"
        )


def arabic_digits(text: str) -> str:
    """Thai digits (๐–๙) as Arabic ones."""
    return text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))


def parse_levels(text: str) -> dict[str, bool]:
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


def parse_students(text: str) -> int | None:
    if not text:
        return None
    cleaned = arabic_digits(text).replace(",", "").replace(" ", "")
    if cleaned.endswith(".0"):
        cleaned = cleaned[:-2]
    if not cleaned.isdigit():
        raise ValueError(_("จำนวนนักเรียนต้องเป็นจำนวนเต็มไม่ติดลบ (พบ “%(value)s”)") % {"value": text})
    return int(cleaned)


def _check_values(cells: dict[str, str], row: RowCheck) -> None:
    """Fill ``row.values`` from the cells of the columns present; collect errors."""
    values: dict[str, Value] = {}
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
            code8 = arabic_digits(text)
            if code8 and not re.fullmatch(r"\d{8}", code8):
                row.errors.append(
                    _("รหัส สพฐ. ต้องเป็นตัวเลข 8 หลัก (พบ “%(value)s”)") % {"value": text}
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


def _current_value(school: School, name: str) -> Value:
    if name == "cluster":
        return school.cluster.name if school.cluster else ""
    return getattr(school, name)


def _shown(value: Value) -> StrOrPromise | int:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return _("มี") if value else _("ไม่มี")
    return value


def check_rows(
    office: AreaOffice, headers: list[str], rows: Iterable[Row], description: str = ""
) -> ImportCheck:
    """Validate every row against the office's registry; return an ImportCheck.

    Reads every existing school of the file's codes in a few queries, whatever the
    file's size, so a 30,000-row list checks in seconds.
    """
    mapping, ignored = map_headers(headers)
    parsed: list[tuple[int, dict[str, str]]] = []
    for number, texts in rows:
        if number - 1 > MAX_ROWS:
            raise ImportFileError(
                _("ไฟล์มีข้อมูลเกิน %(max)s แถว กรุณาแบ่งไฟล์") % {"max": f"{MAX_ROWS:,}"}
            )
        values = {}
        for position, column in enumerate(mapping):
            if column is None:
                continue
            text = texts[position] if position < len(texts) else ""
            values[column] = unneutralise(text.strip())
        if not any(values.values()):
            continue  # a blank line
        parsed.append((number, values))

    codes: dict[str, list[int]] = {}
    for number, cells in parsed:
        code = arabic_digits(cells.get("code", "")).replace(" ", "").replace("-", "")
        cells["code"] = code
        codes.setdefault(code, []).append(number)

    existing: dict[str, School] = {}
    code_list = [c for c in codes if re.fullmatch(r"\d{10}", c)]
    for start in range(0, len(code_list), 5000):
        chunk = code_list[start : start + 5000]
        for known in School.objects.filter(code__in=chunk).select_related("cluster", "area_office"):
            existing[known.code] = known
    clusters = {c.name for c in Cluster.objects.filter(area_office=office)}
    new_clusters: list[str] = []

    checked = []
    for number, cells in parsed:
        code = cells["code"]
        row = RowCheck(number=number, code=code, name=cells.get("name", ""))
        if not re.fullmatch(r"\d{10}", code):
            row.errors.append(
                _("รหัสสถานศึกษาต้องเป็นตัวเลข 10 หลัก (พบ “%(value)s”)") % {"value": code or _("ว่าง")}
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
        cluster_name = str(row.values.get("cluster") or "")
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


def check_file(office: AreaOffice, data: bytes, filename: str = "") -> ImportCheck:
    """Read the bytes of a CSV or XLSX file and check every row (``check_rows``)."""
    headers, rows, description = read_table(data, filename)
    return check_rows(office, headers, rows, description)
