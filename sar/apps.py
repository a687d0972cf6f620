from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SarConfig(AppConfig):
    name = "sar"
    verbose_name = _("รายงานผลการประเมินตนเอง (SAR)")

    def ready(self):
        # The synthesis services queue their task by name (sar/tasks.py imports them, so
        # they cannot import it): importing the tasks registers them in every process.
        from . import tasks  # noqa: F401
        from .followup import dashboard as followup_dashboard  # noqa: F401 - the overdue card
        from .synthesis import dashboard  # noqa: F401 - registers the synthesis card
