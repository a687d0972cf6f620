from django.urls import include, path

from .views import editor, review, tracker

app_name = "sar"

# The synthesis pages live in their own module (sar/synthesis/urls.py); the SAR
# workflow pages are listed here.
urlpatterns = [
    path("synthesis/", include("sar.synthesis.urls")),
    path("", editor.my_sar, name="my"),
    path("open/", editor.open_sar, name="open"),
    path("review/", review.review_queue, name="review_queue"),
    path("review.xlsx", review.review_queue_xlsx, name="review_queue_xlsx"),
    path("tracker/", tracker.tracker, name="tracker"),
    path("tracker/export/", tracker.tracker_export, name="tracker_export"),
    path("tracker/clusters/", tracker.tracker_clusters, name="tracker_clusters"),
    path("<int:pk>/", review.sar_detail, name="detail"),
    path("<int:pk>/edit/", editor.edit_sar, name="edit"),
    path("<int:pk>/results.pdf", review.sar_results_pdf, name="results_pdf"),
    path("<int:pk>/compare/", review.sar_compare, name="compare"),
    path("<int:pk>/visibility/", review.sar_visibility, name="visibility"),
    path("<int:pk>/accept/", review.sar_accept_view, name="accept"),
    path("<int:pk>/return/", review.sar_return_view, name="return"),
    path(
        "<int:pk>/versions/<int:number>/<str:kind>/",
        review.sar_download,
        name="download",
    ),
]
