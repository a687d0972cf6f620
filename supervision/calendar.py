"""The month calendar of the supervision home page: each day's visits and school
self-evaluations, in weeks that start on Sunday as Thai wall calendars do.

Paged by month and, for a large office, by cluster; a day shows at most ``DAY_LIMIT``
of each kind and says how many more there are (the visit list shows them all), so a
month's page costs the same at 250 schools as at 3,000."""

import calendar as pycalendar
import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from iqa_district import thai
from iqa_district.accounts.models import User

from .models import SelfEvaluation, Visit

WEEKDAYS = ["อา.", "จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส."]
DAY_LIMIT = 6


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    visits: list[Visit] = field(default_factory=list)
    evaluations: list[SelfEvaluation] = field(default_factory=list)
    more_visits: int = 0
    more_evaluations: int = 0


def _first_of_each_day(queryset):
    """At most DAY_LIMIT rows a day (ranked in SQL), each carrying its day's full count
    (``day_total``): one query."""
    # Through the primary keys, so a scope that joins (a committee member's) counts each
    # row once.
    queryset = queryset.model.objects.filter(pk__in=queryset.values("pk"))
    by_day = {"partition_by": [F("date")]}
    return (
        queryset.annotate(
            rank=Window(RowNumber(), order_by=[F("school__code"), F("pk")], **by_day),
            day_total=Window(Count("pk"), **by_day),
        )
        .filter(rank__lte=DAY_LIMIT)
        .select_related("school")
        .order_by("date", "school__code")
    )


def month_calendar(
    *, user: User | AnonymousUser, month: datetime.date, cluster: int | None = None
) -> dict[str, object]:
    """The weeks of the month starting on ``month`` with what ``user`` may see on each day
    (of one cluster's schools if asked), and the first days of the months before and
    after it; two queries."""
    end = month.replace(day=pycalendar.monthrange(month.year, month.month)[1])
    grid = pycalendar.Calendar(firstweekday=6).monthdatescalendar(month.year, month.month)
    days = {date: Day(date, date.month == month.month) for week in grid for date in week}
    visits = Visit.objects.visible_to(user).filter(date__range=(month, end))
    evaluations = SelfEvaluation.objects.visible_to(user).filter(date__range=(month, end))
    if cluster is not None:
        visits = visits.filter(school__cluster=cluster)
        evaluations = evaluations.filter(school__cluster=cluster)
    for visit in _first_of_each_day(visits):
        day = days[visit.date]
        day.visits.append(visit)
        day.more_visits = visit.day_total - len(day.visits)
    for evaluation in _first_of_each_day(evaluations):
        day = days[evaluation.date]
        day.evaluations.append(evaluation)
        day.more_evaluations = evaluation.day_total - len(day.evaluations)
    return {
        "weeks": [[days[date] for date in week] for week in grid],
        "month": month,
        "month_label": f"{thai.MONTHS_LONG[month.month - 1]} {thai.be_year(month.year)}",
        "previous": (month - datetime.timedelta(days=1)).replace(day=1),
        "following": end + datetime.timedelta(days=1),
        "weekdays": WEEKDAYS,
    }
