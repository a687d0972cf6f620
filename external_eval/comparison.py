"""Form ๗.๒ side by side: per standard of the round's frameworks, the school's own SAR
level for the evaluated year, the district committee's level (the process 2 visit forms
of that year) and ONESQA's level. A fixed number of queries per evaluation."""

from collections import defaultdict
from dataclasses import dataclass

from sar.models import StandardResult
from standards.models import QualityLevel, Standard
from supervision.models import VisitAnswer
from supervision.reports import rounded_level

from .models import ExternalEvaluation, OnesqaStandardResult

# A self or committee rating this many levels above ONESQA's is flagged (form ๗.๓).
FLAG_GAP = 2


@dataclass
class Row:
    standard: Standard
    sar_level: int | None
    committee_level: int | None
    result: OnesqaStandardResult | None

    @property
    def onesqa_level(self) -> int | None:
        return self.result.level.value if self.result else None

    def _gap(self, level: int | None) -> int | None:
        if level is None or self.onesqa_level is None:
            return None
        return level - self.onesqa_level

    @property
    def sar_gap(self) -> int | None:
        return self._gap(self.sar_level)

    @property
    def committee_gap(self) -> int | None:
        return self._gap(self.committee_level)

    @property
    def flagged(self) -> bool:
        return any(g is not None and g >= FLAG_GAP for g in (self.sar_gap, self.committee_gap))

    @staticmethod
    def label(level: int | None) -> str:
        return str(QualityLevel(level).label) if level in QualityLevel.values else ""

    @property
    def sar_label(self) -> str:
        return self.label(self.sar_level)

    @property
    def committee_label(self) -> str:
        return self.label(self.committee_level)


def side_by_side(evaluation: ExternalEvaluation) -> list[Row]:
    standards = list(
        Standard.objects.filter(standard_set__onesqa_rounds=evaluation.round_id)
        .filter(standard_set__level__in=_levels(evaluation))
        .select_related("standard_set")
        .order_by("standard_set__level", "number")
    )
    results = {
        r.standard_id: r
        for r in OnesqaStandardResult.objects.filter(evaluation=evaluation).select_related("level")
    }
    # The latest SAR version of the evaluated year that has a level for the standard.
    sar: dict[int, int] = {}
    for standard_id, level in (
        StandardResult.objects.filter(
            version__report__school=evaluation.school_id,
            version__report__academic_year=evaluation.academic_year_id,
            level__isnull=False,
        )
        .order_by("standard_id", "-version__number")
        .values_list("standard_id", "level")
    ):
        sar.setdefault(standard_id, level)  # type: ignore[arg-type]
    committee: dict[int, list[int]] = defaultdict(list)
    for standard_id, level in VisitAnswer.objects.filter(
        visit__school=evaluation.school_id,
        visit__academic_year=evaluation.academic_year_id,
        standard_item__isnull=False,
        level__isnull=False,
    ).values_list("standard_item__standard_id", "level"):
        committee[standard_id].append(level)  # type: ignore[arg-type]
    return [
        Row(
            standard=s,
            sar_level=sar.get(s.pk),
            committee_level=rounded_level(committee.get(s.pk, [])),
            result=results.get(s.pk),
        )
        for s in standards
    ]


def _levels(evaluation: ExternalEvaluation) -> list[str]:
    """The framework levels the school teaches: ECE only where it offers it."""
    levels = ["basic"] if evaluation.school.offers_basic else []
    if evaluation.school.offers_ece:
        levels.append("ece")
    return levels
