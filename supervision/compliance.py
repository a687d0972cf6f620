"""Compliance of each school with the frequency rules of one academic year (domain.md §8.2):
a district site visit at least once a year, a self-evaluation every semester, the SAR
submitted, the visit report published.

A fixed number of queries for all schools, whatever their number. The counts of a page
or a dashboard are made in SQL (``counted_summary``, ``schools_in_state``): the same rules
as ``evaluate``, written as conditions on the school, so a page builds only its own rows.
Each check is met, pending (its deadline has not passed, or it is planned) or missing;
a school is green when all are met, red when one is missing, amber otherwise.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Max, Q, Value, When
from django.utils.translation import gettext_lazy as _

from iqa_district.counts_cache import cached_counts, query_key
from sar.models import SelfAssessmentReport
from schools.models import School

from .models import SelfEvaluation, Visit

MET, PENDING, MISSING = "met", "pending", "missing"
GREEN, AMBER, RED = "green", "amber", "red"
RAG_LABELS = {GREEN: _("ครบถ้วน"), AMBER: _("อยู่ระหว่างดำเนินการ"), RED: _("ยังไม่ดำเนินการ")}
STATE_LABELS = {MET: _("ดำเนินการแล้ว"), PENDING: _("รอดำเนินการ"), MISSING: _("ยังไม่ดำเนินการ")}
CHECKS = [
    ("visit", _("ตรวจเยี่ยมโดยเขตพื้นที่ (ปีละ 1 ครั้ง)")),
    ("self_eval_1", _("ประเมินภายใน ภาคเรียนที่ 1")),
    ("self_eval_2", _("ประเมินภายใน ภาคเรียนที่ 2")),
    ("sar", _("ส่ง SAR")),
    ("report", _("เผยแพร่รายงานผลการตรวจเยี่ยม")),
]


# The seed's third frequency rule: the district committee checks every school at least
# once in three years. It is its own column, beside the yearly checks, not part of the
# school's colour for the year.
CYCLE_YEARS = 3
RUNS_OUT = "runs_out"
CYCLE_LABELS = {
    MET: _("ตรวจแล้วในรอบ 3 ปี"),
    RUNS_OUT: _("ครบรอบ 3 ปีในปีนี้"),
    PENDING: _("ต้องตรวจในปีนี้"),
    MISSING: _("ไม่ได้ตรวจในรอบ 3 ปี"),
}


@dataclass
class Cycle:
    """The three-year rule for one school in one year."""

    state: str
    last_check: datetime.date | None
    last_year: int | None

    @property
    def label(self):
        return CYCLE_LABELS[self.state]

    @property
    def flagged(self):
        """Must be checked this year: its three years run out, or already ran out."""
        return self.state in (RUNS_OUT, PENDING, MISSING)


def cycle_state(last_year, year, today):
    """Checked (a published district visit) in one of the three years ending with ``year``.
    Checked this year or last: met. Last checked two years ago: met, but the three years
    run out with this year. Not checked in the three years: due now (pending while the
    year is open, missing after it)."""
    if last_year is not None and last_year > year.year - CYCLE_YEARS + 1:
        return MET
    if last_year == year.year - CYCLE_YEARS + 1:
        return RUNS_OUT
    return PENDING if today <= year.ends_on else MISSING


@dataclass
class SchoolCompliance:
    school: School
    states: dict
    cycle: Cycle | None = None

    @property
    def rag(self):
        values = self.states.values()
        if all(v == MET for v in values):
            return GREEN
        if any(v == MISSING for v in values):
            return RED
        return AMBER

    @property
    def rag_label(self):
        return RAG_LABELS[self.rag]

    def cells(self):
        return [(key, self.states[key], STATE_LABELS[self.states[key]]) for key, _l in CHECKS]


def annotated_schools(schools, year, today):
    """The schools (a queryset or a list) with what each has done in ``year``: four
    queries in all, besides the schools'.

    Per-school EXISTS subqueries read well but make the planner's choice matter at
    3,000 schools; one scan of the year's rows per table, joined in Python, does not."""
    # A list (a page already fetched) is used as it is; a queryset is fetched here.
    fetched = isinstance(schools, list)
    school_ids = [school.pk for school in schools] if fetched else schools.values("pk")
    visits = Visit.objects.filter(
        school__in=school_ids, academic_year=year, kind=Visit.Kind.DISTRICT_VISIT
    )
    visit_any, visit_done, published = set(), set(), set()
    for school_id, status, date in visits.values_list("school_id", "status", "date"):
        visit_any.add(school_id)
        if status == Visit.Status.PUBLISHED:
            visit_done.add(school_id)
            published.add(school_id)
        elif status == Visit.Status.IN_PROGRESS and date <= today:
            visit_done.add(school_id)
    evaluated = set(
        SelfEvaluation.objects.filter(school__in=school_ids, academic_year=year)
        .values_list("school_id", "semester")
        .distinct()
    )
    sar_status = dict(
        SelfAssessmentReport.objects.filter(school__in=school_ids, academic_year=year)
        .order_by()
        .values_list("school_id", "status")
    )
    last_checks = (
        {}
        if year is None
        else {
            row["school_id"]: (row["last_date"], row["last_year"])
            for row in Visit.objects.filter(
                school__in=school_ids,
                kind=Visit.Kind.DISTRICT_VISIT,
                status=Visit.Status.PUBLISHED,
                academic_year__lte=year.pk,
            )
            .order_by()
            .values("school_id")
            .annotate(last_date=Max("date"), last_year=Max("academic_year"))
        }
    )
    annotated = schools if fetched else list(schools.select_related("cluster"))
    for school in annotated:
        school.last_check, school.last_check_year = last_checks.get(school.pk, (None, None))
        school.visit_any = school.pk in visit_any
        school.visit_done = school.pk in visit_done
        school.report_published = school.pk in published
        school.self_eval_1 = (school.pk, 1) in evaluated
        school.self_eval_2 = (school.pk, 2) in evaluated
        school.sar_status = sar_status.get(school.pk)
    return annotated


