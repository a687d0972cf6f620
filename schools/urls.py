from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("", views.school_list, name="list"),
    path("mine/", views.my_school, name="mine"),
    path("<int:pk>/", views.school_detail, name="detail"),
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("export/", views.school_export, name="export"),
    path("accounts/", views.school_accounts, name="accounts"),
    path("accounts/created/", views.school_accounts_created, name="accounts_created"),
    path("import/", views.school_import, name="import"),
    path("import/<str:token>/", views.school_import_preview, name="import_preview"),
    path("import/<str:token>/confirm/", views.school_import_confirm, name="import_confirm"),
]
