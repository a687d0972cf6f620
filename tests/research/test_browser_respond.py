"""At phone width a respondent opens the link, answers, loses the connection once while
sending, opens the link again to find the answers kept, finishes; the supervisor's
statistics page then counts the new answer."""

import pytest

from iqa_district.accounts.models import User
from research import services
from research.models import Response
from supervision.models import FormItem
from tests.factories import AcademicYearFactory, AreaOfficeFactory, UserFactory
from tests.research.factories import InstrumentFactory, ResearchProjectFactory, answers_for

pytestmark = pytest.mark.browser


@pytest.fixture
def open_instrument(transactional_db):
    office = AreaOfficeFactory(code="BRW-R")
    UserFactory(username="r_supervisor", role=User.Role.SUPERVISOR, area_office=office)
    project = ResearchProjectFactory(
        area_office=office, academic_year=AcademicYearFactory(year=2569)
    )
    instrument = InstrumentFactory(project=project)
    for n, likert in enumerate([(3, 3, 3), (2, 2, 2)]):
        services.response_submit(
            instrument=instrument,
            raw=answers_for(instrument.template, likert),
            respondent_key=f"earlier{n}",
        )
    return instrument


def overall_mean(page):
    return page.locator("#overall-row td").nth(7).inner_text()


def test_a_respondent_on_a_phone_loses_the_connection_once_and_finishes(
    page, login, browser, live_server, open_instrument
):
    instrument = open_instrument
    login(page, "r_supervisor")
    statistics_url = f"/research/instruments/{instrument.pk}/statistics/"
    page.goto(statistics_url)
    assert "ผู้ตอบ 2 คน" in page.locator("#response-count").inner_text()
    assert overall_mean(page) == "2.50"

    phone = browser.new_context(
        base_url=live_server.url,
        locale="th-TH",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    phone.set_default_timeout(15_000)
    respondent = phone.new_page()
    dropped = []

    def drop_first_send(route):
        if route.request.method == "POST" and not dropped:
            dropped.append(route.request.url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    respondent.route("**/public/research/respond/**", drop_first_send)
    respond_url = f"/public/research/respond/{instrument.token}/"
    respondent.goto(respond_url)
    # The page fits the phone: nothing wider than the screen.
    assert respondent.evaluate("document.documentElement.scrollWidth") <= 390
    items = {
        item.code: item.pk
        for item in FormItem.objects.filter(section__template=instrument.template)
    }
    for code in ("1", "2", "3"):
        respondent.locator(f"label[for='i{items[code]}-5']").tap()
    respondent.locator(f"label[for='i{items['y']}-1']").tap()
    respondent.fill(f"input[name='item-{items['n']}']", "14")
    respondent.fill(f"textarea[name='item-{items['o']}']", "ควรลดภาระงานเอกสาร")
    with respondent.expect_event("requestfailed") as failed:
        respondent.locator("#respond-form button[type=submit]").tap()
    assert failed.value.method == "POST"
    # The browser shows its own "no connection" page, as a phone would.
    respondent.wait_for_url(lambda url: url.startswith("chrome-error"))
    assert dropped, "the first send should have been cut off"
    assert Response.objects.filter(instrument=instrument).count() == 2

    # Back on the link: the answers are still there, kept by the browser.
    respondent.goto(respond_url)
    assert respondent.locator(f"#i{items['1']}-5").is_checked()
    assert respondent.locator(f"#i{items['3']}-5").is_checked()
    assert respondent.input_value(f"textarea[name='item-{items['o']}']") == "ควรลดภาระงานเอกสาร"
    respondent.locator("#respond-form button[type=submit]").tap()
    respondent.locator("#respond-done").wait_for()
    assert "บันทึกคำตอบเรียบร้อยแล้ว" in respondent.locator("#respond-done").inner_text()
    # The thank-you page's script clears the kept answers once it has run (wait for it:
    # the element is there before the script at the end of the body runs).
    respondent.wait_for_function("Object.keys(localStorage).length === 0")
    phone.close()

    assert Response.objects.filter(instrument=instrument).count() == 3
    page.goto(statistics_url)
    assert "ผู้ตอบ 3 คน" in page.locator("#response-count").inner_text()
    assert overall_mean(page) == "3.33"  # (9 + 6 + 15) / 9
    assert "ควรลดภาระงานเอกสาร" in page.locator("#open-answers").inner_text()