def _state(met, not_late):
    if met:
        return MET
    return PENDING if not_late else MISSING


def evaluate(school, year, today):
    """The states of one annotated school."""
    year_open = today <= year.ends_on
    sar_open = year.sar_deadline is None or today <= year.sar_deadline
    submitted = school.sar_status in (
        SelfAssessmentReport.Status.SUBMITTED,
        SelfAssessmentReport.Status.ACCEPTED,
    )
    # A visit nobody has planned is missing even early in the year: the calendar is
    # how the district commits to the once-a-year rule.
    return {
        "visit": _state(school.visit_done, school.visit_any and year_open),
        "self_eval_1": _state(school.self_eval_1, today <= year.semester1_ends_on),
        "self_eval_2": _state(school.self_eval_2, today <= year.semester2_ends_on),
        "sar": _state(submitted, sar_open),
        "report": _state(school.report_published, school.visit_any and year_open),
    }


def compliance_rows(schools, year, today):
    return [
        SchoolCompliance(
            school,
            evaluate(school, year, today),
            Cycle(
                cycle_state(school.last_check_year, year, today),
                school.last_check,
                school.last_check_year,
            )
            if year is not None
            else None,
        )
        for school in annotated_schools(schools, year, today)
    ]


def summary(rows):
    counts = {GREEN: 0, AMBER: 0, RED: 0}
    per_check = {key: 0 for key, _l in CHECKS}
    for row in rows:
        counts[row.rag] += 1
        for key, state in row.states.items():
            if state == MET:
                per_check[key] += 1
    total = len(rows)
    flagged = sum(1 for row in rows if row.cycle and row.cycle.flagged)
    overall = GREEN if counts[GREEN] == total else (RED if counts[RED] else AMBER)
    return {
        "total": total,
        "counts": counts,
        "overall": overall,
        "overall_label": RAG_LABELS[overall] if total else "",
        "per_check": [(label, per_check[key]) for key, label in CHECKS],
        "cycle_flagged": flagged,
    }


# ------------------------------------------------------------------- the same rules in SQL


