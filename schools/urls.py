from django.urls import path

from . import account_views, views

app_name = "schools"

urlpatterns = [
    path("", views.school_list, name="list"),
    path("mine/", views.my_school, name="mine"),
    path("<int:pk>/", views.school_detail, name="detail"),
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("export/", views.school_export, name="export"),
    path("accounts/", account_views.school_accounts, name="accounts"),
    path("accounts/created/", account_views.school_accounts_created, name="accounts_created"),
    path("accounts/sheets/", account_views.school_accounts_sheets, name="accounts_sheets"),
    path("accounts/import/", account_views.accounts_import, name="accounts_import"),
    path(
        "accounts/import/<str:token>/",
        account_views.accounts_import_preview,
        name="accounts_import_preview",
    ),
    path(
        "accounts/import/<str:token>/confirm/",
        account_views.accounts_import_confirm,
        name="accounts_import_confirm",
    ),
    path("import/", views.school_import, name="import"),
    path("import/<str:token>/", views.school_import_preview, name="import_preview"),
    path("import/<str:token>/confirm/", views.school_import_confirm, name="import_confirm"),
]
