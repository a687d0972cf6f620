"""Published district reports ๗.๓ without login, included by iqa_district/public_urls.py
under /public/supervision/ (namespace ``public``)."""

from django.urls import path

from .views import reports

urlpatterns = [
    path(
        "reports/<int:pk>/report.pdf",
        reports.public_district_report_pdf,
        name="district_report_pdf",
    ),
]
