from django.apps import AppConfig


class IqaDistrictConfig(AppConfig):
    """The project package as an app: template tags, management commands, dashboard."""

    name = "iqa_district"
    verbose_name = "IQA District"

    def ready(self):
        from . import dashboard

        dashboard.autodiscover()
