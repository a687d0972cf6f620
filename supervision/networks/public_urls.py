"""Process 5 pages without login, included by iqa_district/public_urls.py under
/public/networks/ (namespace ``public``)."""

from django.urls import path

from .views import public

urlpatterns = [
    path("satisfaction/<str:token>/", public.satisfaction, name="networks_satisfaction"),
    path("reports/<int:pk>/report.pdf", public.public_report_pdf, name="networks_report_pdf"),
    path("practices/", public.public_practices, name="networks_practices"),
]
