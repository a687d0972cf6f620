"""Writes of the district plans and of the office's self-assessment. Keyword-only, one
transaction each; the office's quality managers (district admins and supervisors, or a
superuser) write, checked in every service, and every write leaves an audit entry."""

from ._access import can_manage
from .editing import (
    StaleEditError,
    indicator_delete,
    indicator_update,
    project_delete,
    project_update,
)
from .office import (
    office_assessment_finalize,
    office_assessment_open,
    office_assessment_save,
    office_standard_set,
)
from .plans import (
    action_plan_create,
    action_plan_evaluate,
    action_plan_set_published,
    indicator_add,
    plan_create,
    plan_set_published,
    plan_update,
    project_add,
    project_report_progress,
    strategy_save,
)

__all__ = [
    "StaleEditError",
    "action_plan_create",
    "action_plan_evaluate",
    "action_plan_set_published",
    "can_manage",
    "indicator_add",
    "indicator_delete",
    "indicator_update",
    "office_assessment_finalize",
    "office_assessment_open",
    "office_assessment_save",
    "office_standard_set",
    "plan_create",
    "plan_set_published",
    "plan_update",
    "project_add",
    "project_delete",
    "project_report_progress",
    "project_update",
    "strategy_save",
]
