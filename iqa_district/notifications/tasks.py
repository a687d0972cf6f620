"""Celery tasks of the notifications: take ids, call a service; safe to run twice."""

from celery import shared_task

from .models import Notification
from .services import (
    notification_email_send,
    notification_emails_requeue,
    notifications_run_daily,
    weekly_digest_send,
)


# Celery's decorator is untyped; the functions themselves are.
@shared_task(  # type: ignore[untyped-decorator]
    bind=True, ignore_result=True, max_retries=2, default_retry_delay=300
)
def notification_email(self, notification_id: int) -> bool:  # type: ignore[no-untyped-def]
    if not Notification.objects.filter(pk=notification_id).exists():
        return False  # rolled back, or erased meanwhile
    try:
        return notification_email_send(notification_id=notification_id)
    except Exception as exc:
        raise self.retry(exc=exc) from exc


@shared_task(ignore_result=True)  # type: ignore[untyped-decorator]
def notifications_daily() -> int:
    return notifications_run_daily()


@shared_task(ignore_result=True)  # type: ignore[untyped-decorator]
def notifications_weekly_digest() -> int:
    return weekly_digest_send()


@shared_task(ignore_result=True)  # type: ignore[untyped-decorator]
def notification_emails_retry() -> int:
    return notification_emails_requeue()
