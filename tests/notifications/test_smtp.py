"""Issue 17 item 3: one notification delivered through a real SMTP server on loopback
(aiosmtpd) and read back: Thai subject and body as the school reads them."""

import email
import socket
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from django.core import mail

from iqa_district.notifications.models import Kind, Notification
from iqa_district.notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "IQA District <no-reply@example.go.th>"
    settings.SITE_URL = "https://iqa.example.go.th"
    yield inbox
    controller.stop()


def test_a_notice_goes_through_smtp_in_thai(office, smtp_server, mailed):
    school_user = UserFactory(
        username="1034550001",
        first_name="นางสาวสมศรี",
        last_name="ใจดี",
        email="somsri@example.ac.th",
        area_office=office,
    )
    with mailed():
        notify(
            recipients=[school_user],
            kind=Kind.SAR_RETURNED,
            key="sar-event:77",
            title="SAR ปีการศึกษา 2567 ถูกส่งกลับให้แก้ไข",
            body="สิ่งที่ต้องแก้ไข: แนบรายงานการประชุมคณะกรรมการสถานศึกษา",
            link="/sar/77/",
        )
    assert not mail.outbox  # not the test backend: the real server got it
    ((sender, recipients, raw),) = smtp_server.messages
    assert sender == "no-reply@example.go.th" and recipients == ["somsri@example.ac.th"]
    message = email.message_from_bytes(raw, policy=default)
    assert b"=?utf-8?" in raw.split(b"\r\n\r\n")[0].lower()  # RFC 2047 on the wire
    # Django folds a long encoded subject onto the next line ("Subject: \n =?utf-8?…"),
    # which a reader unfolds with one leading space.
    assert str(message["Subject"]).strip() == ("[IQA District] SAR ปีการศึกษา 2567 ถูกส่งกลับให้แก้ไข")
    body = message.get_content()
    assert "เรียน นางสาวสมศรี ใจดี" in body
    assert "สิ่งที่ต้องแก้ไข: แนบรายงานการประชุมคณะกรรมการสถานศึกษา" in body
    assert "https://iqa.example.go.th/sar/77/" in body
    assert "https://iqa.example.go.th/notifications/preferences/" in body
    assert Notification.objects.get().email_status == Notification.Email.SENT
