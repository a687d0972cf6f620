"""Supervision and monitoring (seed processes 1 and 2): committees and their orders,
form templates as versioned data, visits with their answers, school self-evaluations.

Scoping: every model a view reads has ``visible_to(user)``. District staff see their
office; a committee member sees only the committees they sit on and those committees'
visits; school staff see only the published visit reports of their own school.
"""

# Process 5 lives in its own package; importing its models here keeps them in this app.
from ..networks.models import (  # noqa: E402
    Activity,
    ActivityEvaluation,
    ActivityFile,
    ClusterReport,
    NeedsResponse,
    NeedsResponseItem,
    NeedsSurvey,
    Network,
    NetworkMember,
    NetworkPlan,
    ObjectiveRating,
    Participant,
    SatisfactionResponse,
    SharedPractice,
    TrainingAttendee,
    TrainingEvent,
    TrainingMaterial,
)

# So do the district plans and the office's self-assessment (supervision/plans/).
from ..plans.models import (  # noqa: E402
    ActionPlan,
    DevelopmentPlan,
    IndicatorResult,
    OfficeAssessment,
    OfficeAssessmentLevel,
    PlanIndicator,
    PlanProject,
    PlanStrategy,
    ProjectProgress,
)
from .choices import IQAComponent, Semester
from .committees import (
    REQUIRED_DISTRICT_ROLES,
    Committee,
    CommitteeMember,
    CommitteeQuerySet,
    committee_errors,
    composition_errors,
    member_errors,
    peer_level_errors,
)
from .district_reports import DistrictReport, DistrictReportQuerySet, VisitStandardLevel
from .form_templates import FormItem, FormSection, FormTemplate, FormTemplateQuerySet
from .self_evaluations import (
    SelfEvaluation,
    SelfEvaluationCommitteeMember,
    SelfEvaluationLevel,
    SelfEvaluationQuerySet,
)
from .submissions import SubmissionKey
from .visits import Visit, VisitAnswer, VisitEvent, VisitQuerySet

__all__ = [
    "ActionPlan",
    "DevelopmentPlan",
    "IndicatorResult",
    "OfficeAssessment",
    "OfficeAssessmentLevel",
    "PlanIndicator",
    "PlanProject",
    "PlanStrategy",
    "ProjectProgress",
    "Activity",
    "ActivityEvaluation",
    "ActivityFile",
    "ClusterReport",
    "Network",
    "NetworkMember",
    "NetworkPlan",
    "ObjectiveRating",
    "Participant",
    "SatisfactionResponse",
    "SharedPractice",
    "TrainingAttendee",
    "TrainingEvent",
    "TrainingMaterial",
    "REQUIRED_DISTRICT_ROLES",
    "Committee",
    "CommitteeMember",
    "CommitteeQuerySet",
    "DistrictReport",
    "DistrictReportQuerySet",
    "FormItem",
    "FormSection",
    "FormTemplate",
    "FormTemplateQuerySet",
    "IQAComponent",
    "NeedsResponse",
    "NeedsResponseItem",
    "NeedsSurvey",
    "SelfEvaluation",
    "SelfEvaluationCommitteeMember",
    "SelfEvaluationLevel",
    "SelfEvaluationQuerySet",
    "Semester",
    "SubmissionKey",
    "Visit",
    "VisitAnswer",
    "VisitEvent",
    "VisitQuerySet",
    "VisitStandardLevel",
    "committee_errors",
    "composition_errors",
    "member_errors",
    "peer_level_errors",
]