def _met_and_late(schools, year, today):
    """Per check, (the condition that it is met, the condition that it is missing) on a
    School queryset; None where a check cannot be missing (its deadline has not passed).

    Each condition is ``pk IN (one scan of the year's rows)``, which PostgreSQL hashes
    once per query, so the cost is one pass over the year's rows of these schools."""
    ids = schools.values("pk")
    visits = Visit.objects.filter(
        school__in=ids, academic_year=year, kind=Visit.Kind.DISTRICT_VISIT
    ).values("school_id")
    Status = Visit.Status
    visit_any = Q(pk__in=visits)
    visit_done = Q(
        pk__in=visits.filter(
            Q(status=Status.PUBLISHED) | Q(status=Status.IN_PROGRESS, date__lte=today)
        )
    )
    published = Q(pk__in=visits.filter(status=Status.PUBLISHED))
    evaluations = SelfEvaluation.objects.filter(school__in=ids, academic_year=year)
    sent = Q(
        pk__in=SelfAssessmentReport.objects.filter(
            school__in=ids,
            academic_year=year,
            status__in=[
                SelfAssessmentReport.Status.SUBMITTED,
                SelfAssessmentReport.Status.ACCEPTED,
            ],
        ).values("school_id")
    )
    year_open = today <= year.ends_on
    sar_open = year.sar_deadline is None or today <= year.sar_deadline

    def missing(met, not_late):
        if not_late is True:
            return None
        return ~met if not_late is False else ~met & ~not_late

    checks = {
        "visit": (visit_done, visit_any if year_open else False),
        "self_eval_1": (
            Q(pk__in=evaluations.filter(semester=1).values("school_id")),
            today <= year.semester1_ends_on,
        ),
        "self_eval_2": (
            Q(pk__in=evaluations.filter(semester=2).values("school_id")),
            today <= year.semester2_ends_on,
        ),
        "sar": (sent, sar_open),
        "report": (published, visit_any if year_open else False),
    }
    return {key: (met, missing(met, not_late)) for key, (met, not_late) in checks.items()}


def _conditions(schools, year, today):
    """The school-level conditions: all met (green), one missing (red), and the
    three-year rule's flag (not checked this year or last)."""
    checks = _met_and_late(schools, year, today)
    all_met = Q()
    any_missing = None  # None: no check can be missing yet, so no school is red
    for met, missing in checks.values():
        all_met &= met
        if missing is not None:
            any_missing = missing if any_missing is None else any_missing | missing
    recent = Visit.objects.filter(
        school__in=schools.values("pk"),
        kind=Visit.Kind.DISTRICT_VISIT,
        status=Visit.Status.PUBLISHED,
        academic_year__gte=year.year - CYCLE_YEARS + 2,
        academic_year__lte=year.pk,
    ).values("school_id")
    return checks, all_met, any_missing, ~Q(pk__in=recent)


def with_rag(schools, year, today):
    """``schools`` annotated with ``rag`` (green, amber or red) computed in SQL."""
    _checks, all_met, any_missing, _flagged = _conditions(schools, year, today)
    red = [When(any_missing, then=Value(RED))] if any_missing is not None else []
    return schools.annotate(rag=Case(When(all_met, then=Value(GREEN)), *red, default=Value(AMBER)))


def schools_in_state(schools, year, today, state):
    """The schools of one RAG state, or the three-year rule's flagged ones ("cycle")."""
    _checks, all_met, any_missing, flagged = _conditions(schools, year, today)
    if state == GREEN:
        return schools.filter(all_met)
    if state == RED:
        return (
            schools.none() if any_missing is None else schools.filter(any_missing).exclude(all_met)
        )
    if state == AMBER:
        amber = schools.exclude(all_met)
        return amber if any_missing is None else amber.exclude(any_missing)
    if state == "cycle":
        return schools.filter(flagged)
    return schools


def cached_summary(schools, year, today):
    """``counted_summary``, cached until the next write to the tables it reads
    (iqa_district.counts_cache). The dashboards and the compliance page of an office ask
    the same question on every view."""
    return cached_counts(
        "compliance",
        (query_key(schools), year.pk, today.isoformat()),
        lambda: counted_summary(schools, year, today),
    )


