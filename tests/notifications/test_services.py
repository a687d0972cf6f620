"""Issue 17 item 3: a notification row under a unique key before its e-mail, each
exactly once (a second notify, a task delivered twice, a failing mail server), and the
user's choice of e-mails."""

import datetime
import smtplib

import pytest
from django.core import mail

from iqa_district.notifications.models import EmailPreference, Kind, Notification
from iqa_district.notifications.services import (
    notification_email_send,
    notification_emails_requeue,
    notify,
)
from iqa_district.notifications.tasks import notification_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notify(users, key="sar-event:1"):
    return notify(
        recipients=users,
        kind=Kind.SAR_RETURNED,
        key=key,
        title="SAR ปีการศึกษา 2567 ถูกส่งกลับให้แก้ไข",
        body="สิ่งที่ต้องแก้ไข: แนบหลักฐาน",
        link="/sar/1/",
    )


@pytest.fixture
def somsri(office):
    return UserFactory(username="somsri", email="somsri@example.ac.th", area_office=office)


def test_one_row_and_one_mail_however_often_it_is_told(somsri, mailed):
    with mailed():
        first = _notify([somsri, somsri])
        again = _notify([somsri])
    assert len(first) == 1 and again == []
    assert Notification.objects.filter(recipient=somsri).count() == 1
    (message,) = mail.outbox
    assert message.to == ["somsri@example.ac.th"]
    assert message.subject == "[IQA District] SAR ปีการศึกษา 2567 ถูกส่งกลับให้แก้ไข"
    assert "สิ่งที่ต้องแก้ไข: แนบหลักฐาน" in message.body
    assert "http://localhost:8000/sar/1/" in message.body
    row = Notification.objects.get()
    assert row.email_status == Notification.Email.SENT and row.emailed_at
    # The task delivered a second time (a broker's redelivery) sends nothing.
    assert notification_email.delay(row.pk).get() is False
    assert len(mail.outbox) == 1


def test_another_key_is_another_notice(somsri, mailed):
    with mailed():
        _notify([somsri], key="sar-event:1")
        _notify([somsri], key="sar-event:2")
    assert Notification.objects.filter(recipient=somsri).count() == 2
    assert len(mail.outbox) == 2


def test_no_mail_without_an_address_or_when_turned_off(office, somsri, mailed):
    silent = UserFactory(username="silent", email="", area_office=office)
    EmailPreference.objects.create(user=somsri, kind=Kind.SAR_RETURNED)
    with mailed():
        _notify([somsri, silent])
    assert not mail.outbox
    assert set(Notification.objects.values_list("email_status", flat=True)) == {"skipped"}
    assert Notification.objects.count() == 2  # both still see it in the app


def test_inactive_users_are_not_told(somsri):
    somsri.is_active = False
    somsri.save()
    assert _notify([somsri]) == []


def test_a_failing_mail_server_is_retried_then_given_up(somsri, monkeypatch):
    calls = []

    def down(*args, **kwargs):
        calls.append(1)
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("iqa_district.notifications.services.send_mail", down)
    (pk,) = notify(recipients=[somsri], kind=Kind.SAR_ACCEPTED, key="k", title="t")
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notification_email_send(notification_id=pk)
    assert Notification.objects.get(pk=pk).email_status == "pending"  # to be retried
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notification_email_send(notification_id=pk)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notification_email_send(notification_id=pk)
    assert Notification.objects.get(pk=pk).email_status == "failed"
    assert notification_email_send(notification_id=pk) is False
    assert len(calls) == 3


def test_a_mail_server_down_does_not_fail_the_request(somsri, monkeypatch, mailed):
    def down(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("iqa_district.notifications.services.send_mail", down)
    with mailed():  # robust on-commit: logged, not raised
        _notify([somsri])
    row = Notification.objects.get()
    assert row.email_status == "pending" and row.email_attempts == 1  # retried later
    Notification.objects.filter(pk=row.pk).update(
        created_at=row.created_at - datetime.timedelta(minutes=20)
    )
    monkeypatch.undo()
    assert notification_emails_requeue() == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.get().email_status == "sent"
    assert notification_emails_requeue() == 0
