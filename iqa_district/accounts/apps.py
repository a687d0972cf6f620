from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "iqa_district.accounts"
    label = "accounts"
    verbose_name = _("ผู้ใช้และบทบาท")

    def ready(self) -> None:
        # Connects the login-time stamp before any login, the test client's included.
        from . import sessions  # noqa: F401
