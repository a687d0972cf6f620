from django.urls import include, path

from . import views

app_name = "sar"

# The synthesis pages live in their own module (sar/synthesis/urls.py); the SAR
# workflow pages are listed here.
urlpatterns = [
    path("synthesis/", include("sar.synthesis.urls")),
    path("", views.my_sar, name="my"),
    path("open/", views.open_sar, name="open"),
    path("review/", views.review_queue, name="review_queue"),
    path("tracker/", views.tracker, name="tracker"),
    path("tracker/export/", views.tracker_export, name="tracker_export"),
    path("<int:pk>/", views.sar_detail, name="detail"),
    path("<int:pk>/edit/", views.edit_sar, name="edit"),
    path("<int:pk>/compare/", views.sar_compare, name="compare"),
    path("<int:pk>/visibility/", views.sar_visibility, name="visibility"),
    path("<int:pk>/accept/", views.sar_accept_view, name="accept"),
    path("<int:pk>/return/", views.sar_return_view, name="return"),
    path(
        "<int:pk>/versions/<int:number>/<str:kind>/",
        views.sar_download,
        name="download",
    ),
]
