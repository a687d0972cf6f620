"""Telling people: one notification row per recipient and subject (unique key), written
in the caller's transaction, then its e-mail sent by a Celery task after the commit.

Exactly once: a second ``notify`` with the same key (a retried task, a second beat run,
a double click) finds the row and does nothing; the e-mail task claims its row with a
conditional update (pending → sending), so two deliveries of the task send one mail.
"""

import datetime
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from iqa_district.accounts.models import User
from iqa_district.audit.services import audit_record

from .models import EmailPreference, Kind, Notification

Email = Notification.Email
MAX_EMAIL_ATTEMPTS = 3


@dataclass(frozen=True)
class Notice:
    recipient: User
    kind: str
    key: str
    title: str
    body: str = ""
    link: str = ""  # a path of this site: "/sar/12/"


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    key: str,
    title: str,
    body: str = "",
    link: str = "",
    send_email: bool = True,
) -> list[int]:
    """Tell each of ``recipients`` (once per ``key``); returns the new rows' ids."""
    return notify_each(
        [Notice(user, kind, key, title, body, link) for user in recipients], send_email=send_email
    )


def notify_each(notices: Iterable[Notice], *, send_email: bool = True) -> list[int]:
    """Write the notices not written before (by recipient and key) and queue their
    e-mails after the commit: to users who have an address and have not turned the kind
    off. In a bounded number of queries, whatever the number of notices."""
    notices = [n for n in notices if n.recipient.is_active]
    if not notices:
        return []
    user_ids = {n.recipient.pk for n in notices}
    keys = {n.key for n in notices}
    known = set(
        Notification.objects.filter(recipient__in=user_ids, key__in=keys).values_list(
            "recipient_id", "key"
        )
    )
    opted_out = set(
        EmailPreference.objects.filter(
            user__in=user_ids, kind__in={n.kind for n in notices}
        ).values_list("user_id", "kind")
    )
    fresh: dict[tuple[int, str], Notification] = {}
    for notice in notices:
        pair = (notice.recipient.pk, notice.key)
        if pair in known or pair in fresh:
            continue
        wants_email = (
            send_email
            and bool(notice.recipient.email)
            and (notice.recipient.pk, notice.kind) not in opted_out
        )
        fresh[pair] = Notification(
            recipient=notice.recipient,
            kind=notice.kind,
            key=notice.key,
            title=notice.title[:300],
            body=notice.body,
            link=notice.link[:500],
            email_status=Email.PENDING if wants_email else Email.SKIPPED,
        )
    if not fresh:
        return []
    # A concurrent run may have written some meanwhile: the constraint keeps one of each.
    Notification.objects.bulk_create(fresh.values(), ignore_conflicts=True)
    rows = Notification.objects.filter(
        recipient__in={u for u, _k in fresh}, key__in={k for _u, k in fresh}
    ).values_list("pk", "recipient_id", "key", "email_status")
    ids, to_mail = [], []
    for pk, user_id, key, status in rows:
        if (user_id, key) in fresh:
            ids.append(pk)
            if status == Email.PENDING:
                to_mail.append(pk)
    for pk in to_mail:
        # Robust: a mail server that is down must not fail the request that notified.
        transaction.on_commit(_email_queuer(pk), robust=True)
    return ids


def _email_queuer(pk: int) -> Callable[[], None]:
    def queue_email() -> None:  # a named function: Django logs a robust failure by name
        _queue_email(pk)

    return queue_email


EMAIL_TASK = "iqa_district.notifications.tasks.notification_email"


def _queue_email(pk: int) -> None:
    # By name: tasks.py imports this module, so this module does not import it.
    module, name = EMAIL_TASK.rsplit(".", 1)
    getattr(importlib.import_module(module), name).delay(pk)


def site_url() -> str:
    return str(settings.SITE_URL).rstrip("/")


