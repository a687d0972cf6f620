from django.urls import path

from . import views

app_name = "standards"

urlpatterns = [
    path("", views.set_list, name="set_list"),
    path("sets/<int:pk>/", views.set_detail, name="set_detail"),
    path("targets/", views.targets_home, name="targets_home"),
    path("targets/<int:year>/", views.targets_edit, name="targets_edit"),
    path("targets/matrix/", views.target_matrix, name="target_matrix"),
    path("targets/matrix.xlsx", views.target_matrix_xlsx, name="target_matrix_xlsx"),
    path("schools/<int:pk>/targets/", views.school_targets, name="school_targets"),
    path("own/", views.school_standards, name="school_standards"),
]
