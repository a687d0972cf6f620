from django.urls import URLPattern, URLResolver, path

from . import views
from .package import views as package_views
from .synthesis import views as synthesis_views

app_name = "external_eval"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.evaluation_list, name="list"),
    path("new/", views.evaluation_create, name="create"),
    path("import/", views.results_import, name="import"),
    path("import/<str:token>/", views.results_import_preview, name="import_preview"),
    path("import/<str:token>/confirm/", views.results_import_confirm, name="import_confirm"),
    path("synthesis/<int:round_pk>/", synthesis_views.synthesis_detail, name="synthesis"),
    path(
        "synthesis/<int:round_pk>/narrative/",
        synthesis_views.synthesis_narrative,
        name="synthesis_narrative",
    ),
    path(
        "synthesis/<int:round_pk>/publish/",
        synthesis_views.synthesis_publish,
        name="synthesis_publish",
    ),
    path(
        "synthesis/<int:round_pk>/<str:kind>/",
        synthesis_views.synthesis_download,
        name="synthesis_download",
    ),
    path("package/<int:round_pk>/", package_views.package_detail, name="package"),
    path("package/<int:round_pk>/sent/", package_views.package_sent, name="package_sent"),
    path(
        "package/<int:round_pk>/<str:kind>/",
        package_views.package_download,
        name="package_download",
    ),
    path("<int:pk>/", views.evaluation_detail, name="detail"),
    path("<int:pk>/status/", views.evaluation_transition, name="transition"),
    path("<int:pk>/readiness/", views.readiness_plan, name="readiness_plan"),
    path("<int:pk>/oral-report/", views.evaluation_oral_report, name="oral_report"),
    path("<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:doc_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/results/<int:standard_pk>/", views.result_edit, name="result_edit"),
    path("<int:pk>/recommendations/", views.recommendation_add, name="recommendation_add"),
]
