"""What the cluster page and the cluster supervisor's dashboard show (process 5 step 1):
per school its size band, its latest SAR levels, its compliance in the year and its open
recommendations. A fixed number of queries whatever the number of schools."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from iqa_district.accounts.models import User
from sar.followup.models import Recommendation
from sar.models import StandardResult
from schools.models import AcademicYear, Cluster, School, size_band_for
from standards.models import QualityLevel

from .. import compliance as frequency_rules
from .models import NeedsSurvey


@dataclass
class SchoolLine:
    school: School
    # (label of the standard, level label) of the latest submitted SAR, in standard order.
    levels: list[tuple[str, str]] = field(default_factory=list)
    sar_year: int | None = None
    compliance: frequency_rules.SchoolCompliance | None = None
    open_recommendations: int = 0


def latest_sar_levels(school_ids: list[int]) -> dict[int, tuple[int, list[tuple[str, str]]]]:
    """{school id: (academic year, [(standard, level label)])} from each school's latest
    submitted SAR version: one query."""
    rows = (
        StandardResult.objects.filter(
            version__report__school__in=school_ids, version__submitted_at__isnull=False
        )
        .order_by()
        .values_list(
            "version__report__school_id",
            "version__report__academic_year_id",
            "version__number",
            "standard__standard_set__level",
            "standard__number",
            "level",
        )
    )
    newest: dict[int, tuple[int, int]] = {}
    found: dict[tuple[int, int, int], list[tuple[str, int, int | None]]] = defaultdict(list)
    for school_id, year, number, set_level, standard, level in rows:
        found[(school_id, year, number)].append((set_level, standard, level))
        if (year, number) > newest.get(school_id, (0, 0)):
            newest[school_id] = (year, number)
    labels = dict(QualityLevel.choices)
    result = {}
    for school_id, (year, number) in newest.items():
        cells = sorted(found[(school_id, year, number)])
        result[school_id] = (
            year,
            [
                (
                    f"{'ปฐมวัย' if set_level == 'ece' else 'ขั้นพื้นฐาน'} ม.{standard}",
                    str(labels.get(level, "-")) if level else "-",
                )
                for set_level, standard, level in cells
            ],
        )
    return result


def open_recommendation_counts(user: User, school_ids: list[int]) -> dict[int, int]:
    """Open recommendations per school, counted from the follow-up's own queryset."""
    return dict(
        Recommendation.objects.visible_to(user)
        .open()
        .filter(school__in=school_ids)
        .order_by()
        .values("school")
        .annotate(n=Count("pk"))
        .values_list("school", "n")
    )


def school_lines(
    user: User, schools: list[School], year: AcademicYear | None, today: datetime.date
) -> list[SchoolLine]:
    ids = [school.pk for school in schools]
    levels = latest_sar_levels(ids)
    recommendations = open_recommendation_counts(user, ids)
    states = {}
    if year is not None:
        rows = frequency_rules.compliance_rows(School.objects.filter(pk__in=ids), year, today)
        states = {row.school.pk: row for row in rows}
    lines = []
    for school in schools:
        year_of_sar, cells = levels.get(school.pk, (None, []))
        lines.append(
            SchoolLine(
                school=school,
                levels=cells,
                sar_year=year_of_sar,
                compliance=states.get(school.pk),
                open_recommendations=recommendations.get(school.pk, 0),
            )
        )
    return lines


def size_band_counts(cluster: Cluster) -> list[tuple[str, int]]:
    """How many of the cluster's schools fall in each size band (and with no count)."""
    counts: dict[str, int] = defaultdict(int)
    kind = cluster.area_office.kind
    for students in cluster.schools.values_list("students", flat=True):
        band = size_band_for(students, kind)
        counts[str(band.label) if band else "ไม่ระบุ"] += 1
    return sorted(counts.items())


def clusters_for(user: User) -> QuerySet[Cluster]:
    """The dashboard's clusters: a supervisor's own, else every cluster of the office."""
    clusters = Cluster.objects.visible_to(user)
    if user.role == User.Role.SUPERVISOR and not user.is_superuser:
        clusters = clusters.filter(supervisors=user)
    return clusters


def dashboard_rows(user: User, year: AcademicYear | None) -> list[dict]:
    """Per cluster: schools, open recommendations, the year's survey and its answers.
    Three queries whatever the number of clusters."""
    clusters = list(
        clusters_for(user).annotate(school_count=Count("schools", distinct=True)).order_by("name")
    )
    ids = [cluster.pk for cluster in clusters]
    open_recs = dict(
        Recommendation.objects.visible_to(user)
        .open()
        .filter(school__cluster__in=ids)
        .order_by()
        .values("school__cluster")
        .annotate(n=Count("pk"))
        .values_list("school__cluster", "n")
    )
    surveys = {}
    if year is not None:
        surveys = {
            survey.cluster_id: survey
            for survey in NeedsSurvey.objects.filter(cluster__in=ids, academic_year=year).annotate(
                answered=Count("responses")
            )
        }
    return [
        {
            "cluster": cluster,
            "open_recommendations": open_recs.get(cluster.pk, 0),
            "survey": surveys.get(cluster.pk),
        }
        for cluster in clusters
    ]
