"""Autosave in a real browser tells a server error apart from a lost connection (issue 17
item 6): a save the server fails (here, SQLite's "database is locked" raised once inside
the save) says "server error, retrying" and lands on the retry; a save with no connection
says "no connection" and lands when it is back. Neither blames the other."""

from unittest import mock

import pytest
from django.db import OperationalError

from supervision import services
from supervision.models import VisitAnswer
from tests.browser_fixtures import DEMO_PASSWORD
from tests.supervision.factories import VisitFactory, full_committee, standard_set

pytestmark = pytest.mark.browser

SERVER_ERROR = "เซิร์ฟเวอร์ขัดข้อง"
OFFLINE = "ขาดการเชื่อมต่อ"


@pytest.fixture
def visit(transactional_db, office, school, academic_year, committee_member):
    committee_member.set_password(DEMO_PASSWORD)
    committee_member.save()
    committee = full_committee(office=office, year=academic_year, users=[committee_member])
    standard_set(school, code="SUP-TEST-AUTOSAVE")
    return VisitFactory(school=school, academic_year=academic_year, committee=committee)


def _state(page, index):
    return f"document.querySelectorAll('form.autosave .save-state')[{index}].innerText"


def test_autosave_says_server_error_or_no_connection_and_saves_on_retry(
    page, login, visit, committee_member
):
    real_save = services.visit_save_answer
    calls = []

    def busy_once(**kwargs):
        calls.append(kwargs["data"])
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real_save(**kwargs)

    login(page, committee_member.username)
    page.goto(f"/supervision/visits/{visit.pk}/fill/")
    forms = page.locator("form.autosave")
    first, second = forms.nth(0), forms.nth(1)
    answers = list(VisitAnswer.objects.filter(visit=visit).order_by("order")[:2])

    with mock.patch.object(services, "visit_save_answer", side_effect=busy_once):
        first.locator("textarea").first.fill("บันทึกการประชุมครูประจำเดือน")
        page.wait_for_function(f"{_state(page, 0)}.includes('{SERVER_ERROR}')")
        text = page.evaluate(_state(page, 0))
        assert "กำลังลองใหม่" in text and OFFLINE not in text
        # The retry (2 s later) goes through.
        page.wait_for_function(f"{_state(page, 0)}.includes('บันทึกแล้ว')", timeout=20_000)
    answers[0].refresh_from_db()
    assert answers[0].evidence == "บันทึกการประชุมครูประจำเดือน"
    assert len(calls) == 2

    page.context.set_offline(True)
    second.locator("textarea").first.fill("รายงานผลการนิเทศภายใน")
    page.wait_for_function(f"{_state(page, 1)}.includes('{OFFLINE}')")
    assert SERVER_ERROR not in page.evaluate(_state(page, 1))
    page.context.set_offline(False)
    page.wait_for_function(f"{_state(page, 1)}.includes('บันทึกแล้ว')", timeout=20_000)
    answers[1].refresh_from_db()
    assert answers[1].evidence == "รายงานผลการนิเทศภายใน"