def counted_summary(schools, year, today):
    """What ``summary(compliance_rows(...))`` says, counted by PostgreSQL in one query.

    Each table is read once (grouped per school in a CTE) and each school's flags are
    joined once (the ORM's form, a hashed subplan per condition per count, was ten times
    slower at 3,000 schools); the checks' rules are ``evaluate``'s, with its dates as constants."""
    schools_sql, schools_params = schools.order_by().values("pk").query.sql_with_params()
    year_open = today <= year.ends_on
    sar_open = year.sar_deadline is None or today <= year.sar_deadline

    def missing(met, not_late):
        if not_late is True:
            return None
        return f"NOT {met}" if not_late is False else f"(NOT {met} AND NOT {not_late})"

    checks = {
        "visit": ("visit_done", "visit_any" if year_open else False),
        "self_eval_1": ("s1", today <= year.semester1_ends_on),
        "self_eval_2": ("s2", today <= year.semester2_ends_on),
        "sar": ("sent", sar_open),
        "report": ("published", "visit_any" if year_open else False),
    }
    green = " AND ".join(met for met, _l in checks.values())
    red = " OR ".join(m for met, late in checks.values() if (m := missing(met, late))) or "false"
    per_check = ", ".join(
        f"count(*) FILTER (WHERE {met}) AS met_{key}" for key, (met, _l) in checks.items()
    )
    Status = Visit.Status
    sent_statuses = [SelfAssessmentReport.Status.SUBMITTED, SelfAssessmentReport.Status.ACCEPTED]
    visit_table = Visit._meta.db_table
    # Formatted in: table names and this function's own conditions; every value is a
    # parameter. Plain SQL that SQLite (the embedded demo) runs too.
    sql = f"""
        WITH s (id) AS ({schools_sql}),
        v AS (
            SELECT school_id,
                   max(CASE WHEN status = %s OR (status = %s AND date <= %s)
                            THEN 1 ELSE 0 END) AS done,
                   max(CASE WHEN status = %s THEN 1 ELSE 0 END) AS published
            FROM {visit_table}
            WHERE academic_year_id = %s AND kind = %s AND school_id IN (SELECT id FROM s)
            GROUP BY school_id),
        e AS (
            SELECT school_id,
                   max(CASE WHEN semester = 1 THEN 1 ELSE 0 END) AS s1,
                   max(CASE WHEN semester = 2 THEN 1 ELSE 0 END) AS s2
            FROM {SelfEvaluation._meta.db_table}
            WHERE academic_year_id = %s AND school_id IN (SELECT id FROM s)
            GROUP BY school_id),
        r AS (
            SELECT school_id FROM {SelfAssessmentReport._meta.db_table}
            WHERE academic_year_id = %s AND status IN (%s, %s)
              AND school_id IN (SELECT id FROM s)),
        c AS (
            SELECT DISTINCT school_id FROM {visit_table}
            WHERE kind = %s AND status = %s AND academic_year_id BETWEEN %s AND %s
              AND school_id IN (SELECT id FROM s)),
        f AS (
            SELECT v.school_id IS NOT NULL AS visit_any,
                   coalesce(v.done, 0) = 1 AS visit_done,
                   coalesce(v.published, 0) = 1 AS published,
                   coalesce(e.s1, 0) = 1 AS s1,
                   coalesce(e.s2, 0) = 1 AS s2,
                   r.school_id IS NOT NULL AS sent,
                   c.school_id IS NOT NULL AS recent
            FROM s
            LEFT JOIN v ON v.school_id = s.id
            LEFT JOIN e ON e.school_id = s.id
            LEFT JOIN r ON r.school_id = s.id
            LEFT JOIN c ON c.school_id = s.id)
        SELECT count(*) AS total,
               count(*) FILTER (WHERE {green}) AS green,
               count(*) FILTER (WHERE ({red}) AND NOT ({green})) AS red,
               count(*) FILTER (WHERE NOT recent) AS cycle_flagged,
               {per_check}
        FROM f"""  # noqa: S608
    params = [
        *schools_params,
        Status.PUBLISHED,
        Status.IN_PROGRESS,
        connection.ops.adapt_datefield_value(today),
        Status.PUBLISHED,
        year.pk,
        Visit.Kind.DISTRICT_VISIT,
        year.pk,
        year.pk,
        *sent_statuses,
        Visit.Kind.DISTRICT_VISIT,
        Status.PUBLISHED,
        year.year - CYCLE_YEARS + 2,
        year.pk,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        counted = dict(zip(columns, cursor.fetchone(), strict=True))
    total = counted["total"]
    counts = {
        GREEN: counted[GREEN],
        AMBER: total - counted[GREEN] - counted[RED],
        RED: counted[RED],
    }
    overall = GREEN if counts[GREEN] == total else (RED if counts[RED] else AMBER)
    return {
        "total": total,
        "counts": counts,
        "overall": overall,
        "overall_label": RAG_LABELS[overall] if total else "",
        "per_check": [(label, counted[f"met_{key}"]) for key, label in CHECKS],
        "cycle_flagged": counted["cycle_flagged"],
    }
