"""Writes of process 5 and of the district's training events. Keyword-only, one
transaction each, the actor checked and recorded in the audit log."""

from .activities import (
    activity_file_add,
    activity_file_delete,
    activity_record,
    activity_save,
    attendance_set,
    network_create,
    network_member_add,
    network_member_remove,
    participant_add,
    plan_save,
)
from .evaluation import (
    evaluation_save,
    report_save,
    report_set_public,
    satisfaction_set_open,
    satisfaction_submit,
)
from .survey import can_answer, can_manage_cluster, survey_answer, survey_close, survey_open
from .training import (
    can_manage_training,
    practice_share,
    training_attendance_set,
    training_attendee_add,
    training_material_add,
    training_save,
)

__all__ = [
    "activity_file_add",
    "activity_file_delete",
    "activity_record",
    "activity_save",
    "attendance_set",
    "can_answer",
    "can_manage_cluster",
    "can_manage_training",
    "evaluation_save",
    "network_create",
    "network_member_add",
    "network_member_remove",
    "participant_add",
    "plan_save",
    "practice_share",
    "report_save",
    "report_set_public",
    "satisfaction_set_open",
    "satisfaction_submit",
    "survey_answer",
    "survey_close",
    "survey_open",
    "training_attendance_set",
    "training_attendee_add",
    "training_material_add",
    "training_save",
]
