"""Supervision and monitoring (seed processes 1 and 2): committees and their orders,
form templates as versioned data, visits with their answers, school self-evaluations.

Scoping: every model a view reads has ``visible_to(user)``. District staff see their
office; a committee member sees only the committees they sit on and those committees'
visits; school staff see only the published visit reports of their own school.
"""

# Process 5 lives in its own package; importing its models here keeps them in this app.
from ..networks.models import NeedsResponse, NeedsResponseItem, NeedsSurvey  # noqa: E402
from .choices import Semester
from .committees import (
    REQUIRED_DISTRICT_ROLES,
    Committee,
    CommitteeMember,
    CommitteeQuerySet,
    composition_errors,
)
from .form_templates import FormItem, FormSection, FormTemplate, FormTemplateQuerySet
from .self_evaluations import SelfEvaluation, SelfEvaluationLevel, SelfEvaluationQuerySet
from .submissions import SubmissionKey
from .visits import Visit, VisitAnswer, VisitEvent, VisitQuerySet

__all__ = [
    "REQUIRED_DISTRICT_ROLES",
    "Committee",
    "CommitteeMember",
    "CommitteeQuerySet",
    "FormItem",
    "FormSection",
    "FormTemplate",
    "FormTemplateQuerySet",
    "NeedsResponse",
    "NeedsResponseItem",
    "NeedsSurvey",
    "SelfEvaluation",
    "SelfEvaluationLevel",
    "SelfEvaluationQuerySet",
    "Semester",
    "SubmissionKey",
    "Visit",
    "VisitAnswer",
    "VisitEvent",
    "VisitQuerySet",
    "composition_errors",
]