def notification_email_send(*, notification_id: int) -> bool:
    """Send the e-mail of one notification, once: True if this call sent it. A failure
    puts it back to pending (the task retries) until MAX_EMAIL_ATTEMPTS, then failed."""
    claimed = Notification.objects.filter(pk=notification_id, email_status=Email.PENDING).update(
        email_status=Email.SENDING, email_attempts=F("email_attempts") + 1
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    context = {
        "notification": notification,
        "user": notification.recipient,
        "site_url": site_url(),
        "preferences_url": site_url() + reverse("notifications:preferences"),
    }
    subject = " ".join(render_to_string("notifications/email/subject.txt", context).split())
    body = render_to_string("notifications/email/body.txt", context)
    try:
        send_mail(subject, body, None, [notification.recipient.email])
    except Exception:
        failed = notification.email_attempts >= MAX_EMAIL_ATTEMPTS
        Notification.objects.filter(pk=notification_id).update(
            email_status=Email.FAILED if failed else Email.PENDING
        )
        raise
    Notification.objects.filter(pk=notification_id).update(
        email_status=Email.SENT, emailed_at=timezone.now()
    )
    return True


def notification_emails_requeue(*, older_than_minutes: int = 15) -> int:
    """Queue again the e-mails still pending (a lost message, a retry that ran out in
    eager mode); the claim keeps each to one mail."""
    since = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    ids = list(
        Notification.objects.filter(email_status=Email.PENDING, created_at__lt=since)
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )
    for pk in ids:
        _queue_email(pk)
    return len(ids)


def notification_read(*, notification: Notification, actor: User) -> None:
    if notification.recipient_id != actor.pk:
        raise PermissionError
    Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())


def notifications_read_all(*, actor: User) -> int:
    return Notification.objects.filter(recipient=actor, read_at=None).update(read_at=timezone.now())


def email_preferences_set(*, user: User, wanted: Iterable[str], actor: User) -> None:
    """The kinds ``user`` wants by e-mail; every other kind comes in the app only."""
    if actor.pk != user.pk:
        raise PermissionError
    wanted = set(wanted)
    with transaction.atomic():
        EmailPreference.objects.filter(user=user).delete()
        EmailPreference.objects.bulk_create(
            EmailPreference(user=user, kind=kind) for kind in Kind.values if kind not in wanted
        )
        audit_record(
            actor=actor,
            action="change",
            obj=user,
            detail="e-mail notifications: " + (", ".join(sorted(wanted)) or "none"),
        )


# --- Scheduled notices, registered by the apps' notifications.py ---------------------------

DailyJob = Callable[[datetime.date, bool], int]
DigestSection = Callable[[User, datetime.date], list[str]]
_daily: list[DailyJob] = []
_digest_sections: list[DigestSection] = []


def daily(job: DailyJob) -> DailyJob:
    """Register ``job(today, send_email) -> notices written``, run by the daily beat task."""
    _daily.append(job)
    return job


def digest_section(section: DigestSection) -> DigestSection:
    """Register ``section(supervisor, today) -> lines`` of the weekly digest."""
    _digest_sections.append(section)
    return section


def notifications_run_daily(*, today: datetime.date | None = None, send_email: bool = True) -> int:
    today = today or timezone.localdate()
    return sum(job(today, send_email) for job in _daily)


def weekly_digest_send(*, today: datetime.date | None = None, send_email: bool = True) -> int:
    """Each active supervisor's week in a few lines, once per ISO week; nothing to a
    supervisor whose sections are all empty."""
    today = today or timezone.localdate()
    year, week, _day = today.isocalendar()
    notices = []
    for supervisor in User.objects.filter(
        role=User.Role.SUPERVISOR, is_active=True, area_office__isnull=False
    ):
        lines = [line for section in _digest_sections for line in section(supervisor, today)]
        if lines:
            notices.append(
                Notice(
                    supervisor,
                    Kind.WEEKLY_DIGEST,
                    f"weekly-digest:{year}-W{week:02d}",
                    "สรุปงานประกันคุณภาพประจำสัปดาห์",
                    "\n".join(f"• {line}" for line in lines),
                    reverse("dashboard"),
                )
            )
    return len(notify_each(notices, send_email=send_email))
