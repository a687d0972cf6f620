"""The rows of process 5 and of the district's training events, registered by import from
``supervision.models`` so their migrations stay in supervision."""

from .activities import (
    Activity,
    ActivityFile,
    Network,
    NetworkMember,
    NetworkPlan,
    Participant,
    ParticipantRole,
)
from .evaluation import (
    SATISFACTION_QUESTIONS,
    ActivityEvaluation,
    ClusterReport,
    ObjectiveRating,
    SatisfactionResponse,
)
from .survey import NeedArea, NeedsResponse, NeedsResponseItem, NeedsSurvey, Support
from .training import SharedPractice, TrainingAttendee, TrainingEvent, TrainingMaterial

__all__ = [
    "SATISFACTION_QUESTIONS",
    "Activity",
    "ActivityEvaluation",
    "ActivityFile",
    "ClusterReport",
    "NeedArea",
    "NeedsResponse",
    "NeedsResponseItem",
    "NeedsSurvey",
    "Network",
    "NetworkMember",
    "NetworkPlan",
    "ObjectiveRating",
    "Participant",
    "ParticipantRole",
    "SatisfactionResponse",
    "SharedPractice",
    "Support",
    "TrainingAttendee",
    "TrainingEvent",
    "TrainingMaterial",
]
