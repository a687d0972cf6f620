"""Research pages without login, included by iqa_district/public_urls.py (namespace
``public``): the respondent's questionnaire."""

from django.urls import path

from . import views

urlpatterns = [
    path("respond/<str:token>/", views.respond, name="research_respond"),
]
