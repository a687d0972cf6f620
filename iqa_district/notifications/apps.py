from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "iqa_district.notifications"
    label = "notifications"
    verbose_name = "การแจ้งเตือน"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app's notifications.py registers its scheduled notices.
        autodiscover_modules("notifications")
