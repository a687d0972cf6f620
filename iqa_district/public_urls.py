"""Pages without login (public disclosure). Each app adds its public pages here."""

from django.urls import include, path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.public_index, name="index"),
    path("sar/", include("sar.public_urls")),
    path("synthesis/", include("sar.synthesis.public_urls")),
    path("supervision/", include("supervision.public_urls")),
    path("research/", include("research.public_urls")),
    path("onesqa/", include("external_eval.synthesis.public_urls")),
    path("plans/", include("supervision.plans.public_urls")),
    path("networks/", include("supervision.networks.public_urls")),
]
