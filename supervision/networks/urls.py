from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.network_dashboard, name="dashboard"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/survey/", views.survey_open, name="survey_open"),
    path("surveys/", views.survey_list, name="survey_list"),
    path("surveys/<int:pk>/", views.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/answer/", views.survey_answer, name="survey_answer"),
    path("surveys/<int:pk>/close/", views.survey_close, name="survey_close"),
]
