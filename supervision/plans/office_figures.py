"""The figures the system already holds about an office's year, computed from its rows for
the self-assessment against the office's standards (seed 003: "254 schools submitted
their SAR, 100 %"). Six queries whatever the number of schools."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sar.models import SARVersion, SelfAssessmentReport, StandardResult
from schools.models import AcademicYear, AreaOffice, School

from ..models import SelfEvaluation, Visit

VERY_GOOD = 4  # ดีเลิศ; ยอดเยี่ยม (5) is above it

# Which office indicator (item code of the office's set) each figure is evidence for:
# 2.5 monitoring, checking and supervision; 3.2 schools meet the QA standards.
FIGURES_BY_ITEM = {
    "2.5": ("visits", "self_evaluations"),
    "3.2": ("sar_submission", "very_good_plus"),
}

LABELS = {
    "sar_submission": "สถานศึกษาส่งรายงานผลการประเมินตนเอง (SAR)",
    "very_good_plus": "สถานศึกษาที่ทุกมาตรฐานอยู่ในระดับดีเลิศขึ้นไป (จากสถานศึกษาที่ส่ง SAR)",
    "visits": "สถานศึกษาที่ได้รับการนิเทศ ตรวจเยี่ยม และเผยแพร่รายงานแล้ว",
    "self_evaluations": "สถานศึกษาที่ประเมินคุณภาพภายในตนเองแล้ว (อย่างน้อย 1 ภาคเรียน)",
}


def percent(count: int, total: int) -> float | None:
    if not total:
        return None
    return float((Decimal(count) * 100 / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _figure(key: str, count: int, total: int, **extra: Any) -> dict[str, Any]:
    return {
        "key": key,
        "label": LABELS[key],
        "count": count,
        "total": total,
        "percent": percent(count, total),
        **extra,
    }


def office_figures(office: AreaOffice, year: AcademicYear) -> dict[str, dict[str, Any]]:
    """{figure key: {label, count, total, percent, ...}} for ``office`` in ``year``."""
    schools = School.objects.in_area(office).active()
    total = schools.count()
    sent_statuses = [SelfAssessmentReport.Status.SUBMITTED, SelfAssessmentReport.Status.ACCEPTED]
    reports = SelfAssessmentReport.objects.filter(
        school__in=schools, academic_year=year, status__in=sent_statuses
    )
    sent = reports.count()

    latest: dict[int, tuple[int, int]] = {}  # school -> (version number, version id)
    for school_id, version_id, number in SARVersion.objects.filter(
        report__in=reports, submitted_at__isnull=False
    ).values_list("report__school_id", "id", "number"):
        if school_id not in latest or number > latest[school_id][0]:
            latest[school_id] = (number, version_id)
    levels: dict[int, list[int]] = {version_id: [] for _n, version_id in latest.values()}
    for version_id, level in StandardResult.objects.filter(
        version_id__in=levels, level__isnull=False
    ).values_list("version_id", "level"):
        if level is not None:
            levels[version_id].append(level)
    very_good = sum(
        1 for found in levels.values() if found and all(level >= VERY_GOOD for level in found)
    )

    # One row per published visit: a school visited twice counts once.
    visited = list(
        Visit.objects.filter(
            school__in=schools, academic_year=year, status=Visit.Status.PUBLISHED
        ).values_list("school_id", flat=True)
    )
    visited_schools = set(visited)
    evaluated = set(
        SelfEvaluation.objects.filter(school__in=schools, academic_year=year).values_list(
            "school_id", flat=True
        )
    )
    return {
        "sar_submission": _figure("sar_submission", sent, total),
        "very_good_plus": _figure("very_good_plus", very_good, len(levels)),
        "visits": _figure("visits", len(visited_schools), total, visits=len(visited)),
        "self_evaluations": _figure("self_evaluations", len(evaluated), total),
    }


def figures_by_item(figures: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {
        code: [figures[key] for key in keys if key in figures]
        for code, keys in FIGURES_BY_ITEM.items()
    }
