"""The synthesis as an XLSX workbook: every table of the report, one sheet each.

School-typed text (strengths, needs, school names) reaches the sheet neutralised: a cell
that would start with = + - @ or a control character is written as text with a leading
apostrophe, so a spreadsheet never evaluates it as a formula."""

from functools import lru_cache
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell._writer import write_cell
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from iqa_district.spreadsheets import neutralise

from . import narrative
from .presentation import level_labels, present

HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")


def _sheet(workbook, title, headers, rows, widths=None):
    """A sheet written row by row (openpyxl's write-only mode: no cell objects kept): a
    bold header row, frozen, then ``rows``, every text neutralised; a string cell is
    always text (an inline string), never a formula."""
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, value) for value in headers])
    _write_plain_rows(sheet)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    return sheet


@lru_cache(maxsize=64)
def _column(index):
    return get_column_letter(index)


def _xml_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _write_plain_rows(sheet):
    """Write the rows of ``sheet`` as XML text. openpyxl (3.1, pinned) builds and
    serialises an ElementTree element for every cell, which was 70 % of the workbook's
    time at 3,000 schools (140,000 cells); the cells written here are the same markup
    (``<c r="B7" t="inlineStr"><is><t>…</t></is></c>``, ``<v>`` for numbers). A cell
    with a style or another type goes through openpyxl's own writer. Every string is
    written as text whatever openpyxl guessed for it ("#N/A" an error, "=…" a formula),
    so no cell of school-typed text can ever be evaluated."""
    writer = sheet._writer
    openpyxl_write_row = writer.write_row

    def write_row(xf, row, row_idx):
        raw = getattr(xf, "_file", None)  # et_xmlfile's writer (lxml's has none)
        if raw is None:
            openpyxl_write_row(xf, row, row_idx)
            return
        parts = [f'<row r="{row_idx}">']
        # ``row`` yields one cell object, reused for every value: read it as it comes.
        for cell in row:
            value = cell._value
            if cell.has_style or not isinstance(value, str | int | float | None):
                raw("".join(parts))
                parts.clear()
                write_cell(xf, sheet, cell, cell.has_style)
                continue
            if value is None:
                continue
            ref = f"{_column(cell.column)}{row_idx}"
            if isinstance(value, str):
                if not value:
                    parts.append(f'<c r="{ref}" t="inlineStr"/>')
                    continue
                space = ' xml:space="preserve"' if value != value.strip() else ""
                parts.append(
                    f'<c r="{ref}" t="inlineStr"><is><t{space}>{_xml_text(value)}</t></is></c>'
                )
            elif isinstance(value, bool):
                parts.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            else:
                parts.append(f'<c r="{ref}" t="n"><v>{safe_string(value)}</v></c>')
        parts.append("</row>")
        raw("".join(parts))  # inside the open <sheetData> element

    writer.write_row = write_row


def _header_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=neutralise(value))
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGNMENT
    return cell


def _text_cell(sheet, value):
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # never a formula, whatever the text
    return cell


def _blank(label):
    # A missing level is an empty cell, not a "-" a spreadsheet could read as a sign.
    return None if label == "-" else label


def _level_headers(labels):
    headers = []
    for label in labels:
        headers += [f"{label} (แห่ง)", f"{label} (ร้อยละ)"]
    return headers


def _level_cells(levels):
    cells = []
    for entry in levels:
        cells += [entry["count"], entry["percent"]]
    return cells


def _below_target_rows(data, results):
    """One row per school below target per standard: up to 14,000 rows at 3,000
    schools, so read from the results themselves, not through the presentation."""
    labels = level_labels()

    def label(level):
        return labels.get(level, "")

    def percent(value):
        return narrative.fmt(value)

    for level_set, raw_set in zip(data["level_sets"], results["level_sets"], strict=True):
        set_label = level_set["label"]
        for standard in raw_set["standards"]:
            for school in standard["below_target"]:
                yield [
                    set_label,
                    standard["number"],
                    school["code"],
                    school["name"],
                    school["cluster"],
                    label(school["level"]) or None,
                    "; ".join(
                        f"{i['code']}: เป้าหมาย {label(i['target_level']) or '-'}"
                        + (
                            f" ร้อยละ {percent(i['target_percent'])}"
                            if i["target_percent"] is not None
                            else ""
                        )
                        + f" ผล {label(i['level']) or '-'}"
                        + (f" ร้อยละ {percent(i['percent'])}" if i["percent"] is not None else "")
                        for i in school["items"]
                    ),
                ]


