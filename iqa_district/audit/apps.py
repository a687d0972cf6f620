from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "iqa_district.audit"
    label = "audit"
    verbose_name = _("บันทึกการใช้งาน (audit log)")
