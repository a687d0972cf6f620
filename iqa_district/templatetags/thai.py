"""Template filters for Thai presentation; loaded as builtins, so no ``{% load %}``.

{{ visit.date|thai_date }}        ๑๖ ธันวาคม พ.ศ. ๒๕๖๕
{{ visit.date|thai_date_short }}  16 ธ.ค. 65
{{ 2567|thai_num }}               ๒๕๖๗
{{ value|be_year }}               2567 from a date or a CE year
"""

import datetime
from typing import Any

from django import template

from iqa_district import thai

register = template.Library()


@register.filter
def thai_date(value: datetime.date | None, digits: str = "thai") -> str:
    return thai.format_date_long(value, digits=digits)


@register.filter
def thai_date_short(value: datetime.date | None, digits: str = "arabic") -> str:
    return thai.format_date_short(value, digits=digits)


@register.filter
def thai_datetime(value: datetime.datetime | None, digits: str = "arabic") -> str:
    return thai.format_datetime_short(value, digits=digits)


@register.filter
def thai_num(value: Any) -> str:
    return thai.thai_digits(value)


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
