from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.visit_calendar, name="calendar"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", views.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/report.pdf", views.visit_pdf, name="visit_pdf"),
    path("visits/<int:pk>/fill/", views.visit_fill, name="visit_fill"),
    path("visits/<int:pk>/answers/<int:answer_pk>/", views.answer_save, name="answer_save"),
    path("visits/<int:pk>/summary/", views.summary_save, name="summary_save"),
    path("visits/<int:pk>/publish/", views.visit_publish, name="visit_publish"),
    path("visits/<int:pk>/acknowledge/", views.visit_acknowledge, name="visit_acknowledge"),
    path("self-evaluations/", views.self_evaluation_list, name="self_evaluation_list"),
    path("self-evaluations/new/", views.self_evaluation_edit, name="self_evaluation_create"),
    path(
        "self-evaluations/<int:pk>/edit/", views.self_evaluation_edit, name="self_evaluation_edit"
    ),
    path("committees/<int:pk>/order.pdf", views.committee_order_pdf, name="committee_order_pdf"),
    path("reports/process-1/", views.district_report, {"process": 1}, name="report_process1"),
    path("reports/process-2/", views.district_report, {"process": 2}, name="report_process2"),
    path("compliance/", views.compliance_view, name="compliance"),
    path("compliance.xlsx", views.compliance_xlsx, name="compliance_xlsx"),
]
