"""The SAR pages without login, included by iqa_district/public_urls.py (namespace
``public``)."""

from django.urls import path

from .views import public

urlpatterns = [
    path("", public.public_sar_list, name="sar_list"),
    path("<int:pk>/pdf/", public.public_sar_pdf, name="sar_pdf"),
]
