"""Template filters for Thai presentation; loaded as builtins, so no ``{% load %}``.

{{ visit.date|thai_date }}        ๑๖ ธันวาคม พ.ศ. ๒๕๖๕ (official PDFs: Thai digits)
{{ visit.date|thai_date_short }}  16 ธ.ค. 2565, "16 Dec 2565 BE" in English (web pages)
{{ at|thai_datetime }}            16 ธ.ค. 2565 14:05 (web pages)
{{ visit.date|thai_date_short:"thai" }}  ๑๖ ธ.ค. ๖๕ (PDFs)
{{ 2567|thai_num }}               ๒๕๖๗
{{ t.get_form_no_display|arabic_num }}  แบบ 7.1 (a PDF's label on a page)
{{ value|be_year }}               2567 from a date or a CE year
"""

import datetime
import re
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

from iqa_district import thai

register = template.Library()


@register.filter
def thai_date(value: datetime.date | None, digits: str = "thai") -> str:
    return thai.format_date_long(value, digits=digits)


# The page forms by default: a web page shows Arabic digits and the whole BE year in
# the active language; "thai" asks for a PDF's short form in Thai digits.
@register.filter
def thai_date_short(value: datetime.date | None, digits: str = "arabic") -> str:
    if digits == "thai":
        return thai.format_date_short(value, digits=digits)
    return thai.format_date_page(value)


@register.filter
def thai_datetime(value: datetime.datetime | None, digits: str = "arabic") -> str:
    if digits == "thai":
        return thai.format_datetime_short(value, digits=digits)
    return thai.format_datetime_page(value)


# is_safe: digits become digits, no markup appears, so text already made safe
# (`linebreaksbr`) stays safe and anything else is still escaped on output.
@register.filter(is_safe=True)
def thai_num(value: Any) -> str:
    return thai.thai_digits(value)


# A label shared with the official PDFs (which keep Thai digits, "แบบ ๗.๑") shown on
# a web page, where digits are Arabic (README, "Numbers and dates").
@register.filter(is_safe=True)
def arabic_num(value: Any) -> str:
    return thai.arabic_digits(value)


@register.filter
def be_year(value: Any) -> int | str:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return thai.be_year(value.year)
    try:
        return thai.be_year(int(value))
    except (TypeError, ValueError):
        return ""


@register.filter
def number(value: Any, decimals: int | str | None = None) -> str:
    places = None if decimals is None else int(decimals)
    return thai.format_number(value, decimals=places)


@register.filter
def thai_number(value: Any, decimals: int | str | None = None) -> str:
    places = None if decimals is None else int(decimals)
    return thai.format_number(value, decimals=places, digits="thai")


# Official terms a Thai reader expects on one line; WeasyPrint breaks Thai at dictionary
# word boundaries, which fall inside these compounds (ผู้/รับ/การ/นิเทศ).
# Short ones only: a kept term glued to the next word (ผู้อำนวยการสำนักงาน...) leaves the
# line nowhere to break.
KEEP_TOGETHER = ("ผู้รับการนิเทศ", "ปีการศึกษา", "ศึกษานิเทศก์")
_KEEP_TOGETHER = re.compile("|".join(re.escape(term) for term in KEEP_TOGETHER))


def _nowrap(text: str) -> str:
    return f'<span class="nowrap">{text}</span>'


@register.filter(is_safe=True)
def keep_terms(value: Any) -> SafeString:
    """Wrap the terms of KEEP_TOGETHER in ``.nowrap`` spans (pdf/base.html). Plain text is
    escaped first; HTML already safe (``{% filter keep_terms %}`` around a block of our
    template) keeps its markup, the terms never appearing inside a tag."""
    html = value if isinstance(value, SafeData) else conditional_escape(value)
    return mark_safe(_KEEP_TOGETHER.sub(lambda m: _nowrap(m.group(0)), str(html)))  # noqa: S308


@register.filter(is_safe=True)
def keep_words(value: Any) -> SafeString:
    """A name that may break only between its words (first name / surname), never inside
    one: ``ศรีวงศ์`` is not split into ``ศรี / วงศ์``."""
    words = str(conditional_escape(value)).split()
    return mark_safe(" ".join(_nowrap(word) for word in words))  # noqa: S308
