"""The SAR part of a school's whole picture: its reports by year with their status, the
level per standard across the years with a small trend line, and how many targets each
year's results met. Five queries whatever the number of years."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from iqa_district.school_profile import Section, register
from standards.models import SchoolTarget

from .models import ItemResult, SARVersion, SelfAssessmentReport, StandardResult

# The trend chart's drawing box, in SVG user units.
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 120, 40, 5


@dataclass
class YearRow:
    report: SelfAssessmentReport
    version: SARVersion | None  # the newest version the district received, else the newest
    version_count: int = 0
    targets_total: int = 0
    targets_met: int = 0


@dataclass
class StandardTrend:
    label: str
    title: str
    levels: list[int | None] = field(default_factory=list)  # one per year, oldest first
    points: list[tuple[float, float, int]] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _level in self.points)

    @property
    def direction(self) -> int:
        known = [level for level in self.levels if level is not None]
        if len(known) < 2 or known[-1] == known[-2]:
            return 0
        return 1 if known[-1] > known[-2] else -1


def chart_points(levels: list[int | None]) -> list[tuple[float, float, int]]:
    """Levels 1-5 placed left (oldest) to right; a year without a level leaves a gap."""
    span = max(len(levels) - 1, 1)
    step = (CHART_WIDTH - 2 * CHART_PAD) / span
    height = CHART_HEIGHT - 2 * CHART_PAD
    return [
        (CHART_PAD + i * step, CHART_PAD + height * (5 - level) / 4, level)
        for i, level in enumerate(levels)
        if level is not None
    ]


def _chosen_versions(reports):
    versions = defaultdict(list)
    for version in SARVersion.objects.filter(report__in=reports).order_by("number"):
        versions[version.report_id].append(version)
    chosen = {}
    for report in reports:
        rows = versions[report.pk]
        submitted = [v for v in rows if v.is_frozen]
        chosen[report.pk] = (submitted or rows or [None])[-1], len(rows)
    return chosen


def _targets_met(school, rows):
    by_version = {row.version.pk: row for row in rows if row.version}
    results = {
        (row.version_id, row.item_id): row
        for row in ItemResult.objects.filter(version__in=list(by_version))
    }
    version_of_year = {row.report.academic_year_id: row.version for row in rows if row.version}
    row_of_year = {row.report.academic_year_id: row for row in rows}
    for target in SchoolTarget.objects.filter(school=school, academic_year__in=list(row_of_year)):
        row = row_of_year[target.academic_year_id]
        row.targets_total += 1
        version = version_of_year.get(target.academic_year_id)
        result = results.get((version.pk, target.item_id)) if version else None
        if result and target.is_met_by(level=result.level, percent=result.result_percent):
            row.targets_met += 1


def _trends(rows):
    oldest_first = list(reversed(rows))
    column = {row.version.pk: i for i, row in enumerate(oldest_first) if row.version}
    trends: dict[int, StandardTrend] = {}
    results = (
        StandardResult.objects.filter(version__in=list(column))
        .select_related("standard__standard_set")
        .order_by("standard__standard_set__level", "standard__number")
    )
    for result in results:
        standard = result.standard
        trend = trends.get(standard.pk)
        if trend is None:
            trend = trends[standard.pk] = StandardTrend(
                label=_("%(set)s มาตรฐานที่ %(n)s")
                % {"set": standard.standard_set.get_level_display(), "n": standard.number},
                title=standard.title_th,
                levels=[None] * len(oldest_first),
            )
        trend.levels[column[result.version_id]] = result.level
    for trend in trends.values():
        trend.points = chart_points(trend.levels)
    return list(trends.values())


@register
def sar_section(school, user, today):
    if not (user.is_authenticated and (user.is_school_staff or user.is_district_staff)):
        return None
    reports = list(
        SelfAssessmentReport.objects.visible_to(user)
        .filter(school=school)
        .select_related("academic_year")
        .order_by("-academic_year_id")
    )
    chosen = _chosen_versions(reports)
    rows = [YearRow(report, *chosen[report.pk]) for report in reports]
    _targets_met(school, rows)
    trends = _trends(rows)
    return Section(
        key="school-sars",
        title=_("รายงานผลการประเมินตนเอง (SAR) รายปี"),
        template="sar/school_profile/_sars.html",
        order=10,
        context={
            "rows": rows,
            "years": [row.report.academic_year_id for row in reversed(rows)],
            "trends": trends,
            "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT},
        },
    )
