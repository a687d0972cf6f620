"""Form ๗.๓ as an XLSX workbook: the district figures per standard, the distribution of
ONESQA's levels and every school × standard with its three levels; every text cell
neutralised, so a spreadsheet never runs one as a formula."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from iqa_district.spreadsheets import neutralise

from .data import Row, standard_label


def _sheet(workbook, title, headers, rows):
    """A sheet streamed row by row (openpyxl's write-only mode: 3,000 schools × their
    standards took 10-14 s as cells of an ordinary sheet, each typed one by one). Text
    cells are text: openpyxl types a string as a formula only when it starts with "=",
    which ``neutralise`` never leaves."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for label in headers:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([neutralise(v) for v in row])


def synthesis_xlsx(data: dict, rows: list[Row]) -> bytes:
    workbook = Workbook(write_only=True)
    side_headers = ["คู่", "ตรงกัน", "ร้อยละตรงกัน", "ต่างไม่เกิน ๑ ระดับ", "ร้อยละ", "Kappa"]
    _sheet(
        workbook,
        "ความสอดคล้อง",
        ["มาตรฐาน", "สถานศึกษา (สมศ.)"]
        + [f"SAR: {h}" for h in side_headers]
        + [f"กรรมการ: {h}" for h in side_headers]
        + ["สูงกว่า สมศ. ≥ ๒ ระดับ"],
        [
            [s["label"], s["n"]]
            + [
                s[side][k]
                for side in ("sar", "committee")
                for k in ("n", "exact", "exact_pct", "within_one", "within_one_pct", "kappa")
            ]
            + [s["flagged"]]
            for s in data["standards"]
        ],
    )
    labels = [label for _value, label in data["scale"]]
    _sheet(
        workbook,
        "ระดับจาก สมศ.",
        ["มาตรฐาน", *labels, *[f"ร้อยละ {label}" for label in labels]],
        [
            [s["label"]]
            + [d["count"] for d in s["distribution"]]
            + [d["percent"] for d in s["distribution"]]
            for s in data["standards"]
        ],
    )
    _sheet(
        workbook,
        "รายสถานศึกษา",
        [
            "รหัสสถานศึกษา",
            "สถานศึกษา",
            "มาตรฐาน",
            "SAR",
            "กรรมการเขต",
            "สมศ.",
            "SAR − สมศ.",
            "กรรมการ − สมศ.",
            "ข้อสังเกต",
        ],
        [
            [
                r.school.code,
                r.school.name,
                standard_label(r.standard),
                r.sar,
                r.committee,
                r.onesqa,
                r.sar_gap,
                r.committee_gap,
                "สูงกว่า สมศ. ตั้งแต่ ๒ ระดับ" if r.flagged else "",
            ]
            for r in rows
        ],
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
