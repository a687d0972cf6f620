from django.urls import path

from .views import committees, planning, reports, rubrics, self_evaluations, visits

app_name = "supervision"

urlpatterns = [
    path("", visits.visit_calendar, name="calendar"),
    path("visits/", visits.visit_list, name="visit_list"),
    path("visits.xlsx", visits.visit_list_xlsx, name="visit_list_xlsx"),
    path("visits/new/", visits.visit_create, name="visit_create"),
    path("visits/bulk/", planning.visit_bulk_plan, name="visit_bulk_plan"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", visits.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/report.pdf", visits.visit_pdf, name="visit_pdf"),
    path("visits/<int:pk>/fill/", visits.visit_fill, name="visit_fill"),
    path("visits/<int:pk>/answers/<int:answer_pk>/", visits.answer_save, name="answer_save"),
    path("visits/<int:pk>/summary/", visits.summary_save, name="summary_save"),
    path("visits/<int:pk>/publish/", visits.visit_publish, name="visit_publish"),
    path(
        "visits/<int:pk>/standard-levels/",
        visits.visit_standard_levels,
        name="visit_standard_levels",
    ),
    path("visits/<int:pk>/acknowledge/", visits.visit_acknowledge, name="visit_acknowledge"),
    path("self-evaluations/", self_evaluations.self_evaluation_list, name="self_evaluation_list"),
    path(
        "self-evaluations.xlsx",
        self_evaluations.self_evaluation_list_xlsx,
        name="self_evaluation_list_xlsx",
    ),
    path(
        "self-evaluations/new/",
        self_evaluations.self_evaluation_edit,
        name="self_evaluation_create",
    ),
    path(
        "self-evaluations/<int:pk>/edit/",
        self_evaluations.self_evaluation_edit,
        name="self_evaluation_edit",
    ),
    path(
        "committees/<int:pk>/order.pdf", committees.committee_order_pdf, name="committee_order_pdf"
    ),
    path("reports/process-1/", reports.district_report, {"process": 1}, name="report_process1"),
    path("reports/process-2/", reports.district_report, {"process": 2}, name="report_process2"),
    path(
        "reports/process-2/conclusion/",
        reports.district_report_conclusion,
        name="report_process2_conclusion",
    ),
    path("reports/<int:pk>/publish/", reports.district_report_publish, name="report_publish"),
    path("forms/", rubrics.form_list, name="form_list"),
    path("forms/<int:pk>/rubric/", rubrics.rubric_edit, name="rubric_edit"),
    path("compliance/", reports.compliance_view, name="compliance"),
    path("compliance.xlsx", reports.compliance_xlsx, name="compliance_xlsx"),
]
