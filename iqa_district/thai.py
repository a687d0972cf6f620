"""Thai dates, numerals and the two Thai years (academic and fiscal).

Everything is stored in the Common Era with Arabic digits; these helpers only present
it. Buddhist Era = CE + 543. The academic year (ปีการศึกษา) runs 16 May – 15 May and is
named by the BE year in which it starts; the fiscal year (ปีงบประมาณ) runs 1 Oct – 30 Sep
and is named by the BE year in which it ends (domain.md §9.3).
"""

import datetime
import re
from typing import Any

BE_OFFSET = 543

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

MONTHS_LONG = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

# The academic year starts on 16 May (MOE regulation on the academic year, 2549).
ACADEMIC_YEAR_START = (5, 16)
# The fiscal year starts on 1 October of the previous CE year.
FISCAL_YEAR_START_MONTH = 10


def thai_digits(value: object) -> str:
    """Return ``value`` as text with Arabic digits replaced by Thai digits."""
    if value is None:
        return ""
    return str(value).translate(THAI_DIGITS)


def arabic_digits(value: object) -> str:
    """Return ``value`` as text with Thai digits replaced by Arabic digits."""
    if value is None:
        return ""
    return str(value).translate(ARABIC_DIGITS)


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


# 16/12/2565, 16.12.2565 or 16-12-2565 (day first, as people write them) and the ISO
# 2022-12-16 a browser's date picker sends.
_DATE_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> datetime.date:
    """A date typed as ``16/12/2565`` (Thai or Arabic digits) or ``2022-12-16``; a
    four-digit year above 2400 is BE. ValueError for anything else or an impossible day."""
    text = arabic_digits(text)
    if match := _DATE_DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _DATE_ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError(f"not a date: {text!r}")
    if year > 2400:
        year = ce_year(year)
    return datetime.date(year, month, day)


def _as_date(value: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def format_date_long(
    value: datetime.date | None, *, digits: str = "thai", prefix_be: bool = True
) -> str:
    """``๑๖ ธันวาคม พ.ศ. ๒๕๖๕`` (official documents); ``digits="arabic"`` keeps 0–9."""
    if not value:
        return ""
    d = _as_date(value)
    text = f"{d.day} {MONTHS_LONG[d.month - 1]} {'พ.ศ. ' if prefix_be else ''}{be_year(d.year)}"
    return thai_digits(text) if digits == "thai" else text


def format_date_short(value: datetime.date | None, *, digits: str = "arabic") -> str:
    """``16 ธ.ค. 65``: day, short month, the last two digits of the BE year."""
    if not value:
        return ""
    d = _as_date(value)
    text = f"{d.day} {MONTHS_SHORT[d.month - 1]} {be_year(d.year) % 100:02d}"
    return thai_digits(text) if digits == "thai" else text


def format_datetime_short(value: datetime.datetime | None, *, digits: str = "arabic") -> str:
    """``16 ธ.ค. 65 14:05`` in Bangkok time."""
    if not value:
        return ""
    from django.utils import timezone

    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = f"{format_date_short(value, digits='arabic')} {value:%H:%M}"
    return thai_digits(text) if digits == "thai" else text


MONTHS_SHORT_EN = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def format_date_page(value: datetime.date | None) -> str:
    """A date on a web page: Arabic digits, the whole BE year, ``2 ธ.ค. 2569``; with
    English active (the language switch) ``2 Dec 2569 BE``. Official PDFs use
    format_date_long's Thai digits instead (README, "Numbers and dates")."""
    if not value:
        return ""
    from django.utils import translation

    d = _as_date(value)
    if (translation.get_language() or "th").startswith("en"):
        return f"{d.day} {MONTHS_SHORT_EN[d.month - 1]} {be_year(d.year)} BE"
    return f"{d.day} {MONTHS_SHORT[d.month - 1]} {be_year(d.year)}"


def format_datetime_page(value: datetime.datetime | None) -> str:
    """``2 ธ.ค. 2569 14:05`` (``2 Dec 2569 BE 14:05``) in Bangkok time."""
    if not value:
        return ""
    from django.utils import timezone

    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{format_date_page(value)} {value:%H:%M}"


def academic_year_of(value: datetime.date) -> int:
    """The BE academic year a date falls in: 15 May 2566 is in 2565, 16 May 2566 in 2566."""
    d = _as_date(value)
    starts_this_year = (d.month, d.day) >= ACADEMIC_YEAR_START
    return be_year(d.year if starts_this_year else d.year - 1)


def academic_year_bounds(be: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of academic year ``be`` (16 May – 15 May of the next year)."""
    start = datetime.date(ce_year(be), *ACADEMIC_YEAR_START)
    end = datetime.date(ce_year(be) + 1, 5, 15)
    return start, end


def fiscal_year_of(value: datetime.date) -> int:
    """The BE fiscal year a date falls in: 1 Oct 2564 – 30 Sep 2565 is fiscal year 2565."""
    d = _as_date(value)
    year = d.year + 1 if d.month >= FISCAL_YEAR_START_MONTH else d.year
    return be_year(year)


def fiscal_year_bounds(be: int) -> tuple[datetime.date, datetime.date]:
    end_ce = ce_year(be)
    return datetime.date(end_ce - 1, 10, 1), datetime.date(end_ce, 9, 30)


def format_number(value: Any, *, decimals: int | None = None, digits: str = "arabic") -> str:
    """A number with thousands separators, optionally in Thai digits."""
    if value is None or value == "":
        return ""
    text = f"{value:,}" if decimals is None else f"{float(value):,.{decimals}f}"
    return thai_digits(text) if digits == "thai" else text
