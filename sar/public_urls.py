"""The SAR pages without login, included by iqa_district/public_urls.py (namespace
``public``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.public_sar_list, name="sar_list"),
    path("<int:pk>/pdf/", views.public_sar_pdf, name="sar_pdf"),
]
