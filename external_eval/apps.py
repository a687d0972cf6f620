from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExternalEvalConfig(AppConfig):
    name = "external_eval"
    verbose_name = _("การประเมินคุณภาพภายนอก (สมศ.)")
