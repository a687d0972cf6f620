"""Published syntheses without login, included by iqa_district/public_urls.py under
/public/synthesis/ (namespace ``public``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.public_synthesis_list, name="synthesis_list"),
    path("<int:pk>/", views.public_synthesis_detail, name="synthesis_detail"),
    path(
        "<int:pk>/standards/<int:set_no>/<int:std_no>/",
        views.public_synthesis_standard,
        name="synthesis_standard",
    ),
    path("<int:pk>/schools/", views.public_synthesis_schools, name="synthesis_schools"),
    path("<int:pk>/pdf/", views.public_synthesis_pdf, name="synthesis_pdf"),
    path(
        "<int:pk>/appendix/pdf/",
        views.public_synthesis_appendix_pdf,
        name="synthesis_appendix_pdf",
    ),
]
