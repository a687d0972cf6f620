from django.urls import path

from .views import editing, office, plans

app_name = "plans"

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("new/", plans.plan_create, name="plan_create"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("<int:pk>/publish/", plans.plan_publish, name="plan_publish"),
    path("<int:pk>/plan.pdf", plans.plan_pdf, name="plan_pdf"),
    path("<int:pk>/strategies/new/", plans.strategy_add, name="strategy_add"),
    path("<int:pk>/action-plans/new/", plans.action_plan_create, name="action_plan_create"),
    path("strategies/<int:pk>/edit/", plans.strategy_edit, name="strategy_edit"),
    path("strategies/<int:pk>/indicators/new/", plans.indicator_add, name="indicator_add"),
    path("indicators/<int:pk>/edit/", editing.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", editing.indicator_delete, name="indicator_delete"),
    path("action-plans/<int:pk>/", plans.action_plan_detail, name="action_plan_detail"),
    path("action-plans/<int:pk>/projects/new/", plans.project_add, name="project_add"),
    path(
        "action-plans/<int:pk>/evaluate/", plans.action_plan_evaluate, name="action_plan_evaluate"
    ),
    path("action-plans/<int:pk>/publish/", plans.action_plan_publish, name="action_plan_publish"),
    path("action-plans/<int:pk>/action-plan.pdf", plans.action_plan_pdf, name="action_plan_pdf"),
    path("action-plans/<int:pk>/evaluation.pdf", plans.evaluation_pdf, name="evaluation_pdf"),
    path("projects/<int:pk>/edit/", editing.project_edit, name="project_edit"),
    path("projects/<int:pk>/delete/", editing.project_delete, name="project_delete"),
    path("projects/<int:pk>/progress/", plans.project_progress, name="project_progress"),
    path("office-assessment/", office.assessment_list, name="office_list"),
    path("office-assessment/open/", office.assessment_open, name="office_open"),
    path("office-assessment/<int:pk>/", office.assessment_detail, name="office_detail"),
    path("office-assessment/<int:pk>/edit/", office.assessment_edit, name="office_edit"),
    path(
        "office-assessment/<int:pk>/finalize/", office.assessment_finalize, name="office_finalize"
    ),
    path("office-assessment/<int:pk>/report.pdf", office.assessment_pdf, name="office_pdf"),
]
