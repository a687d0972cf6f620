"""The real-browser harness: Playwright driving Debian's Chromium against the live server.

Registered for the whole suite from tests/conftest.py (one Playwright per session: two
sync Playwright instances cannot share a thread), so any test directory may hold a
journey.

Journeys use ``page`` (a fresh browser context, Thai locale) and ``login(page, username)``.
A screenshot of the last state of every browser test is saved under test-artifacts/
so CI keeps it. Without Chromium the tests skip, except under CI, where they fail.
"""

import hashlib
import os
import re
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, UNDER_CI

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
DEMO_PASSWORD = "demo12345"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if UNDER_CI:
            pytest.fail(f"Chromium is required under CI ({CHROMIUM})")
        pytest.skip(f"needs Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    # Playwright evaluates the tests' string predicates with eval in the page, which the
    # site's CSP forbids; the CSP itself is tested with it enforced (csp_page below).
    context = browser.new_context(
        base_url=live_server.url,
        locale="th-TH",
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    nodeid = request.node.nodeid.split("::", 1)[-1]
    digest = hashlib.sha1(nodeid.encode()).hexdigest()[:8]  # noqa: S324 - a file name
    name = re.sub(r"[^A-Za-z0-9.-]+", "_", nodeid)[:80] + f"-{digest}"
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def demo_district(transactional_db):
    """The demo office with its schools and the six demo logins."""
    from iqa_district.management.commands.seed_demo import seed_users
    from schools import demo

    office = demo.seed_office()
    users = seed_users(office)
    return office, users


@pytest.fixture
def login():
    def do_login(page, username, password=DEMO_PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("#login-form button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return do_login
