from django.urls import path

from .views import activities, reports, survey, training

app_name = "networks"

urlpatterns = [
    path("", survey.network_dashboard, name="dashboard"),
    path("clusters/<int:pk>/", survey.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/survey/", survey.survey_open, name="survey_open"),
    path("clusters/<int:pk>/networks/", activities.network_list, name="network_list"),
    path("clusters/<int:pk>/plan/", activities.plan_save, name="plan_save"),
    path("clusters/<int:pk>/report/", reports.report_edit, name="report_edit"),
    path("surveys/", survey.survey_list, name="survey_list"),
    path("surveys/<int:pk>/", survey.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/answer/", survey.survey_answer, name="survey_answer"),
    path("surveys/<int:pk>/close/", survey.survey_close, name="survey_close"),
    path("groups/<int:pk>/", activities.network_detail, name="network_detail"),
    path("members/<int:pk>/remove/", activities.member_remove, name="member_remove"),
    path("plans/<int:pk>/", activities.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/activities/new/", activities.activity_create, name="activity_create"),
    path("activities/", activities.activity_list, name="activity_list"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/record/", activities.activity_record, name="activity_record"),
    path("activities/<int:pk>/participants/", activities.participant_add, name="participant_add"),
    path("activities/<int:pk>/attendance/", activities.attendance_save, name="attendance_save"),
    path("activities/<int:pk>/files/", activities.file_upload, name="file_upload"),
    path("activities/<int:pk>/evaluation/", activities.evaluation, name="evaluation"),
    path(
        "activities/<int:pk>/satisfaction/",
        activities.satisfaction_toggle,
        name="satisfaction_toggle",
    ),
    path("files/<int:pk>/", activities.file_download, name="file_download"),
    path("files/<int:pk>/delete/", activities.file_delete, name="file_delete"),
    path("reports/<int:pk>/report.pdf", reports.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/publish/", reports.report_publish, name="report_publish"),
    path("training/", training.training_list, name="training_list"),
    path("training/new/", training.training_create, name="training_create"),
    path("training/<int:pk>/", training.training_detail, name="training_detail"),
    path(
        "training/<int:pk>/attendees/",
        training.training_attendee_add,
        name="training_attendee_add",
    ),
    path("training/<int:pk>/attendance/", training.training_attendance, name="training_attendance"),
    path(
        "training/<int:pk>/materials/",
        training.training_material_upload,
        name="training_material_upload",
    ),
    path(
        "materials/<int:pk>/",
        training.training_material_download,
        name="training_material_download",
    ),
    path("schools/<int:pk>/training/", training.school_training, name="school_training"),
    path("practices/", training.practice_list, name="practice_list"),
    path("practices/<int:pk>/share/", training.practice_share, name="practice_share"),
]
