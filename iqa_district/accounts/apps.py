from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "iqa_district.accounts"
    label = "accounts"
    verbose_name = _("ผู้ใช้และบทบาท")

    def ready(self) -> None:
        # Connects the login-time stamp before any login, the test client's included.
        # Authenticators are managed on our own Thai page (accounts:mfa_users: a district
        # admin resets a user of his office), not through django-otp's device pages, which
        # also answer a missing device with a server error. The admin has discovered every
        # app's admin module by now (django.contrib.admin is ready first).
        from django.contrib import admin
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from . import sessions  # noqa: F401

        for device_model in (TOTPDevice, StaticDevice):
            if admin.site.is_registered(device_model):
                admin.site.unregister(device_model)
