"""Visits planned in bulk (issue 18 item 3): the schools of a cluster or a selection, a date
range, a committee and a form; a preview that gives each school a weekday and flags what
clashes, then one service that plans them all or none.

The preview is a pure function of the database and the choices, so the confirm step runs it
again and refuses if someone else booked the committee in between.
"""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iqa_district import thai
from iqa_district.accounts.models import User
from schools.models import School

from . import services
from .models import Committee, FormTemplate, SubmissionKey, Visit

MAX_SCHOOLS = 300


@dataclass
class PlannedRow:
    school: School
    date: datetime.date | None
    conflicts: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The row's checkbox value: ``<school id>:<ISO date>``."""
        return f"{self.school.pk}:{self.date.isoformat() if self.date else ''}"


def _weekdays(start: datetime.date, end: datetime.date) -> Iterable[datetime.date]:
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += datetime.timedelta(days=1)


def bulk_plan_preview(
    *,
    schools: Sequence[School],
    start: datetime.date,
    end: datetime.date,
    per_day: int,
    kind: str,
    committee: Committee | None,
    academic_year_id: int | None,
) -> list[PlannedRow]:
    """Each school (in the order given) gets the next weekday in ``start..end`` that has a
    free place: at most ``per_day`` visits of the batch a day, and never a day on which the
    committee already has a visit. Flagged: a school that already has a visit of this kind
    in the year (visited twice), a day the committee is booked (only when the day was
    chosen for it anyway), and schools that do not fit in the range. Three queries."""
    booked: dict[datetime.date, int] = defaultdict(int)
    if committee is not None:
        for day in Visit.objects.filter(
            committee=committee, date__gte=start, date__lte=end
        ).values_list("date", flat=True):
            booked[day] += 1
    already: dict[int, list[datetime.date]] = defaultdict(list)
    if academic_year_id is not None:
        for school_id, day in Visit.objects.filter(
            school__in=[s.pk for s in schools], kind=kind, academic_year=academic_year_id
        ).values_list("school_id", "date"):
            already[school_id].append(day)
    days = [d for d in _weekdays(start, end) if not booked.get(d)]
    slots = [d for d in days for _n in range(per_day)]
    rows = []
    for n, school in enumerate(schools):
        row = PlannedRow(school=school, date=slots[n] if n < len(slots) else None)
        if row.date is None:
            row.conflicts.append(_("วันทำการในช่วงวันที่ที่เลือกไม่พอ"))
        for day in sorted(already.get(school.pk, ())):
            row.conflicts.append(
                _("มีการนิเทศประเภทนี้ในปีการศึกษานี้แล้ว (%(date)s)") % {"date": thai.format_date_page(day)}
            )
        rows.append(row)
    return rows


def parse_rows(
    values: Iterable[str], schools: dict[int, School]
) -> list[tuple[School, datetime.date]]:
    """The checked rows of the preview (``<school id>:<ISO date>``), each school at most
    once; a value naming a school outside ``schools`` or a bad date is refused."""
    chosen: dict[int, tuple[School, datetime.date]] = {}
    for value in values:
        school_id, _sep, day = value.partition(":")
        try:
            school = schools[int(school_id)]
            date = datetime.date.fromisoformat(day)
        except (KeyError, ValueError):
            raise ValidationError(_("รายการที่เลือกไม่ถูกต้อง โปรดดูตัวอย่างแผนใหม่")) from None
        chosen[school.pk] = (school, date)
    return list(chosen.values())


@transaction.atomic
def visits_plan_bulk(
    *,
    rows: Sequence[tuple[School, datetime.date]],
    kind: str,
    template: FormTemplate,
    committee: Committee | None,
    supervisors: Iterable[User] = (),
    actor: User,
    submission_key: uuid.UUID | None = None,
) -> list[Visit]:
    """Plan one visit per (school, date), all or none. Refused, with nothing written, when
    the committee has been booked on one of the days since the preview, or a school is not
    the actor's to plan. The same confirmation sent twice plans the batch once."""
    if not rows:
        raise ValidationError(_("ยังไม่ได้เลือกสถานศึกษาที่จะวางแผน"))
    if len(rows) > MAX_SCHOOLS:
        raise ValidationError(_("วางแผนได้ครั้งละไม่เกิน %(n)s แห่ง") % {"n": MAX_SCHOOLS})
    if not all(Visit(school=school).can_be_planned_by(actor) for school, _d in rows):
        raise PermissionDenied
    claimed = services._claim_submission_key(
        submission_key, purpose=SubmissionKey.Purpose.VISIT_PLAN, actor=actor
    )
    if committee is not None:
        Committee.objects.select_for_update().get(pk=committee.pk)
        days = [d for _s, d in rows]
        taken = set(
            Visit.objects.filter(committee=committee, date__in=days).values_list("date", flat=True)
        )
        if taken:
            raise ValidationError(
                _("คณะกรรมการมีนัดนิเทศแล้วในวันที่ %(dates)s โปรดดูตัวอย่างแผนใหม่")
                % {"dates": ", ".join(thai.format_date_page(d) for d in sorted(taken))}
            )
    supervisors = list(supervisors)
    visits = [
        services.visit_plan(
            school=school,
            kind=kind,
            date=date,
            template=template,
            committee=committee,
            supervisors=supervisors,
            actor=actor,
        )
        for school, date in rows
    ]
    services._record_submission(claimed, visits[0].pk)
    return visits
