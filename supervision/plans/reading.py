"""What the plan pages and documents read, in a fixed number of queries whatever the
number of strategies, projects or schools."""

from typing import Any

from django.db.models import Prefetch

from standards.models import Standard

from . import evaluation, evidence
from .models import (
    ActionPlan,
    DevelopmentPlan,
    OfficeAssessment,
    OfficeAssessmentLevel,
    PlanIndicator,
    PlanProject,
    PlanStrategy,
)
from .office_figures import figures_by_item, office_figures


def plan_context(plan: DevelopmentPlan) -> dict[str, Any]:
    strategies = list(
        PlanStrategy.objects.filter(plan=plan)
        .select_related("synthesis_run__academic_year")
        .prefetch_related(Prefetch("indicators", PlanIndicator.objects.order_by("code")))
        .order_by("number")
    )
    rows = [
        (strategy, evidence.evidence_for(strategy.synthesis_run, strategy.standard_key))
        for strategy in strategies
    ]
    # One call per provider for the whole plan, not one per strategy.
    extra = evidence.extra_evidence(plan.area_office, (e.key for _, found in rows for e in found))
    for _, found in rows:
        for e in found:
            e.extra = extra.get(e.key, [])
    return {
        "plan": plan,
        "office": plan.area_office,
        "strategies": rows,
        "action_plans": list(plan.action_plans.order_by("fiscal_year")),
    }


def projects_of(action_plan: ActionPlan) -> list[PlanProject]:
    return list(
        PlanProject.objects.filter(action_plan=action_plan)
        .select_related("strategy")
        .prefetch_related(Prefetch("indicators", PlanIndicator.objects.order_by("code")))
        .order_by("number")
    )


def action_plan_context(action_plan: ActionPlan) -> dict[str, Any]:
    projects = projects_of(action_plan)
    lines = evaluation.indicator_lines(action_plan)
    return {
        "action_plan": action_plan,
        "plan": action_plan.plan,
        "office": action_plan.plan.area_office,
        "projects": projects,
        "summary": evaluation.progress_summary(projects),
        "lines": lines,
        "met": evaluation.met_summary(lines),
    }


def office_assessment_context(assessment: OfficeAssessment) -> dict[str, Any]:
    rows = list(
        OfficeAssessmentLevel.objects.filter(assessment=assessment)
        .select_related("item__standard")
        .order_by("item__standard__number", "item__order")
    )
    standards: dict[int, tuple[Standard, list[OfficeAssessmentLevel]]] = {}
    for row in rows:
        standards.setdefault(row.item.standard_id, (row.item.standard, []))[1].append(row)
    figures = assessment.figures or office_figures(assessment.area_office, assessment.academic_year)
    by_item = figures_by_item(figures)
    return {
        "assessment": assessment,
        "office": assessment.area_office,
        "rows": rows,
        "standards": [
            (standard, [(row, by_item.get(row.item.code, [])) for row in items])
            for standard, items in standards.values()
        ],
        "figures": list(figures.values()),
        "levels_missing": sum(1 for row in rows if row.level is None),
    }
