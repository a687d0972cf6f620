from django.urls import include, path

app_name = "sar"

# The synthesis pages live in their own module (sar/synthesis_urls.py); the SAR
# workflow pages are listed here.
urlpatterns = [
    path("synthesis/", include("sar.synthesis_urls")),
]
