import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iqa_district.settings")

app = Celery("iqa_district")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
