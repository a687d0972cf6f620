"""The statistics of an instrument as an XLSX workbook: per item, by school, by respondent
type, before/after and the open answers. Respondents typed the open answers: every text
cell goes through ``neutralise`` so none runs as a formula."""

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from iqa_district.spreadsheets import neutralise

from .analysis import Figures
from .models import Instrument
from .statistics import POINT_LABELS, POINTS, Summary


def _round(value: float | None, digits: int = 2) -> float | str:
    return "" if value is None else round(value, digits)


def _sheet(book: Workbook, title: str, header: list[str], rows: Iterable[list[object]]) -> None:
    sheet: Worksheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    sheet.column_dimensions["A"].width = 60
    sheet.freeze_panes = "B2"


def _figures(summary: Summary) -> list[object]:
    return [
        *(_round(pct) for _p, _l, _n, pct in summary.percents),
        summary.n,
        _round(summary.mean),
        _round(summary.sd),
        summary.band,
    ]


FIGURES = [*(f"ร้อยละ {POINT_LABELS[p]} ({p})" for p in POINTS), "n", "ค่าเฉลี่ย", "S.D.", "แปลผล"]


def statistics_workbook(instrument: Instrument, figures: Figures) -> bytes:
    sections, overall, comparison = figures.sections, figures.overall, figures.comparison
    schools, types, questions = figures.schools, figures.types, figures.questions
    book = Workbook()
    book.remove(book.active)
    items: list[list[object]] = []
    for section in sections:
        items.append([section.section.title, *_figures(section.summary)])
        items += [[f"{r.item.code} {r.item.text}", *_figures(r.summary)] for r in section.items]
    items.append(["รวม", *_figures(overall)])
    _sheet(book, "รายข้อ", ["ข้อคำถาม", *FIGURES], items)
    titles = [str(s.section.title) for s in sections]
    for name, groups in (("รายสถานศึกษา", schools), ("รายกลุ่มผู้ตอบ", types)):
        _sheet(
            book,
            name,
            ["กลุ่ม", "จำนวนผู้ตอบ", *(f"ค่าเฉลี่ย {t}" for t in titles), "ค่าเฉลี่ยรวม", "S.D.", "แปลผล"],
            (
                [
                    g.label,
                    g.respondents,
                    *(_round(s.mean) for s in g.sections),
                    _round(g.overall.mean),
                    _round(g.overall.sd),
                    g.overall.band,
                ]
                for g in groups
            ),
        )
    if comparison is not None:
        _sheet(
            book,
            "ก่อน-หลัง",
            ["ด้าน", "n ก่อน", "x̄ ก่อน", "S.D. ก่อน", "n หลัง", "x̄ หลัง", "S.D. หลัง"]
            + ["ผลต่าง", "สถิติที่ใช้", "t", "df", "p"],
            (
                [
                    row.label,
                    row.before.n,
                    _round(row.before.mean),
                    _round(row.before.sd),
                    row.after.n,
                    _round(row.after.mean),
                    _round(row.after.sd),
                    _round(row.difference),
                    row.test.label if row.test else "",
                    _round(row.test.t, 3) if row.test else "",
                    _round(row.test.df, 2) if row.test else "",
                    _round(row.test.p, 4) if row.test else "",
                ]
                for row in comparison.rows
            ),
        )
    _sheet(
        book,
        "คำตอบปลายเปิด",
        ["ข้อคำถาม", "คำตอบ"],
        ([q.item.text, answer] for q in questions for answer in q.answers),
    )
    _sheet(
        book,
        "ประเด็นที่พบบ่อย",
        ["ข้อคำถาม", "ประเด็น", "จำนวนผู้ตอบ"],
        ([q.item.text, p["phrase"], p["count"]] for q in questions for p in q.phrases),
    )
    book.properties.title = instrument.title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
