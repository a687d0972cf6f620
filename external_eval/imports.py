"""Reading and checking ONESQA's results per standard (form ๗.๒) from a CSV or XLSX file.

The file is read by the school import's reader (``schools.tables.read_table``: the type
told by content, UTF-8 with or without BOM, UTF-16, TIS-620/cp874; XLSX read for values,
never formulas), so both imports accept the same files. One row is one school × one
standard: the school by its ONESQA code or its 10-digit MOE code, the standard by level
(ปฐมวัย / ขั้นพื้นฐาน) and number, ONESQA's level by its label on the round's scale or its
value; strengths, points to improve, an innovation and one ONESQA recommendation per row.
More rows for the same school and standard add recommendations (their level, if given,
must agree). Rows are numbered as a spreadsheet shows them (the header is row 1); every
error says what is wrong in Thai. A fixed number of queries whatever the file's size.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from iqa_district.spreadsheets import unneutralise
from schools.models import AreaOffice, School
from schools.tables import MAX_ROWS, ImportFileError, Row, arabic_digits, read_table
from standards.models import Standard

from .models import ExternalEvaluation, OnesqaRound, OnesqaStandardResult, RatingLevel

# Canonical column -> the headers that name it (compared without spaces' differences
# and case). The first is the one the template file uses.
COLUMNS: dict[str, tuple[str, ...]] = {
    "onesqa_code": ("รหัสสถานศึกษา สมศ.", "รหัส สมศ.", "onesqa_code", "onesqa code"),
    "code": ("รหัสสถานศึกษา", "รหัส สพฐ.", "รหัสโรงเรียน", "code", "school_code", "moe_code"),
    "level": ("ระดับการศึกษา", "ระดับ", "level"),
    "standard": ("มาตรฐานที่", "มาตรฐาน", "standard"),
    "result": ("ระดับคุณภาพ", "ระดับคุณภาพจาก สมศ.", "ผลการประเมิน", "result"),
    "strengths": ("จุดเด่น", "strengths"),
    "improvements": ("จุดที่ควรพัฒนา", "improvements"),
    "recommendation": ("ข้อเสนอแนะ", "ข้อเสนอแนะของ สมศ.", "recommendation"),
    "innovation": ("นวัตกรรม/แบบอย่างที่ดี", "นวัตกรรม", "แบบอย่างที่ดี", "innovation"),
}
HEADERS = {" ".join(h.split()).lower(): c for c, names in COLUMNS.items() for h in names}
LEVELS = {
    "ปฐมวัย": "ece",
    "การศึกษาปฐมวัย": "ece",
    "ระดับปฐมวัย": "ece",
    "ece": "ece",
    "ขั้นพื้นฐาน": "basic",
    "การศึกษาขั้นพื้นฐาน": "basic",
    "ระดับการศึกษาขั้นพื้นฐาน": "basic",
    "basic": "basic",
}
TEXTS = ("strengths", "improvements", "innovation")
TEXT_LIMIT = 5000
STATUS_LABELS = {
    "new": gettext_lazy("ใหม่"),
    "updated": gettext_lazy("ปรับปรุง"),
    "unchanged": gettext_lazy("ไม่เปลี่ยนแปลง"),
    "more": gettext_lazy("ข้อเสนอแนะเพิ่ม"),
    "error": gettext_lazy("ผิดพลาด"),
}


@dataclass
class ResultRow:
    number: int
    school_text: str
    school: School | None = None
    evaluation: ExternalEvaluation | None = None
    standard: Standard | None = None
    level: RatingLevel | None = None
    texts: dict[str, str] = field(default_factory=dict)
    recommendation: str = ""
    status: str = "error"  # new, updated, unchanged, more (another recommendation), error
    errors: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def reason(self) -> str:
        return " ".join(self.errors)


@dataclass
class ResultsCheck:
    onesqa_round: OnesqaRound
    description: str
    rows: list[ResultRow]
    ignored_headers: list[str]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(r.status == "error" for r in self.rows)

    @property
    def valid_rows(self) -> list[ResultRow]:
        return [r for r in self.rows if r.status != "error"]


def map_headers(headers: Iterable[str]) -> tuple[list[str | None], list[str]]:
    mapping: list[str | None] = []
    ignored: list[str] = []
    seen: set[str] = set()
    for header in headers:
        key = " ".join(header.replace("\ufeff", "").split()).lower()
        canonical = HEADERS.get(key)
        if canonical and canonical in seen:
            raise ImportFileError(_("พบคอลัมน์ “%(header)s” ซ้ำในแถวหัวตาราง") % {"header": header})
        if canonical:
            seen.add(canonical)
        elif key:
            ignored.append(header)
        mapping.append(canonical)
    if not seen & {"onesqa_code", "code"}:
        raise ImportFileError(_("ไม่พบคอลัมน์รหัสสถานศึกษา สมศ. หรือรหัสสถานศึกษา (10 หลัก)"))
    missing = [COLUMNS[c][0] for c in ("standard", "result") if c not in seen]
    if missing:
        raise ImportFileError(_("ไม่พบคอลัมน์ที่จำเป็น: %(names)s") % {"names": ", ".join(missing)})
    return mapping, ignored


def _parse(mapping: list[str | None], rows: Iterable[Row]) -> list[tuple[int, dict[str, str]]]:
    parsed = []
    for number, texts in rows:
        if number - 1 > MAX_ROWS:
            raise ImportFileError(
                _("ไฟล์มีข้อมูลเกิน %(max)s แถว กรุณาแบ่งไฟล์") % {"max": f"{MAX_ROWS:,}"}
            )
        values = {}
        for position, column in enumerate(mapping):
            if column is not None:
                text = texts[position] if position < len(texts) else ""
                # An exported cell comes back as it was; a live formula stays inert text.
                values[column] = unneutralise(text.strip())
        if any(values.values()):
            parsed.append((number, values))
    return parsed


def _code(text: str) -> str:
    return arabic_digits(text).replace(" ", "").replace("-", "")


def check_rows(
    onesqa_round: OnesqaRound,
    office: AreaOffice,
    headers: list[str],
    rows: Iterable[Row],
    description: str = "",
) -> ResultsCheck:
    mapping, ignored = map_headers(headers)
    parsed = _parse(mapping, rows)
    onesqa_codes = {_code(c.get("onesqa_code", "")) for _n, c in parsed} - {""}
    moe_codes = {_code(c.get("code", "")) for _n, c in parsed} - {""}
    schools = list(
        School.objects.filter(Q(onesqa_code__in=onesqa_codes) | Q(code__in=moe_codes))
        .select_related("area_office")
        .only("pk", "code", "onesqa_code", "name", "area_office__name", "area_office_id")
    )
    by_code = {s.code: s for s in schools}
    by_onesqa: dict[str, list[School]] = {}
    for s in schools:
        if s.onesqa_code:
            by_onesqa.setdefault(s.onesqa_code, []).append(s)
    # The school's evaluation in the round: the latest one (a re-evaluation after the first).
    evaluations: dict[int, ExternalEvaluation] = {}
    for evaluation in ExternalEvaluation.objects.filter(
        round=onesqa_round, school__in=[s.pk for s in schools if s.area_office_id == office.pk]
    ).order_by("school_id", "scheduled_from", "pk"):
        evaluations[evaluation.school_id] = evaluation
    standards: dict[tuple[str, int], Standard] = {
        (s.standard_set.level, s.number): s
        for s in Standard.objects.filter(standard_set__onesqa_rounds=onesqa_round).select_related(
            "standard_set"
        )
    }
    round_levels = {level for level, _n in standards}
    scale = list(RatingLevel.objects.filter(scale=onesqa_round.scale_id))
    by_label = {" ".join(lv.label.split()): lv for lv in scale}
    by_value = {str(lv.value): lv for lv in scale}
    existing = {
        (r.evaluation_id, r.standard_id): r
        for r in OnesqaStandardResult.objects.filter(evaluation__in=list(evaluations.values()))
    }

    checked: list[ResultRow] = []
    first_row: dict[tuple[int, int], ResultRow] = {}
    for number, cells in parsed:
        onesqa_code, moe_code = _code(cells.get("onesqa_code", "")), _code(cells.get("code", ""))
        row = ResultRow(number=number, school_text=onesqa_code or moe_code)
        checked.append(row)
        school = _school(row, onesqa_code, moe_code, by_onesqa, by_code, office)
        if school is not None:
            row.school = school
            row.evaluation = evaluations.get(school.pk)
            if row.evaluation is None:
                row.errors.append(
                    _("%(school)s ยังไม่มีการประเมินใน%(round)s กรุณาบันทึกกำหนดการประเมินก่อน")
                    % {"school": school.name, "round": onesqa_round.name}
                )
        row.standard = _standard(row, cells, standards, round_levels)
        result_text = " ".join(arabic_digits(cells.get("result", "")).split())
        if result_text:
            row.level = by_label.get(result_text) or by_value.get(result_text)
            if row.level is None:
                row.errors.append(
                    _("ระดับคุณภาพ “%(value)s” ไม่อยู่ในมาตรวัดของรอบนี้ (%(labels)s)")
                    % {"value": result_text, "labels": ", ".join(lv.label for lv in scale)}
                )
        for name in TEXTS:
            row.texts[name] = cells.get(name, "")
        row.recommendation = cells.get("recommendation", "")
        for name in (*TEXTS, "recommendation"):
            if len(cells.get(name, "")) > TEXT_LIMIT:
                row.errors.append(
                    _("ข้อความในคอลัมน์ %(column)s ยาวเกิน %(max)s ตัวอักษร")
                    % {"column": COLUMNS[name][0], "max": f"{TEXT_LIMIT:,}"}
                )
        if row.errors or row.evaluation is None or row.standard is None:
            row.status = "error"
            continue
        key = (row.evaluation.pk, row.standard.pk)
        first = first_row.get(key)
        if first is not None:
            _more(row, first)
            continue
        if row.level is None:
            row.errors.append(_("กรุณาระบุระดับคุณภาพจาก สมศ."))
            continue
        first_row[key] = row
        current = existing.get(key)
        if current is None:
            row.status = "new"
        elif current.level_id != row.level.pk or any(
            getattr(current, name) != row.texts[name] for name in TEXTS
        ):
            row.status = "updated"
        else:
            row.status = "unchanged"
    for row in checked:
        if row.errors:
            row.status = "error"
    return ResultsCheck(onesqa_round, description, checked, ignored)


def _school(row, onesqa_code, moe_code, by_onesqa, by_code, office) -> School | None:
    if not onesqa_code and not moe_code:
        row.errors.append(_("กรุณาระบุรหัสสถานศึกษา สมศ. หรือรหัสสถานศึกษา 10 หลัก"))
        return None
    if moe_code and not re.fullmatch(r"\d{10}", moe_code):
        row.errors.append(_("รหัสสถานศึกษาต้องเป็นตัวเลข 10 หลัก (พบ “%(value)s”)") % {"value": moe_code})
        return None
    school = by_code.get(moe_code) if moe_code else None
    if onesqa_code:
        matches = by_onesqa.get(onesqa_code, [])
        if len(matches) > 1 and school is None:
            row.errors.append(
                _("รหัส สมศ. “%(value)s” ตรงกับสถานศึกษามากกว่าหนึ่งแห่ง กรุณาระบุรหัสสถานศึกษา 10 หลัก")
                % {"value": onesqa_code}
            )
            return None
        if school is not None and matches and school not in matches:
            row.errors.append(
                _("รหัส สมศ. “%(onesqa)s” ไม่ใช่ของสถานศึกษารหัส %(code)s")
                % {"onesqa": onesqa_code, "code": moe_code}
            )
            return None
        school = school or (matches[0] if matches else None)
    if school is None:
        row.errors.append(_("ไม่พบสถานศึกษารหัส “%(value)s”") % {"value": moe_code or onesqa_code})
        return None
    if school.area_office_id != office.pk:
        row.errors.append(
            _("สถานศึกษารหัส %(code)s ไม่ได้อยู่ในสังกัดสำนักงานเขตพื้นที่ที่นำเข้า") % {"code": school.code}
        )
        return None
    return school


def _standard(row, cells, standards, round_levels) -> Standard | None:
    level_text = " ".join(cells.get("level", "").split()).lower()
    if level_text:
        level = LEVELS.get(level_text) or LEVELS.get(level_text.removeprefix("ระดับ"))
        if level is None:
            row.errors.append(
                _("ระดับการศึกษา “%(value)s” ไม่ถูกต้อง (ปฐมวัย หรือ ขั้นพื้นฐาน)") % {"value": level_text}
            )
            return None
    elif len(round_levels) == 1:
        (level,) = round_levels
    else:
        row.errors.append(_("กรุณาระบุระดับการศึกษา (ปฐมวัย หรือ ขั้นพื้นฐาน)"))
        return None
    number_text = arabic_digits(cells.get("standard", "")).strip()
    number_text = number_text.removeprefix("มาตรฐานที่").strip()
    if not number_text.isdigit():
        row.errors.append(
            _("มาตรฐานที่ต้องเป็นตัวเลข (พบ “%(value)s”)") % {"value": number_text or _("ว่าง")}
        )
        return None
    standard = standards.get((level, int(number_text)))
    if standard is None:
        row.errors.append(
            _("ไม่มีมาตรฐานที่ %(number)s ของระดับนี้ในกรอบการประเมินของรอบ") % {"number": number_text}
        )
    return standard


def _more(row: ResultRow, first: ResultRow) -> None:
    """Another row for a school and standard already given: one more recommendation."""
    if row.level is not None and row.level != first.level:
        row.errors.append(
            _("ระดับคุณภาพไม่ตรงกับแถวที่ %(row)s ของสถานศึกษาและมาตรฐานเดียวกัน") % {"row": first.number}
        )
    elif not row.recommendation:
        row.errors.append(
            _("สถานศึกษาและมาตรฐานนี้ซ้ำกับแถวที่ %(row)s (แถวเพิ่มต้องมีข้อเสนอแนะ)") % {"row": first.number}
        )
    elif any(row.texts[name] and row.texts[name] != first.texts[name] for name in TEXTS):
        row.errors.append(
            _("จุดเด่น/จุดที่ควรพัฒนาไม่ตรงกับแถวที่ %(row)s ของสถานศึกษาและมาตรฐานเดียวกัน")
            % {"row": first.number}
        )
    else:
        row.status = "more"
        row.level = first.level


def check_file(
    onesqa_round: OnesqaRound, office: AreaOffice, data: bytes, filename: str = ""
) -> ResultsCheck:
    headers, rows, description = read_table(data, filename)
    return check_rows(onesqa_round, office, headers, rows, description)
