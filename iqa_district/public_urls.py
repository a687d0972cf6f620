"""Pages without login (public disclosure). Each app adds its public pages here."""

from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.public_index, name="index"),
]
