"""Every demo role logs in, lands on its dashboard, and reads Thai set in Sarabun."""

from urllib.parse import urlparse

import pytest

ROLES = [
    ("admin", "ผู้ดูแลระบบของเขต"),
    ("supervisor", "ศึกษานิเทศก์"),
    ("executive", "ผู้บริหารเขตพื้นที่"),
    ("school", "ผู้รับผิดชอบงานประกันฯ ของสถานศึกษา"),
    ("school2", "ผู้รับผิดชอบงานประกันฯ ของสถานศึกษา"),
    ("committee", "กรรมการประเมิน"),
]

SARABUN_LOADED = """async () => {
  await document.fonts.ready;
  const loaded = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Sarabun' && f.status === 'loaded');
  const family = getComputedStyle(document.querySelector('h1')).fontFamily;
  return {loaded: loaded.length, family: family, check: document.fonts.check('16px Sarabun', 'สวัสดี')};
}"""


@pytest.mark.parametrize("username, role_label", ROLES)
def test_demo_role_logs_in_and_sees_dashboard(page, login, demo_district, username, role_label):
    login(page, username)
    assert urlparse(page.url).path == "/"  # the dashboard
    assert page.locator("h1").inner_text().startswith("สวัสดี")
    assert role_label in page.locator("#user-menu").inner_text()
    cards = page.locator("#dashboard-cards")
    if username.startswith("school"):
        # A school's dashboard leads with its to-do list, above the cards.
        assert "สิ่งที่ต้องดำเนินการต่อไป" in page.locator("#todo-list").inner_text()
        assert "สถานศึกษาในเขตพื้นที่" not in cards.inner_text()
    else:
        assert "สถานศึกษาในเขตพื้นที่" in cards.inner_text()
        assert "254" in cards.inner_text()
    fonts = page.evaluate(SARABUN_LOADED)
    assert fonts["loaded"] >= 1, fonts
    assert fonts["family"].startswith(("Sarabun", '"Sarabun"')), fonts
    assert fonts["check"] is True


def test_wrong_password_stays_on_login_with_thai_message(page, login, demo_district):
    login(page, "supervisor", password="ผิด")
    assert "/accounts/login/" in page.url
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in page.content()


def test_logout(page, login, demo_district):
    login(page, "executive")
    page.click("#user-menu")
    page.click("#logout-button")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" in page.url
