"""The synthesis report page in a browser: its sections are closed and load when
opened (htmx on the <details> toggle), a table-of-contents link opens its section,
and all of it runs under the enforced CSP."""

import pytest

from sar.synthesis import services, synthesize
from tests.sar.factories import make_district


@pytest.fixture
def report_run(transactional_db, office, cluster, other_office, academic_year):
    make_district(office, cluster, other_office)
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    attempt = services.synthesis_claim(run_id=run.pk)
    results = synthesize(office, academic_year.year)
    assert services.synthesis_finish(
        run_id=run.pk, attempt=attempt, results=results, pdf=b"%PDF-1.7", xlsx=b"PK"
    )
    return run


def test_sections_load_when_opened(browser, live_server, login, report_run, supervisor):
    context = browser.new_context(base_url=live_server.url, locale="th-TH")
    context.set_default_timeout(20_000)
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda exc: messages.append(str(exc)))
    login(page, supervisor.username)
    page.goto(f"/sar/synthesis/{report_run.pk}/")
    page.wait_for_load_state("networkidle")
    section = page.locator("#std-2-1")
    assert section.get_attribute("open") is None
    assert page.locator("#std-2-1 .synthesis-paragraph").count() == 0
    page.click("#std-2-1 > summary")
    page.wait_for_selector("#std-2-1 .synthesis-paragraph")
    assert "มาตรฐานที่ 1" in page.locator("#std-2-1 .synthesis-paragraph").first.inner_text()
    # A link of the table of contents opens the section it points at.
    page.click('#synthesis-toc a[href="#appendix"]')
    page.wait_for_selector("#appendix .synthesis-schools")
    assert "โรงเรียนบ้านกอก" in page.locator("#appendix").inner_text()
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == []
    context.close()


def test_the_appendix_button_gives_the_appendix_pdf(
    browser, live_server, login, report_run, supervisor
):
    """The button on the run's page, clicked as a supervisor does: the browser gets the
    per-school appendix as a PDF to open inline (rendered on this first click, and kept).
    Headless Chromium may save it as a download rather than show it, so the answer's
    headers and the stored file are checked."""
    context = browser.new_context(base_url=live_server.url, locale="th-TH", accept_downloads=True)
    context.set_default_timeout(60_000)
    page = context.new_page()
    login(page, supervisor.username)
    page.goto(f"/sar/synthesis/{report_run.pk}/")
    button = page.locator("#download-appendix")
    assert "ภาคผนวก" in button.inner_text()
    with page.expect_response(lambda r: "/appendix/pdf/" in r.url) as answer:
        button.click()
    response = answer.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "inline" in response.headers["content-disposition"]
    report_run.refresh_from_db()
    assert report_run.appendix_pdf.read(5) == b"%PDF-"
    context.close()
