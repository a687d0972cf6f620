"""Cells that a spreadsheet would run as a formula, made inert: every CSV and XLSX the
project writes passes its text through ``neutralise``.

Excel, LibreOffice and Google Sheets start a formula on ``=``, ``+``, ``-`` or ``@``,
and also after a leading tab or line break, and Excel reads the full-width forms that a
Thai keyboard's IME can type (``＝`` and friends) as the ASCII ones. A leading
apostrophe makes the cell text; ``unneutralise`` takes it off again on import.
"""

import io
from collections.abc import Iterable, Sequence

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(value: object) -> object:
    """``value`` with an apostrophe in front if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo ``neutralise`` so an exported file imports back unchanged."""
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def table_workbook(
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[int] = (),
) -> bytes:
    """One sheet: a bold header row, then ``rows``, every text cell neutralised. Written in
    openpyxl's write-only mode, so a list of any length streams through in constant memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for label in header:
        cell = WriteOnlyCell(sheet, value=neutralise(str(label)))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
