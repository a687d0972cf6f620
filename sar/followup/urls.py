from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("", views.followup_list, name="list"),
    path("export/", views.followup_export, name="export"),
    path("<int:pk>/", views.followup_detail, name="detail"),
    path("<int:pk>/confirm/", views.followup_confirm, name="confirm"),
    path("<int:pk>/reopen/", views.followup_reopen, name="reopen"),
    path("from-synthesis/<int:run_pk>/", views.from_synthesis, name="from_synthesis"),
]
