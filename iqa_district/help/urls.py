from django.urls import path

from . import views

app_name = "help"

urlpatterns = [
    path("", views.help_index, name="index"),
    path("templates/<slug:key>.xlsx", views.template_download, name="template"),
    path("<slug:key>/", views.help_guide, name="guide"),
]
