"""Buddhist-Era dates in the admin's own templates (templates/admin/): the history page's
times and the date hierarchy's years and months."""

import datetime
import re

from django import template

from iqa_district.admin_thai import be_date_text
from iqa_district.thai import be_year

register = template.Library()

_CE_YEAR = re.compile(r"\b(1[89]\d\d|2[0-3]\d\d)\b")


@register.filter
def be_datetime(value: datetime.date | None) -> str:
    """``16 ธ.ค. 2565 14:05``."""
    return be_date_text(value) if value else ""


@register.filter
def be_years(value: object) -> str:
    """A Gregorian year in a title (``2024``, ``กรกฎาคม 2024``) written in BE."""
    return _CE_YEAR.sub(lambda m: str(be_year(int(m.group(1)))), str(value))
