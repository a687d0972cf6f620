"""The contents of a round's package, read in a fixed number of queries whatever the
number of schools: the schools are those the round evaluates in the office and those with
issues in the package's year; the year is the latest published SAR synthesis's within the
round (or the current academic year when none is published yet)."""

from dataclasses import dataclass, field

from sar.models import SARVersion, SelfAssessmentReport, StandardResult, SynthesisRun
from sar.synthesis.models import EvaluationIssue
from schools.models import AcademicYear, AreaOffice, School
from standards.models import QualityLevel

from ..models import ExternalEvaluation, OnesqaPackage, OnesqaRound
from ..synthesis.data import standard_label

SENT_STATUSES = (SelfAssessmentReport.Status.SUBMITTED, SelfAssessmentReport.Status.ACCEPTED)


@dataclass
class LatestSar:
    report: SelfAssessmentReport
    version: SARVersion | None
    levels: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class SchoolEntry:
    school: School
    evaluation: ExternalEvaluation | None
    issues: list[EvaluationIssue] = field(default_factory=list)
    sar: LatestSar | None = None


def package_contents(office: AreaOffice, onesqa_round: OnesqaRound) -> dict:
    run = (
        SynthesisRun.objects.published()
        .filter(
            area_office=office,
            academic_year__year__gte=onesqa_round.year_from - 1,
            academic_year__year__lte=onesqa_round.year_to,
        )
        .select_related("academic_year")
        .order_by("-academic_year__year")
        .first()
    )
    year = run.academic_year_id if run else getattr(AcademicYear.objects.current(), "year", None)
    entries: dict[int, SchoolEntry] = {}
    evaluations = (
        ExternalEvaluation.objects.filter(round=onesqa_round, school__area_office=office)
        .select_related("school")
        .order_by("school__code", "-scheduled_from", "-pk")
    )
    for evaluation in evaluations:
        entries.setdefault(evaluation.school_id, SchoolEntry(evaluation.school, evaluation))
    if year is not None:
        for issue in EvaluationIssue.objects.of_office_year(office.pk, year):
            entry = entries.setdefault(issue.school_id, SchoolEntry(issue.school, None))
            entry.issues.append(issue)
    _attach_latest_sars(entries)
    return {
        "office": office,
        "round": onesqa_round,
        "run": run,
        "year": year,
        "schools": sorted(entries.values(), key=lambda e: e.school.code),
        "package": OnesqaPackage.objects.filter(area_office=office, round=onesqa_round)
        .select_related("sent_by")
        .first(),
    }


def _attach_latest_sars(entries: dict[int, SchoolEntry]) -> None:
    """Each school's latest SAR sent to the district, its latest sent version and that
    version's level per standard: three queries."""
    latest: dict[int, SelfAssessmentReport] = {}
    reports = SelfAssessmentReport.objects.filter(
        school__in=entries, status__in=SENT_STATUSES
    ).order_by("school", "-academic_year_id")
    for report in reports:
        latest.setdefault(report.school_id, report)
    versions: dict[int, SARVersion] = {}
    for version in SARVersion.objects.filter(
        report__in=[r.pk for r in latest.values()], submitted_at__isnull=False
    ).order_by("report", "-number"):
        versions.setdefault(version.report_id, version)
    levels: dict[int, list[tuple[str, str]]] = {}
    results = (
        StandardResult.objects.filter(version__in=[v.pk for v in versions.values()])
        .select_related("standard__standard_set")
        .order_by("version", "standard__standard_set__level", "standard__number")
    )
    for result in results:
        label = str(QualityLevel(result.level).label) if result.level else "-"
        levels.setdefault(result.version_id, []).append((standard_label(result.standard), label))
    for school_id, report in latest.items():
        kept = versions.get(report.pk)
        entries[school_id].sar = LatestSar(report, kept, levels.get(kept.pk, []) if kept else [])
