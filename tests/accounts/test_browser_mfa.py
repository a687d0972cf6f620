"""In Chromium: a supervisor sets up two-step login after the password, then logs in with it."""

import time
from base64 import b32decode
from urllib.parse import urlparse

import pytest

from iqa_district.accounts.models import User
from tests.accounts.mfa_tools import totp_code
from tests.browser_fixtures import ARTIFACTS
from tests.factories import AreaOfficeFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def mfa_supervisor(transactional_db, settings):
    settings.MFA_REQUIRED = True
    office = AreaOfficeFactory(code="UBN5", name="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุบลราชธานี เขต ๕")
    return UserFactory(username="t_supervisor", role=User.Role.SUPERVISOR, area_office=office)


def test_set_up_then_log_in_with_the_second_step(page, login, mfa_supervisor):
    login(page, "t_supervisor")
    assert urlparse(page.url).path == "/accounts/mfa/setup/"
    assert page.locator(".mfa-qr svg").is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "mfa-setup-page.png"), full_page=True)
    shown = page.locator("#mfa-manual-key").inner_text().replace(" ", "")
    key = b32decode(shown + "=" * (-len(shown) % 8)).hex()
    page.fill("input[name=code]", totp_code(key))
    page.click("#mfa-setup-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert urlparse(page.url).path == "/accounts/mfa/recovery-codes/"
    assert page.locator("#recovery-codes li").count() == 10
    page.screenshot(path=str(ARTIFACTS / "mfa-recovery-codes.png"), full_page=True)

    page.goto("/schools/")
    assert urlparse(page.url).path == "/schools/"
    page.click("#user-menu")
    page.click("#logout-button")
    page.wait_for_load_state("networkidle")

    # The next login asks for the code before anything else; the code of the next
    # 30-second step is accepted too (the app's clock may run ahead), not the one used.
    login(page, "t_supervisor")
    assert urlparse(page.url).path == "/accounts/mfa/verify/"
    page.fill("input[name=code]", totp_code(key, time.time() + 30))
    page.click("#mfa-verify-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert urlparse(page.url).path == "/"
    assert page.locator("h1").inner_text().startswith("สวัสดี")
