from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("การนิเทศ ติดตาม และตรวจสอบคุณภาพ")

    def ready(self) -> None:
        from .plans import dashboard  # noqa: F401 - registers the plans card
