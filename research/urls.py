from django.urls import URLPattern, URLResolver, path

from . import document_views, report_views, views

app_name = "research"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/move/", views.project_move, name="move"),
    path("<int:pk>/note/", views.project_note, name="note"),
    path("<int:pk>/files/", views.project_file_add, name="file_add"),
    path("<int:pk>/instruments/new/", views.instrument_add, name="instrument_add"),
    path("instruments/<int:pk>/statistics/", report_views.instrument_statistics, name="statistics"),
    path(
        "instruments/<int:pk>/statistics.xlsx",
        report_views.instrument_statistics_xlsx,
        name="statistics_xlsx",
    ),
    path("instruments/<int:pk>/toggle/", views.instrument_toggle, name="instrument_toggle"),
    path("instruments/<int:pk>/form.pdf", document_views.instrument_pdf, name="instrument_pdf"),
    path("instruments/<int:pk>/key/", document_views.instrument_key, name="instrument_key"),
    path("synthesis/", document_views.synthesis_current, name="synthesis_current"),
    path("synthesis/<int:year>/", document_views.synthesis, name="synthesis"),
    path("synthesis/<int:year>.pdf", document_views.synthesis_pdf, name="synthesis_pdf"),
    path("synthesis/<int:year>.xlsx", document_views.synthesis_xlsx, name="synthesis_xlsx"),
]
