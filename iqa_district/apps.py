from django.apps import AppConfig
from django.core import checks


class IqaDistrictConfig(AppConfig):
    """The project package as an app: template tags, management commands, dashboard, and
    the PDF engine's system check."""

    name = "iqa_district"
    verbose_name = "IQA District"

    def ready(self) -> None:
        from . import admin_thai, dashboard, help, school_profile
        from .pdf.checks import check_pdf_engine

        admin_thai.install()  # after the admin registered every model (it is listed first)
        dashboard.autodiscover()
        school_profile.autodiscover()
        help.autodiscover()  # the apps' import templates
        checks.register(check_pdf_engine, checks.Tags.compatibility)
