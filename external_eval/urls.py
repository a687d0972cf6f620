from django.urls import URLPattern, URLResolver

app_name = "external_eval"

urlpatterns: list[URLPattern | URLResolver] = []
