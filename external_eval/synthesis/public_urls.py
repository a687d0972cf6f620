"""Published ๗.๓ syntheses of process 3 without login, included by
iqa_district/public_urls.py under /public/onesqa/ (namespace ``public``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.public_synthesis_list, name="onesqa_synthesis_list"),
    path("<int:pk>/", views.public_synthesis_detail, name="onesqa_synthesis_detail"),
    path("<int:pk>/pdf/", views.public_synthesis_pdf, name="onesqa_synthesis_pdf"),
]
