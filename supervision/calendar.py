"""The month calendar of the supervision home page: each day's visits and school
self-evaluations, in weeks that start on Sunday as Thai wall calendars do."""

import calendar as pycalendar
import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from iqa_district import thai
from iqa_district.accounts.models import User

from .models import SelfEvaluation, Visit

WEEKDAYS = ["อา.", "จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส."]


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    visits: list[Visit] = field(default_factory=list)
    evaluations: list[SelfEvaluation] = field(default_factory=list)


def month_calendar(*, user: User | AnonymousUser, month: datetime.date) -> dict[str, object]:
    """The weeks of the month starting on ``month`` with what ``user`` may see on each day,
    and the first days of the months before and after it; two queries."""
    end = month.replace(day=pycalendar.monthrange(month.year, month.month)[1])
    grid = pycalendar.Calendar(firstweekday=6).monthdatescalendar(month.year, month.month)
    days = {date: Day(date, date.month == month.month) for week in grid for date in week}
    visits = (
        Visit.objects.visible_to(user)
        .filter(date__range=(month, end))
        .select_related("school")
        .order_by("date", "school__code")
    )
    for visit in visits:
        days[visit.date].visits.append(visit)
    evaluations = (
        SelfEvaluation.objects.visible_to(user)
        .filter(date__range=(month, end))
        .select_related("school")
        .order_by("date", "school__code")
    )
    for evaluation in evaluations:
        days[evaluation.date].evaluations.append(evaluation)
    return {
        "weeks": [[days[date] for date in week] for week in grid],
        "month": month,
        "month_label": f"{thai.MONTHS_LONG[month.month - 1]} {thai.be_year(month.year)}",
        "previous": (month - datetime.timedelta(days=1)).replace(day=1),
        "following": end + datetime.timedelta(days=1),
        "weekdays": WEEKDAYS,
    }
