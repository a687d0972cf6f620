"""The demo's notifications: what the scheduled notices of today give (SAR reminders,
recommendations falling due), written without e-mail so `seed_demo` prints no mail;
visits planned and published by the demo already notified their schools. Idempotent."""

from typing import Any

from .services import notifications_run_daily, weekly_digest_send


def seed(office: Any, *, stdout: Any) -> None:
    daily = notifications_run_daily(send_email=False)
    digest = weekly_digest_send(send_email=False)
    stdout.write(f"notifications: {daily} scheduled notices, {digest} weekly digests")
