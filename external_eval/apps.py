from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExternalEvalConfig(AppConfig):
    name = "external_eval"
    verbose_name = _("การประเมินคุณภาพภายนอก (สมศ.)")

    def ready(self) -> None:
        from supervision.plans.evidence import register

        from .plan_evidence import onesqa_evidence

        register(onesqa_evidence)  # ONESQA's levels beside a plan strategy's evidence
