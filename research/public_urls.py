"""Research pages without login, included by iqa_district/public_urls.py (namespace
``public``): the respondent's questionnaire and the reported research."""

from django.urls import path

from . import public_views, views

urlpatterns = [
    path("", public_views.public_list, name="research_list"),
    path("<int:pk>/", public_views.public_detail, name="research_detail"),
    path("<int:pk>/report.pdf", public_views.public_report, name="research_report"),
    path("respond/<str:token>/", views.respond, name="research_respond"),
]
