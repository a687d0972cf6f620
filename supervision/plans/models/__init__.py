"""Models of the plans package, registered in ``supervision.models`` so that their
migrations stay in supervision."""

from .office import OfficeAssessment, OfficeAssessmentLevel
from .plans import (
    PLAN_YEARS,
    ActionPlan,
    ActionPlanQuerySet,
    DevelopmentPlan,
    DevelopmentPlanQuerySet,
    IndicatorResult,
    PlanIndicator,
    PlanProject,
    PlanStrategy,
    ProjectProgress,
)

__all__ = [
    "PLAN_YEARS",
    "ActionPlan",
    "ActionPlanQuerySet",
    "DevelopmentPlan",
    "DevelopmentPlanQuerySet",
    "IndicatorResult",
    "OfficeAssessment",
    "OfficeAssessmentLevel",
    "PlanIndicator",
    "PlanProject",
    "PlanStrategy",
    "ProjectProgress",
]
