"""Cells that a spreadsheet would run as a formula, made inert: every CSV and XLSX the
project writes passes its text through ``neutralise``.

Excel, LibreOffice and Google Sheets start a formula on ``=``, ``+``, ``-`` or ``@``,
and also after a leading tab or line break, and Excel reads the full-width forms that a
Thai keyboard's IME can type (``＝`` and friends) as the ASCII ones. A leading
apostrophe makes the cell text; ``unneutralise`` takes it off again on import.
"""

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
