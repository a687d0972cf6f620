"""Figures of the follow-up for reports: the share of recommendations closed on time,
per school and for the district, in two queries whatever the number of schools."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from schools.models import School

from .models import OnTime, Recommendation


@dataclass
class OnTimeFigure:
    rows: list[tuple[School, OnTime]]  # lowest share first
    total: OnTime

    @property
    def share(self) -> float | None:
        return self.total.share


def on_time_figure(schools: QuerySet[School], today: datetime.date | None = None) -> OnTimeFigure:
    """The schools with recommendations counted (due, or done), lowest share first."""
    counted = Recommendation.objects.filter(school__in=schools.values("pk")).on_time_by_school(
        today
    )
    by_pk = {s.pk: s for s in schools.filter(pk__in=counted).order_by("code")}
    rows = sorted(
        ((by_pk[pk], c) for pk, c in counted.items() if pk in by_pk),
        key=lambda row: (row[1].share or 0, row[0].code),
    )
    total = OnTime(sum(c.on_time for _s, c in rows), sum(c.counted for _s, c in rows))
    return OnTimeFigure(rows=rows, total=total)
