"""The compliance table as an XLSX workbook. Text a school typed could start with "=",
"+", "-" or "@" and run as a formula in Excel; every text cell is neutralised."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from iqa_district import thai
from iqa_district.spreadsheets import neutralise

from .compliance import CHECKS, STATE_LABELS

FILLS = {
    "green": PatternFill("solid", fgColor="C6EFCE"),
    "amber": PatternFill("solid", fgColor="FFEB9C"),
    "red": PatternFill("solid", fgColor="FFC7CE"),
}


def compliance_workbook(rows, year) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"ปีการศึกษา {year.year}"
    header = ["รหัสสถานศึกษา", "ชื่อสถานศึกษา", "สหวิทยาเขต/กลุ่มเครือข่าย"]
    header += [str(label) for _key, label in CHECKS]
    header += ["สถานะรวม", "ตรวจเยี่ยมในรอบ 3 ปี", "ตรวจเยี่ยมครั้งล่าสุด"]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        school = row.school
        values = [school.code, school.name, school.cluster.name if school.cluster else ""]
        values += [str(STATE_LABELS[row.states[key]]) for key, _label in CHECKS]
        values.append(str(row.rag_label))
        rag_column = len(values)
        values += [
            str(row.cycle.label) if row.cycle else "",
            thai.format_date_short(row.cycle.last_check) if row.cycle else "",
        ]
        sheet.append([neutralise(v) for v in values])
        sheet.cell(row=number, column=rag_column).fill = FILLS[row.rag]
    for column, width in zip("ABCDEFGHI", (14, 40, 30, 22, 18, 18, 12, 22, 18), strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
