"""The admin in a real browser (issue 17 item 4): a date is picked from the Buddhist-Era
calendar and lands in the box as dd/mm/BBBB, and the committee members' inline fits a
1366 px screen without scrolling sideways."""

import re

import pytest

from tests.browser_fixtures import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_user(transactional_db, office_admin):
    office_admin.set_password(DEMO_PASSWORD)
    office_admin.save()
    return office_admin


def test_a_date_is_picked_from_the_be_calendar(page, login, admin_user, academic_year):
    login(page, admin_user.username)
    page.goto(f"/admin/schools/academicyear/{academic_year.pk}/change/")
    box = page.locator("input[name=sar_deadline]")
    box.fill("")
    page.locator("input[name=sar_deadline] + .be-calendar-button").click()
    title = page.locator(".be-calendar-title").inner_text()
    assert re.search(r"พ\.ศ\. 25\d\d", title), title
    assert page.locator(".be-calendar th").first.inner_text() == "อา"
    page.locator(".be-calendar-day", has_text=re.compile(r"^15$")).click()
    value = box.input_value()
    assert re.fullmatch(r"15/\d\d/25\d\d", value), value
    # Django's Gregorian calendar is not attached to these boxes.
    assert page.locator("input[name=sar_deadline] ~ .datetimeshortcuts").count() == 0
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name=sar_deadline]").input_value() == value
    assert "เรียบร้อยแล้ว" in page.locator(".messagelist").inner_text()


def test_the_committee_members_inline_fits_1366_px(page, login, admin_user, academic_year):
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, admin_user.username)
    page.goto("/admin/supervision/committee/add/")
    group = page.locator("#members-group")
    group.wait_for()
    sizes = page.evaluate(
        """() => {
          const group = document.querySelector('#members-group');
          const table = group.querySelector('table');
          return {table: table.getBoundingClientRect().right,
                  group: group.getBoundingClientRect().right,
                  page: document.documentElement.scrollWidth};
        }"""
    )
    assert sizes["table"] <= sizes["group"] + 1, sizes
    assert sizes["page"] <= 1366, sizes
