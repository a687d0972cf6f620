from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SarConfig(AppConfig):
    name = "sar"
    verbose_name = _("รายงานผลการประเมินตนเอง (SAR)")

    def ready(self):
        from .synthesis import dashboard  # noqa: F401 - registers the synthesis card
