"""Fetch what the synthesis reads, in a fixed handful of queries whatever the number of
schools: plain tuples from ``values_list``, never a model instance per school.

The version read for a report is its latest submitted version: the one the district
accepted (or, with ``include_submitted``, the one waiting for review).
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count

from schools.models import School, size_band_for
from standards.models import Item, SchoolTarget, Standard, StandardSet

from ..models import HelpNeed, ItemResult, SARVersion, SelfAssessmentReport, StandardResult

# The two national levels the district report breaks down; early childhood first, as
# the official reports list it.
SYNTHESISED_LEVELS = (StandardSet.Level.ECE, StandardSet.Level.BASIC)


@dataclass(frozen=True)
class SchoolRow:
    id: int
    code: str
    name: str
    cluster: str  # "" when the school belongs to no cluster
    size_band: str | None
    status: str


@dataclass(frozen=True)
class StandardRow:
    id: int
    set_code: str
    set_name: str
    set_level: str
    number: int
    title: str


@dataclass(frozen=True)
class ItemRow:
    id: int
    standard_id: int
    code: str
    title: str


@dataclass
class SynthesisInput:
    """Everything the pure computation needs, as plain rows."""

    office_code: str
    office_name: str
    year: int
    include_submitted: bool
    schools_total: int
    schools: list[SchoolRow]  # the schools whose SAR is synthesised, in display order
    standards: list[StandardRow]
    items: list[ItemRow]
    # The heading items the standards print above their assessed items (1.1, 1.2).
    headings: list[ItemRow] = field(default_factory=list)
    # (school_id, standard_id, level, strengths, improvements), or without the two
    # texts when read with ``narratives=False``
    standard_results: list[tuple] = field(default_factory=list)
    # Whether standard_results carry the texts the phrase mining reads.
    narratives: bool = True
    # (item_id, level, schools): how many schools reached each level of an item,
    # counted by the database (level None: the school gave a percent only).
    item_levels: list[tuple] = field(default_factory=list)
    # (school_id, item_id, target_level, target_percent, level, result_percent, met):
    # every target of the schools that year beside the school's result for the item,
    # met (1 or 0) decided by the database (SchoolTarget.is_met_by); the percents are
    # floats, given for unmet targets only.
    targets: list[tuple] = field(default_factory=list)
    # (school_id, category, description)
    help_needs: list[tuple] = field(default_factory=list)
    previous_year: int | None = None
    previous_results: dict | None = None


def _statuses(include_submitted):
    statuses = [SelfAssessmentReport.Status.ACCEPTED]
    if include_submitted:
        statuses.append(SelfAssessmentReport.Status.SUBMITTED)
    return statuses


def fetch_input(office, year, *, include_submitted=False, narratives=True):
    """Read the synthesis input of ``office`` for academic year ``year`` (an int).
    ``narratives=False`` leaves out the texts only the phrase mining reads (megabytes of
    Thai at a large office): the figures alone, as the benchmark measures them."""
    from ..models import SynthesisRun

    statuses = _statuses(include_submitted)
    report_filter = {
        "report__school__area_office": office,
        "report__academic_year": year,
        "report__status__in": statuses,
        "submitted_at__isnull": False,
    }
    # 1. The latest submitted version of every report in scope.
    chosen = {}  # school_id -> (version_number, version_id, status)
    # Every query here drops the models' default ordering (.order_by()): it sorts
    # through the joined tables, on disk at national scale, and the computation
    # does not need the rows in any order (3.3-3.4x faster on item results).
    for school_id, status, version_id, number in (
        SARVersion.objects.filter(**report_filter)
        .order_by()
        .values_list("report__school_id", "report__status", "id", "number")
    ):
        if school_id not in chosen or number > chosen[school_id][0]:
            chosen[school_id] = (number, version_id, status)
    version_school = {v[1]: school_id for school_id, v in chosen.items()}

    # 2. Every school of the office, in Thai name order (for the appendix).
    schools = []
    schools_total = 0
    bands = {}
    for pk, code, name, cluster, students, is_active in (
        School.objects.in_area(office)
        .thai_ordered()
        .values_list("id", "code", "name", "cluster__name", "students", "is_active")
    ):
        schools_total += is_active
        if pk in chosen:
            if students not in bands:
                bands[students] = size_band_for(students, office.kind)
            band = bands[students]
            schools.append(
                SchoolRow(pk, code, name, cluster or "", band and str(band), chosen[pk][2])
            )

    # The chosen versions' ids, known from step 1: the rows below are read by them,
    # an index scan each, rather than joined again through reports and schools.
    version_ids = sorted(chosen[school.id][1] for school in schools)

    def rows_of(model, *fields):
        return [
            (version_school[row[0]], *row[1:])
            for row in model.objects.filter(version_id__in=version_ids)
            .order_by()
            .values_list("version_id", *fields)
        ]

    # 3-5. Results, narratives and needs of those versions.
    # Item results and targets go into dictionaries; the texts and the needs keep the
    # order the report quotes them in (by school code, as the models' ordering had it),
    # sorted here on a few thousand tuples instead of in the database through the joins.
    code_of = {school.id: school.code for school in schools}
    if narratives:
        standard_results = rows_of(
            StandardResult, "standard_id", "level", "strengths", "improvements"
        )
        standard_results.sort(key=lambda row: code_of.get(row[0], ""))
    else:
        standard_results = rows_of(StandardResult, "standard_id", "level")
    # The item levels are counted by the database: a few rows per item instead of one
    # per school and item.
    item_levels = list(
        ItemResult.objects.filter(version_id__in=version_ids)
        .order_by()
        .values("item_id", "level")
        .annotate(schools=Count("pk"))
        .values_list("item_id", "level", "schools")
    )
    help_needs = [
        (school_id, category, description)
        for school_id, category, description, _pk in sorted(
            rows_of(HelpNeed, "category", "description", "id"),
            key=lambda row: (code_of.get(row[0], ""), row[1], row[3]),
        )
    ]

    # 6-7. The national ECE/basic standards those results refer to, and their items.
    item_ids = {row[0] for row in item_levels}
    standard_ids = {row[1] for row in standard_results}
    standard_ids |= set(
        Item.objects.filter(pk__in=item_ids).order_by().values_list("standard_id", flat=True)
    )
    standards = [
        StandardRow(*row)
        for row in Standard.objects.filter(
            pk__in=standard_ids,
            standard_set__level__in=SYNTHESISED_LEVELS,
            standard_set__area_office__isnull=True,
            standard_set__school__isnull=True,
        )
        .order_by("standard_set__level", "standard_set__code", "number")
        .values_list(
            "id",
            "standard_set__code",
            "standard_set__name_th",
            "standard_set__level",
            "number",
            "title_th",
        )
    ]
    level_rank = {level: i for i, level in enumerate(SYNTHESISED_LEVELS)}
    standards.sort(key=lambda s: (level_rank[s.set_level], s.set_code, s.number))
    # Assessed items and the heading items above them, in one query.
    items, headings = [], []
    for *row, is_assessed in (
        Item.objects.filter(standard_id__in=[s.id for s in standards])
        .order_by("standard_id", "order", "code")
        .values_list("id", "standard_id", "code", "title_th", "is_assessed")
    ):
        (items if is_assessed else headings).append(ItemRow(*row))

    # 8. The schools' targets for that year, each beside its result and whether it is met.
    targets = _targets(year, [school.id for school in schools], version_ids)

    # 9. Last year's finished synthesis of the office, for the change per standard.
    previous = (
        SynthesisRun.objects.filter(
            area_office=office, academic_year=year - 1, status=SynthesisRun.Status.DONE
        )
        .order_by("-is_published", "-finished_at", "-pk")
        .values_list("results", flat=True)
        .first()
    )

    return SynthesisInput(
        office_code=office.code,
        office_name=office.name,
        year=year,
        include_submitted=include_submitted,
        schools_total=schools_total,
        schools=schools,
        standards=standards,
        items=items,
        headings=headings,
        standard_results=standard_results,
        narratives=narratives,
        item_levels=item_levels,
        targets=targets,
        help_needs=help_needs,
        previous_year=year - 1 if previous else None,
        previous_results=previous or None,
    )


# SchoolTarget.is_met_by in SQL: the level reached, and the percent too where the target
# sets one (a missing result meets nothing: NULL comparisons fall to ELSE 0). The report
# shows a met target only in the counts, so its row carries no percents; the percents of
# an unmet one come as floats (the results store floats; numeric to float8 rounds as
# Python's float(Decimal) does, and the comparison above stays on the exact numerics).
# Each join follows a unique index (one report per school and year, the chosen version
# of it, one result per version and item), so even the nested loops the planner picks
# on the statistics of freshly loaded tables stay one index probe per target; the results
# are restricted to the chosen versions on their own too, so a hash join reads those
# versions' rows by index rather than every result of the country.
TARGETS_SQL = """
SELECT school_id, item_id, target_level,
       CASE WHEN met = 1 THEN NULL ELSE CAST(target_percent AS DOUBLE PRECISION) END,
       level,
       CASE WHEN met = 1 THEN NULL ELSE CAST(result_percent AS DOUBLE PRECISION) END,
       met
  FROM (SELECT t.school_id, t.item_id, t.target_level, t.target_percent, ir.level,
               ir.result_percent,
               CASE WHEN ir.level >= t.target_level
                     AND (t.target_percent IS NULL OR ir.result_percent >= t.target_percent)
                    THEN 1 ELSE 0 END AS met
          FROM {target} t
          LEFT JOIN {report} r
            ON r.school_id = t.school_id AND r.academic_year_id = t.academic_year_id
          LEFT JOIN {version} ver ON ver.report_id = r.id AND ver.id IN ({versions})
          LEFT JOIN {result} ir
            ON ir.version_id = ver.id AND ir.item_id = t.item_id AND ir.version_id IN ({versions})
         WHERE t.academic_year_id = %s AND t.school_id IN ({schools})) targets
"""


def _targets(year, school_ids, version_ids):
    """Every target of ``school_ids`` in ``year`` with the result of the school's chosen
    version (one of ``version_ids``) for the same item, as TARGETS_SQL rows."""
    if not school_ids:
        return []
    sql = TARGETS_SQL.format(
        target=SchoolTarget._meta.db_table,
        result=ItemResult._meta.db_table,
        version=SARVersion._meta.db_table,
        report=SelfAssessmentReport._meta.db_table,
        versions=", ".join(["%s"] * len(version_ids)),
        schools=", ".join(["%s"] * len(school_ids)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*version_ids, *version_ids, year, *school_ids])
        return cursor.fetchall()