def render_xlsx(run, results):
    data = present(results, office_name=run.area_office.name)
    labels = [entry["label"] for entry in data["level_labels"]]
    standards = [
        (level_set, standard)
        for level_set in data["level_sets"]
        for standard in level_set["standards"]
    ]
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet("สรุป")
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 80
    c = data["coverage"]
    for row in [
        ["รายงานผลการสังเคราะห์รายงานผลการประเมินตนเองของสถานศึกษา"],
        ["สำนักงานเขตพื้นที่การศึกษา", run.area_office.name],
        ["ปีการศึกษา", data["academic_year"]],
        ["สถานศึกษาในสังกัด (แห่ง)", c["schools_total"]],
        ["สถานศึกษาที่นำมาสังเคราะห์ (แห่ง)", c["schools"]],
        ["รับรายงานแล้ว (แห่ง)", c["accepted"]],
        ["ส่งแล้วรอพิจารณา (แห่ง)", c["submitted"]],
        ["ร้อยละของสถานศึกษาทั้งหมด", c["percent"]],
        ["ภาพรวม", data["overview"]],
    ]:
        summary.append([_text_cell(summary, neutralise(v)) for v in row])

    _sheet(
        workbook,
        "รายมาตรฐาน",
        [
            "ระดับ",
            "มาตรฐาน",
            "จำนวน (แห่ง)",
            *_level_headers(labels),
            "ดีเลิศขึ้นไป (แห่ง)",
            "ดีเลิศขึ้นไป (ร้อยละ)",
            "กำหนดเป้าหมาย (แห่ง)",
            "บรรลุเป้าหมาย (แห่ง)",
            "บรรลุเป้าหมาย (ร้อยละ)",
            "ปีก่อน ดีเลิศขึ้นไป (ร้อยละ)",
            "เปลี่ยนแปลง (ร้อยละ)",
        ],
        [
            [
                ls["label"],
                s["heading"],
                s["n"],
                *_level_cells(s["levels"]),
                s["good_plus"]["count"],
                s["good_plus"]["percent"],
                s["target"]["n"],
                s["target"]["met"],
                s["target"]["percent"],
                s["change"]["previous_percent"] if s["change"] else None,
                s["change"]["delta"] if s["change"] else None,
            ]
            for ls, s in standards
        ],
        [20, 40],
    )
    _sheet(
        workbook,
        "รายประเด็น",
        [
            "ระดับ",
            "มาตรฐาน",
            "ประเด็น",
            "ประเด็นพิจารณา",
            "จำนวน (แห่ง)",
            *_level_headers(labels),
            "ดีเลิศขึ้นไป (ร้อยละ)",
            "กำหนดเป้าหมาย (แห่ง)",
            "บรรลุเป้าหมาย (ร้อยละ)",
        ],
        [
            [
                ls["label"],
                s["number"],
                i["code"],
                i["title"],
                i["n"],
                *_level_cells(i["levels"]),
                i["good_plus"]["percent"],
                i["target"]["n"],
                i["target"]["percent"],
            ]
            for ls, s in standards
            for i in s["items"]
        ],
        [20, 10, 10, 50],
    )
    for title, key in (("กลุ่มเครือข่าย", "by_cluster"), ("ขนาดสถานศึกษา", "by_size")):
        _sheet(
            workbook,
            title,
            [
                "ระดับ",
                "มาตรฐาน",
                title,
                "จำนวน (แห่ง)",
                *_level_headers(labels),
                "ดีเลิศขึ้นไป (ร้อยละ)",
                "บรรลุเป้าหมาย (ร้อยละ)",
            ],
            [
                [
                    ls["label"],
                    s["number"],
                    g["label"],
                    g["n"],
                    *_level_cells(g["levels"]),
                    g["good_plus"]["percent"],
                    g["target"]["percent"],
                ]
                for ls, s in standards
                for g in s[key]
            ],
            [20, 10, 30],
        )
    _sheet(
        workbook,
        "ไม่บรรลุเป้าหมาย",
        [
            "ระดับ",
            "มาตรฐาน",
            "รหัสสถานศึกษา",
            "สถานศึกษา",
            "กลุ่มเครือข่าย",
            "ระดับมาตรฐาน",
            "ประเด็นที่ยังไม่บรรลุ",
        ],
        _below_target_rows(data, results),
        [20, 10, 14, 34, 30, 14, 60],
    )
    _sheet(
        workbook,
        "จุดเด่น-จุดที่ควรพัฒนา",
        [
            "ระดับ",
            "มาตรฐาน",
            "ประเภท",
            "วลีสำคัญ",
            "จำนวนสถานศึกษา",
            "ตัวอย่างข้อความ ๑",
            "ตัวอย่างข้อความ ๒",
        ],
        [
            [
                ls["label"],
                s["number"],
                kind,
                p["phrase"],
                p["schools"],
                *[f"{q['text']} — {q['school']}" for q in p["quotes"]],
            ]
            for ls, s in standards
            for kind, key in (("จุดเด่น", "strengths"), ("จุดที่ควรพัฒนา", "improvements"))
            for p in s[key]
        ],
        [20, 10, 14, 30, 14, 60, 60],
    )
    _sheet(
        workbook,
        "ความต้องการช่วยเหลือ",
        ["ด้าน", "จำนวนสถานศึกษา", "ร้อยละ", "จำนวนรายการ", "ตัวอย่าง"],
        [
            [
                n["label"],
                n["schools"],
                n["percent"],
                n["mentions"],
                "; ".join(f"{e['text']} ({e['school']})" for e in n["examples"]),
            ]
            for n in data["help_needs"]
        ],
        [34, 14, 10, 12, 80],
    )
    _sheet(workbook, "ข้อเสนอแนะ", ["ข้อเสนอแนะ"], [[t] for t in data["recommendations"]], [120])
    _sheet(
        workbook,
        "รายสถานศึกษา",
        [
            "ที่",
            "รหัสสถานศึกษา",
            "สถานศึกษา",
            "กลุ่มเครือข่าย",
            "ขนาด",
            "สถานะ SAR",
            *[col["label"] for col in data["columns"]],
        ],
        [
            [
                index,
                s["code"],
                s["name"],
                s["cluster_label"],
                s["size_label"],
                s["status_label"],
                *[_blank(label) for label in s["level_labels"]],
            ]
            for index, s in enumerate(data["schools"], start=1)
        ],
        [6, 14, 34, 30, 14, 16],
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
