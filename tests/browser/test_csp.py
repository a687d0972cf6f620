"""The pages work under their Content-Security-Policy, enforced: no violation is
reported while a user signs in, opens pages and uses the select boxes and htmx."""

import pytest

from tests.browser_fixtures import DEMO_PASSWORD


@pytest.fixture
def csp_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="th-TH")
    context.set_default_timeout(15_000)
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda exc: messages.append(str(exc)))
    yield page, messages
    context.close()


def test_pages_work_with_the_csp_enforced(csp_page, demo_district):
    page, messages = csp_page
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "supervisor")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("สวัสดี")
    for path in ("/sar/tracker/", "/supervision/", "/supervision/compliance/", "/sar/synthesis/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    # app.js under the CSP: the language select (data-autosubmit) switches to English.
    page.goto("/")
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == []
    assert not [m for m in messages if "Error" in m]
