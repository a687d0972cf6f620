"""Synthesis pages, included by sar/urls.py under /sar/synthesis/ (namespace ``sar``)."""

from django.urls import path

from . import national_views, record_views, views

urlpatterns = [
    path("", views.synthesis_list, name="synthesis_list"),
    path("start/", views.synthesis_start, name="synthesis_start"),
    path("<int:pk>/", views.synthesis_detail, name="synthesis_detail"),
    path(
        "<int:pk>/standards/<int:set_no>/<int:std_no>/",
        views.synthesis_standard,
        name="synthesis_standard",
    ),
    path("<int:pk>/schools/", views.synthesis_schools, name="synthesis_schools"),
    path("<int:pk>/progress/", views.synthesis_progress, name="synthesis_progress"),
    path("<int:pk>/pdf/", views.synthesis_pdf, name="synthesis_pdf"),
    path("<int:pk>/appendix/pdf/", views.synthesis_appendix_pdf, name="synthesis_appendix_pdf"),
    path("<int:pk>/xlsx/", views.synthesis_xlsx, name="synthesis_xlsx"),
    path("<int:pk>/memo/", views.synthesis_memo, name="synthesis_memo"),
    path("<int:pk>/publish/", views.synthesis_publish, name="synthesis_publish"),
    path("<int:pk>/unpublish/", views.synthesis_unpublish, name="synthesis_unpublish"),
    path("<int:pk>/dispatch/", record_views.synthesis_dispatch, name="synthesis_dispatch"),
    path(
        "dispatches/<int:pk>/file/",
        record_views.synthesis_dispatch_file,
        name="synthesis_dispatch_file",
    ),
    path("national/", national_views.national_batches, name="national_batches"),
    path("national/start/", national_views.national_batch_start, name="national_batch_start"),
    path("national/<int:pk>/", national_views.national_batch_detail, name="national_batch_detail"),
    path(
        "national/<int:pk>/progress/",
        national_views.national_batch_progress,
        name="national_batch_progress",
    ),
    path(
        "national/<int:pk>/retry/", national_views.national_batch_retry, name="national_batch_retry"
    ),
    path("issues/", record_views.evaluation_issues, name="evaluation_issues"),
    path(
        "issues/schools/<int:pk>/",
        record_views.evaluation_issues_school,
        name="evaluation_issues_school",
    ),
    path(
        "issues/<int:pk>/delete/",
        record_views.evaluation_issue_delete,
        name="evaluation_issue_delete",
    ),
]
