"""The figures of an action plan: budget and progress of its projects, and at year end each
indicator's actual against its target for the year (met or not)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import ActionPlan, IndicatorResult, PlanIndicator, PlanProject

TWO = Decimal("0.01")


@dataclass
class IndicatorLine:
    indicator: PlanIndicator
    target: Decimal | None
    result: IndicatorResult | None

    @property
    def actual(self) -> Decimal | None:
        return self.result.actual if self.result else None

    @property
    def met(self) -> bool | None:
        """None until an actual is entered; higher is better."""
        if self.actual is None or self.target is None:
            return None
        return self.actual >= self.target

    @property
    def gap(self) -> Decimal | None:
        if self.actual is None or self.target is None:
            return None
        return self.actual - self.target


@dataclass
class ProgressSummary:
    projects: int
    done: int
    in_progress: int
    not_started: int
    budget: Decimal
    spent: Decimal
    mean_progress: Decimal | None

    @property
    def spent_percent(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.spent * 100 / self.budget).quantize(TWO, ROUND_HALF_UP)


def progress_summary(projects: list[PlanProject]) -> ProgressSummary:
    done = sum(1 for p in projects if p.progress >= 100)
    not_started = sum(1 for p in projects if p.progress == 0)
    mean = None
    if projects:
        mean = (Decimal(sum(p.progress for p in projects)) / len(projects)).quantize(
            TWO, ROUND_HALF_UP
        )
    return ProgressSummary(
        projects=len(projects),
        done=done,
        in_progress=len(projects) - done - not_started,
        not_started=not_started,
        budget=sum((p.budget for p in projects), Decimal(0)),
        spent=sum((p.spent for p in projects), Decimal(0)),
        mean_progress=mean,
    )


def indicator_lines(action_plan: ActionPlan) -> list[IndicatorLine]:
    """Every indicator of the plan, in strategy order, with this year's target and result
    (two queries)."""
    plan = action_plan.plan
    results = {r.indicator_id: r for r in action_plan.results.all()}
    indicators = PlanIndicator.objects.filter(strategy__plan=plan).select_related("strategy")
    return [
        IndicatorLine(
            indicator=indicator,
            target=indicator.target_for(plan, action_plan.fiscal_year),
            result=results.get(indicator.pk),
        )
        for indicator in indicators.order_by("strategy__number", "code")
    ]


def met_summary(lines: list[IndicatorLine]) -> dict[str, int]:
    judged = [line for line in lines if line.met is not None]
    return {
        "indicators": len(lines),
        "judged": len(judged),
        "met": sum(1 for line in judged if line.met),
        "not_met": sum(1 for line in judged if not line.met),
    }
