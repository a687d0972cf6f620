"""Computations over activities and events: attendance (invited, came, share, by school
and by role), the satisfaction form's means, the evaluation's objectives achieved, and
the figures of form ๓ — each in a fixed number of queries whatever the number of schools
or activities."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from schools.models import School

from .models import (
    SATISFACTION_QUESTIONS,
    Activity,
    ObjectiveRating,
    Participant,
    ParticipantRole,
    SatisfactionResponse,
    TrainingAttendee,
)


def percent(part: int, whole: int) -> float:
    """Half-up at one decimal; 0 of 0 is 0."""
    if not whole:
        return 0.0
    value = Decimal(part * 100) / Decimal(whole)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class Attendance:
    invited: int = 0
    attended: int = 0
    # (school name or "" for people from no school, invited, attended), by school name
    by_school: list[tuple[str, int, int]] = field(default_factory=list)
    # (role label, invited, attended), in the order of ParticipantRole
    by_role: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return percent(self.attended, self.invited)


def _attendance(rows: list[tuple[str, str, bool]]) -> Attendance:
    """From (school name, role, attended) rows."""
    schools: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    roles: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    result = Attendance()
    for school, role, attended in rows:
        result.invited += 1
        result.attended += int(attended)
        schools[school][0] += 1
        schools[school][1] += int(attended)
        roles[role][0] += 1
        roles[role][1] += int(attended)
    result.by_school = [(name, n, a) for name, (n, a) in sorted(schools.items())]
    labels = dict(ParticipantRole.choices)
    result.by_role = [
        (str(labels[role]), roles[role][0], roles[role][1])
        for role in ParticipantRole.values
        if role in roles
    ]
    return result


def activity_attendance(activity: Activity) -> Attendance:
    """One query."""
    rows = Participant.objects.filter(activity=activity).values_list(
        "school__name", "role", "attended"
    )
    return _attendance([(school or "", role, attended) for school, role, attended in rows])


def training_attendance(event_id: int) -> Attendance:
    rows = TrainingAttendee.objects.filter(event=event_id).values_list(
        "school__name", "position", "attended"
    )
    # Attendees have positions, not roles: count them all as "other" roles by school.
    result = _attendance(
        [(school, ParticipantRole.OTHER, attended) for school, _p, attended in rows]
    )
    result.by_role = []
    return result


def attendance_by_activity(activities: QuerySet[Activity]) -> dict[int, tuple[int, int]]:
    """{activity id: (invited, attended)}: one query for any number of activities."""
    rows = (
        Participant.objects.filter(activity__in=activities)
        .order_by()
        .values("activity")
        .annotate(n=Count("pk"), came=Count("pk", filter=Q(attended=True)))
        .values_list("activity", "n", "came")
    )
    return {activity: (n, came) for activity, n, came in rows}


@dataclass
class Satisfaction:
    responses: int
    # (question, mean) with the mean half-up at two decimals, None without answers
    means: list[tuple[str, float | None]]
    overall: float | None


def satisfaction_summary(activity: Activity) -> Satisfaction:
    """One query."""
    answers = list(
        SatisfactionResponse.objects.filter(activity=activity).values_list("ratings", flat=True)
    )
    means: list[tuple[str, float | None]] = []
    for index, question in enumerate(SATISFACTION_QUESTIONS):
        values = [ratings[index] for ratings in answers if len(ratings) > index]
        means.append((str(question), _mean(values)))
    flat = [value for ratings in answers for value in ratings]
    return Satisfaction(responses=len(answers), means=means, overall=_mean(flat))


def _mean(values: list[int]) -> float | None:
    if not values:
        return None
    value = Decimal(sum(values)) / Decimal(len(values))
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def objectives_achieved(activities: QuerySet[Activity]) -> dict[int, tuple[int, int]]:
    """{activity id: (objectives rated, achieved)} from their form ๒: one query."""
    result: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    rows = ObjectiveRating.objects.filter(evaluation__activity__in=activities).values_list(
        "evaluation__activity", "level", "met"
    )
    for activity, level, met in rows:
        result[activity][0] += 1
        result[activity][1] += int(bool(met) if level is None else level >= 3)
    return {key: (n, ok) for key, (n, ok) in result.items()}


def trained_by_school(schools: list[School]) -> dict[int, list[TrainingAttendee]]:
    """{school id: its attendees who came, newest event first}: one query."""
    result: dict[int, list[TrainingAttendee]] = defaultdict(list)
    rows = (
        TrainingAttendee.objects.filter(school__in=[s.pk for s in schools], attended=True)
        .select_related("event")
        .order_by("-event__held_on", "name")
    )
    for row in rows:
        result[row.school_id].append(row)
    return result
