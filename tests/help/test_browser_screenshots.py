"""The user guide's screenshots, taken in a real browser from the demo district (its
office, schools and demo logins): each page a guide section describes, as the role it is
for sees it, saved under static/img/help/ where the guide shows it. Run this test to
refresh them after a screen changes. The help pages themselves are kept in
test-artifacts/ at 1366 and 390 px (issue 18's done-when)."""

from pathlib import Path

import pytest

from iqa_district.help.guide import screenshots
from tests.browser_fixtures import ARTIFACTS

pytestmark = pytest.mark.browser
STATIC_HELP = Path(__file__).resolve().parents[2] / "static" / "img" / "help"


def test_take_the_guide_screenshots(page, login, demo_district):
    STATIC_HELP.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    current = None
    for shot in screenshots():
        if shot.username != current:
            page.context.clear_cookies()
            login(page, shot.username)
            current = shot.username
        response = page.goto(shot.url)
        assert response is not None and response.status == 200, shot
        page.wait_for_load_state("networkidle")
        assert page.locator("#nav-help").count() == 1  # the guide is one click away
        page.screenshot(path=str(STATIC_HELP / f"{shot.name}.png"))
        assert (STATIC_HELP / f"{shot.name}.png").stat().st_size > 10_000


@pytest.mark.parametrize("width", [1366, 390])
def test_the_help_pages_at_desktop_and_phone_width(page, login, demo_district, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "supervisor")
    page.goto("/help/")
    page.click("#guide-list a >> nth=1")  # the supervisor's guide
    page.wait_for_load_state("networkidle")
    assert page.locator("img.guide-shot").count() >= 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"help-guide-{width}.png"), full_page=True)
    # The guide's own content fits; the navbar's overflow at 1366 px is issue 18 item 7's.
    overflow = page.evaluate("(m => m.scrollWidth - m.clientWidth)(document.querySelector('main'))")
    assert overflow <= 0, f"the guide's content scrolls sideways at {width} px"
