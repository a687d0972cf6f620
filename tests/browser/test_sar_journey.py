"""The annual SAR in a real browser (issue 4): the school fills in and sends its SAR, the
supervisor returns it with a comment, the school resubmits, the supervisor compares the
versions and accepts, the public sees it, and a bad upload loses nothing the user typed.

Setup goes through ``sar.services`` (tests/browser/sar_fixtures.py); everything a user
does is done in the page.
"""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from playwright.sync_api import expect

from sar import services
from sar.models import HelpNeed, SelfAssessmentReport
from standards.models import Item, QualityLevel, SchoolTarget
from tests.browser import sar_fixtures
from tests.browser.sar_fixtures import (
    SAR_PDF_NAME,
    accepted_sar,
    open_sar,
    png_bytes,
    submitted_sar,
)

# The fixtures this module uses (tests/browser/sar_fixtures.py).
national_standards = sar_fixtures.national_standards
sar_world = sar_fixtures.sar_world
sar_pdf = sar_fixtures.sar_pdf

Status = SelfAssessmentReport.Status
MESSAGES = "main .alert[role=alert]"


def switch_user(page, login, username):
    page.context.clear_cookies()
    login(page, username)


def accept_dialogs(page):
    """Accept every confirm() and keep what it asked."""
    asked = []

    def handle(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", handle)
    return asked


def frame_pdf_without_viewer(page):
    """Let the detail page's frame fetch the real PDF (recorded for the test) but show it
    as plain text. Headless Chromium's PDF viewer runs in a guest view of its own, which
    now and then dismisses the page's confirm() before the test can accept it."""
    served = []

    def handle(route):
        response = route.fetch()
        served.append(
            {
                "url": route.request.url,
                "status": response.status,
                "headers": response.headers,
                "body": response.body(),
            }
        )
        headers = {**response.headers, "content-type": "text/plain; charset=utf-8"}
        route.fulfill(status=response.status, headers=headers, body="PDF")

    page.route(re.compile(r"/sar/\d+/versions/\d+/pdf/\?inline=1$"), handle)
    return served


def basic_item(code):
    return Item.objects.get(standard__standard_set__code="MOE2561-BASIC", code=code)


def stored_files():
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# -- 1. the school fills in and sends its SAR ----------------------------------------------


def test_school_fills_in_and_submits_sar(page, login, sar_world, sar_pdf):
    school, year = sar_world["school"], sar_world["year"]
    pdf_path, pdf_data = sar_pdf
    met_item, unmet_item = basic_item("1.1.1"), basic_item("1.1.2")
    SchoolTarget.objects.create(
        school=school, academic_year=year, item=met_item, target_level=3, target_percent=60
    )
    SchoolTarget.objects.create(school=school, academic_year=year, item=unmet_item, target_level=5)

    login(page, "school")
    page.click("#nav-sar")
    expect(page.locator("h1")).to_contain_text("รายงานผลการประเมินตนเองของสถานศึกษา (SAR)")
    with page.expect_navigation():
        page.click("#open-sar")
    report = SelfAssessmentReport.objects.get(school=school, academic_year=year)
    assert page.url.endswith(f"/sar/{report.pk}/edit/")
    expect(page.locator("#missing-list")).to_be_visible()

    # Every assessed item: result percent and level.
    percents = page.locator("#sar-form input[name^='item-'][name$='-result_percent']")
    levels = page.locator("#sar-form select[name^='item-'][name$='-level']")
    n_items = report.latest_version.item_results.count()
    assert n_items > 20  # the national sets: 21 basic items, plus the ECE ones if offered
    assert percents.count() == n_items and levels.count() == n_items
    for i in range(n_items):
        percents.nth(i).fill("80.5")
        levels.nth(i).select_option(str(QualityLevel.VERY_GOOD))
    # Every standard: level and the narrative.
    std_levels = page.locator("#sar-form select[name^='std-'][name$='-level']")
    n_standards = report.latest_version.standard_results.count()
    assert std_levels.count() == n_standards >= 3
    for i in range(n_standards):
        std_levels.nth(i).select_option(str(QualityLevel.VERY_GOOD))
    for name, text in [
        ("strengths", "ผู้เรียนอ่านออกเขียนได้ตามระดับชั้น"),
        ("improvements", "ควรพัฒนาทักษะการคิดวิเคราะห์"),
        ("development_plan", "โครงการส่งเสริมการคิดผ่านกิจกรรมโครงงาน"),
        ("evidence_links", "https://example.org/evidence/sar-2569"),
    ]:
        fields = page.locator(f"#sar-form textarea[name^='std-'][name$='-{name}']")
        assert fields.count() == n_standards
        for i in range(n_standards):
            fields.nth(i).fill(text)

    # Two needs for help in rows added in the page.
    expect(page.locator("#help-rows .help-need-row")).to_have_count(2)
    page.click("#add-help")
    page.click("#add-help")
    expect(page.locator("#help-rows .help-need-row")).to_have_count(4)
    assert page.input_value("#id_help-TOTAL_FORMS") == "4"
    page.select_option("#id_help-2-category", "teacher")
    page.fill("#id_help-2-description", "ต้องการครูวิชาเอกคณิตศาสตร์")
    page.select_option("#id_help-3-category", "technology")
    page.fill("#id_help-3-description", "สัญญาณอินเทอร์เน็ตไม่เสถียร")

    # The calendar fills the field in BE; the user then types the date the board met.
    page.fill("#board-date-picker", "2025-12-15")
    expect(page.locator("#id_board_approved_on")).to_have_value("15/12/2568")
    page.fill("#id_board_approved_on", "16/12/2568")
    page.fill("#id_innovations", 'นวัตกรรม "อ่านคล่อง เขียนคล่อง"')
    page.set_input_files("#id_pdf", str(pdf_path))
    with page.expect_navigation():
        page.click("#save-draft")

    expect(page.locator(MESSAGES).first).to_contain_text("บันทึกร่างแล้ว")
    expect(page.locator("#ready-to-submit")).to_be_visible()
    expect(page.locator("#id_board_approved_on")).to_have_value("16/12/2568")
    expect(page.locator("#board-date-be")).to_have_text("16 ธ.ค. 2568")
    expect(page.locator("#current-pdf")).to_contain_text(SAR_PDF_NAME)
    expect(page.locator(f"#id_item-{met_item.pk}-result_percent")).to_have_value("80.50")
    expect(page.locator(f"#id_item-{met_item.pk}-level")).to_have_value("4")
    met_row = page.locator("tr", has=page.locator(f"#id_item-{met_item.pk}-level"))
    expect(met_row).to_contain_text("บรรลุเป้าหมาย")
    unmet_row = page.locator("tr", has=page.locator(f"#id_item-{unmet_item.pk}-level"))
    expect(unmet_row).to_contain_text("ไม่บรรลุเป้าหมาย")
    help_text = [page.input_value(f"#id_help-{i}-description") for i in range(4)]
    assert help_text[:2] == ["ต้องการครูวิชาเอกคณิตศาสตร์", "สัญญาณอินเทอร์เน็ตไม่เสถียร"]

    version = report.latest_version
    assert version.board_approved_on == datetime.date(2025, 12, 16)
    assert version.pdf_original_name == SAR_PDF_NAME
    with version.pdf.open("rb") as handle:
        assert handle.read() == pdf_data
    assert not version.item_results.exclude(level=4, result_percent=Decimal("80.5")).exists()
    assert sorted(version.help_needs.values_list("category", flat=True)) == [
        HelpNeed.Category.TEACHER,
        HelpNeed.Category.TECHNOLOGY,
    ]
    # The stored PDF comes back through the permission-checked view.
    response = page.request.get(page.get_attribute("#current-pdf a", "href"))
    assert response.status == 200 and response.body() == pdf_data

    # Cancelling the confirmation sends nothing.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#submit-sar")
    expect(page.locator("#submit-sar")).to_be_visible()
    report.refresh_from_db()
    assert report.status == Status.DRAFT

    asked = accept_dialogs(page)
    with page.expect_navigation():
        page.click("#submit-sar")
    assert asked and "ยืนยันการส่ง SAR" in asked[0]
    assert page.url.endswith(f"/sar/{report.pk}/")
    expect(page.locator(MESSAGES).first).to_contain_text("ส่ง SAR ถึงสำนักงานเขตพื้นที่การศึกษาแล้ว")
    expect(page.locator("#sar-status")).to_contain_text("ส่งแล้ว รอตรวจ")
    expect(page.locator("#board-date")).to_have_text("16 ธ.ค. 2568")
    expect(page.locator("#help-needs")).to_contain_text("ต้องการครูวิชาเอกคณิตศาสตร์")
    expect(page.locator("#history")).to_contain_text("ส่งรายงาน")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.latest_version.is_frozen

    # Read-only from now on: no edit button, no form, and the editor URL refuses.
    expect(page.locator("#edit-sar")).to_have_count(0)
    expect(page.locator("#sar-form")).to_have_count(0)
    page.goto(f"/sar/{report.pk}/edit/")
    assert page.url.endswith(f"/sar/{report.pk}/")
    expect(page.locator(MESSAGES).first).to_contain_text("SAR นี้ส่งแล้ว จึงแก้ไขไม่ได้")
    page.click("#nav-sar")
    expect(page.locator("#current-sar")).to_contain_text("ส่งแล้ว รอตรวจ")
    expect(page.locator("#current-sar #edit-sar")).to_have_count(0)


# -- 2. return with a comment, resubmit, compare, accept -----------------------------------


def test_supervisor_returns_school_resubmits_supervisor_compares_and_accepts(
    page, login, sar_world, live_server
):
    school = sar_world["school"]
    report = submitted_sar(sar_world, level=QualityLevel.VERY_GOOD)
    changed = basic_item("1.1.1")
    comment = "โปรดทบทวนระดับคุณภาพประเด็น 1.1.1 ให้ตรงกับผลการทดสอบการอ่าน"
    asked = accept_dialogs(page)

    login(page, "supervisor")
    page.click("#nav-sar")
    page.click("a.dropdown-item:has-text('SAR รอตรวจ')")
    row = page.locator("#queue tbody tr", has_text=school.name)
    expect(row).to_have_count(1)
    frame_src = f"/sar/{report.pk}/versions/1/pdf/?inline=1"
    framed = frame_pdf_without_viewer(page)
    with page.expect_navigation():
        row.locator("a:has-text('ตรวจ')").click()
    assert page.url.endswith(f"/sar/{report.pk}/")
    # The frame asked the download view, with the session, and got the PDF; same-origin
    # pages may frame it.
    assert page.get_attribute("#pdf-frame", "src") == frame_src
    assert framed[0]["url"].endswith(frame_src)
    assert framed[0]["status"] == 200
    assert framed[0]["headers"]["content-type"] == "application/pdf"
    assert framed[0]["headers"]["x-frame-options"] == "SAMEORIGIN"
    assert framed[0]["body"].startswith(b"%PDF-")
    response = page.request.get(frame_src)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body().startswith(b"%PDF-")
    # The same address without a login goes to the login page, not to the file.
    anonymous = page.context.browser.new_context(base_url=live_server.url)
    try:
        refused = anonymous.request.get(frame_src, max_redirects=0)
        assert refused.status == 302 and "/accounts/login/" in refused.headers["location"]
    finally:
        anonymous.close()

    # The comment is required: the browser stops an empty one...
    comment_box = page.locator("#return-form textarea[name=comment]")
    page.click("#return-form button[type=submit]")
    assert comment_box.evaluate("el => el.validity.valueMissing") is True
    assert asked == []
    # ...and the server refuses one of spaces only, in Thai.
    comment_box.fill("   ")
    with page.expect_navigation():
        page.click("#return-form button[type=submit]")
    expect(page.locator(MESSAGES).first).to_contain_text("โปรดระบุสิ่งที่สถานศึกษาต้องแก้ไขก่อนส่งกลับ")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED

    page.locator("#return-form textarea[name=comment]").fill(comment)
    with page.expect_navigation():
        page.click("#return-form button[type=submit]")
    assert "ยืนยันการส่ง SAR กลับ" in asked[-1]
    expect(page.locator(MESSAGES).first).to_contain_text(f"ส่ง SAR กลับให้ {school.name} แก้ไขแล้ว")
    expect(page.locator("#queue")).not_to_contain_text(school.name)
    report.refresh_from_db()
    assert report.status == Status.RETURNED

    # The school reads the comment, changes one level, and sends version 2.
    switch_user(page, login, "school")
    page.click("#nav-sar")
    expect(page.locator("#return-comment")).to_contain_text(comment)
    page.click("#current-sar #edit-sar")
    expect(page.locator("#return-comment")).to_contain_text(comment)
    page.select_option(f"#id_item-{changed.pk}-level", str(QualityLevel.EXCELLENT))
    with page.expect_navigation():
        page.click("#submit-sar")
    expect(page.locator("#sar-status")).to_contain_text("ส่งแล้ว รอตรวจ")
    expect(page.locator("#version-list")).to_contain_text("ฉบับที่ 2")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.versions.count() == 2
    assert report.latest_version.item_results.get(item=changed).level == QualityLevel.EXCELLENT
    first = report.versions.get(number=1)
    assert first.item_results.get(item=changed).level == QualityLevel.VERY_GOOD  # kept as sent

    # The supervisor sees what changed between the versions, then accepts.
    switch_user(page, login, "supervisor")
    page.goto("/sar/review/")
    with page.expect_navigation():
        page.locator("#queue tbody tr", has_text=school.name).locator("a").click()
    expect(page.locator("#version-list .nav-link.active")).to_contain_text("ฉบับที่ 2")
    expect(page.locator("#resubmission")).to_contain_text(comment)
    page.click("#resubmission-diff")
    expect(page.locator("h1")).to_contain_text("ฉบับที่ 1 เทียบกับฉบับที่ 2")
    expect(page.locator("#return-comments")).to_contain_text(comment)
    expect(page.locator("#change-count")).to_have_text("เปลี่ยนแปลง 1 รายการ")
    changed_rows = page.locator("#item-changes tbody tr.table-warning")
    expect(changed_rows).to_have_count(1)
    expect(changed_rows).to_contain_text(f"1.1.1 {changed.title_th}")
    cells = changed_rows.locator("td")
    expect(cells.nth(2)).to_contain_text(str(QualityLevel.VERY_GOOD.label))
    expect(cells.nth(3)).to_contain_text(str(QualityLevel.EXCELLENT.label))
    expect(cells.nth(4)).to_contain_text("สูงขึ้น")
    expect(page.locator("#pdf-changed")).to_contain_text("ไฟล์เดิม")

    page.click(".breadcrumb a")
    page.fill("#accept-form textarea[name=comment]", "ข้อมูลครบถ้วน")
    with page.expect_navigation():
        page.click("#accept-form button[type=submit]")
    assert "ยืนยันการรับรายงาน" in asked[-1]
    expect(page.locator(MESSAGES).first).to_contain_text(f"รับรายงาน SAR ของ {school.name} แล้ว")
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    page.goto(f"/sar/{report.pk}/")
    expect(page.locator("#sar-status")).to_contain_text("รับรายงานแล้ว")
    expect(page.locator("#review")).to_have_count(0)
    history = page.locator("#history")
    for text in ("รับรายงาน", "ส่งกลับให้แก้ไข", comment, "ข้อมูลครบถ้วน"):
        expect(history).to_contain_text(text)


# -- 3. the public page ----------------------------------------------------------------------


def test_public_page_lists_public_sars_and_serves_their_pdf(page, sar_world):
    school, school2 = sar_world["school"], sar_world["school2"]
    public = accepted_sar(sar_world, "school")
    hidden = accepted_sar(sar_world, "school2")
    services.sar_set_public(report=hidden, actor=sar_world["users"]["school2"], is_public=False)

    page.goto("/public/")
    page.click("#public-sar-link")
    table = page.locator("#public-sars")
    expect(table).to_contain_text(school.name)
    expect(table).to_contain_text(school.code)
    expect(table).not_to_contain_text(school2.name)
    expect(table.locator("tbody tr")).to_have_count(1)

    link = table.locator("tbody tr", has_text=school.name).locator("a")
    href = link.get_attribute("href")
    assert href == f"/public/sar/{public.pk}/pdf/"
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == response.body()

    # The hidden SAR is neither listed nor reachable by its address.
    assert page.request.get(f"/public/sar/{hidden.pk}/pdf/").status == 404
    page.goto(f"/public/sar/?q={school2.code}")
    expect(page.locator("#public-sars tbody")).to_contain_text("ไม่พบสถานศึกษาตามเงื่อนไข")


# -- 4. a bad upload keeps what the user typed -------------------------------------------------


def test_png_renamed_pdf_is_refused_and_the_form_is_kept(page, login, sar_world):
    report = open_sar(sar_world)
    item = basic_item("1.2.3")
    standard_id = report.latest_version.standard_results.order_by("pk").first().standard_id
    files_before = stored_files()

    login(page, "school")
    page.goto(f"/sar/{report.pk}/edit/")
    page.fill("#id_board_approved_on", "16/12/2568")
    page.fill("#id_innovations", "กิจกรรมธนาคารขยะรีไซเคิล")
    page.fill(f"#id_item-{item.pk}-result_percent", "72.25")
    page.select_option(f"#id_item-{item.pk}-level", str(QualityLevel.GOOD))
    page.fill(f"#id_std-{standard_id}-strengths", "ชุมชนมีส่วนร่วมในการจัดการศึกษา")
    page.click("#add-help")
    page.select_option("#id_help-2-category", "budget")
    page.fill("#id_help-2-description", "ขอสนับสนุนงบประมาณซ่อมแซมอาคารเรียน")
    page.set_input_files(
        "#id_pdf", files={"name": "SAR.pdf", "mimeType": "application/pdf", "buffer": png_bytes()}
    )
    with page.expect_navigation():
        page.click("#save-draft")

    pdf_field = page.locator("#div_id_pdf")
    expect(pdf_field).to_contain_text("ไฟล์นี้ไม่ใช่ไฟล์ PDF")
    expect(page.locator(MESSAGES).first).to_contain_text("ยังบันทึกไม่ได้")
    expect(page.locator("main")).to_contain_text("โปรดเลือกไฟล์ที่จะอัปโหลดอีกครั้ง")
    expect(page.locator("#id_board_approved_on")).to_have_value("16/12/2568")
    expect(page.locator("#id_innovations")).to_have_value("กิจกรรมธนาคารขยะรีไซเคิล")
    expect(page.locator(f"#id_item-{item.pk}-result_percent")).to_have_value("72.25")
    expect(page.locator(f"#id_item-{item.pk}-level")).to_have_value(str(QualityLevel.GOOD))
    expect(page.locator(f"#id_std-{standard_id}-strengths")).to_have_value(
        "ชุมชนมีส่วนร่วมในการจัดการศึกษา"
    )
    expect(page.locator("#help-rows .help-need-row")).to_have_count(3)
    expect(page.locator("#id_help-2-category")).to_have_value("budget")
    expect(page.locator("#id_help-2-description")).to_have_value("ขอสนับสนุนงบประมาณซ่อมแซมอาคารเรียน")

    # Nothing was stored.
    version = report.latest_version
    assert not version.pdf and version.board_approved_on is None and version.innovations == ""
    assert not version.help_needs.exists()
    assert stored_files() == files_before
    assert not report.events.filter(action="saved").exists()


# -- 5. two staff save the same SAR ------------------------------------------------------------


def test_second_save_from_an_older_form_is_refused_and_kept(
    page, login, sar_world, browser, live_server
):
    report = open_sar(sar_world)
    login(page, "school")
    page.goto(f"/sar/{report.pk}/edit/")

    colleague = browser.new_context(base_url=live_server.url, locale="th-TH")
    try:
        other = colleague.new_page()
        login(other, "school")
        other.goto(f"/sar/{report.pk}/edit/")
        other.fill("#id_innovations", "กิจกรรมจากเพื่อนครู")
        with other.expect_navigation():
            other.click("#save-draft")
        expect(other.locator(MESSAGES).first).to_contain_text("บันทึกร่างแล้ว")
    finally:
        colleague.close()

    page.fill("#id_innovations", "กิจกรรมของฉัน")
    with page.expect_navigation() as saved:
        page.click("#save-draft")
    assert saved.value.status == 409
    expect(page.locator("#stale-warning")).to_contain_text("ระบบจึงยังไม่บันทึกข้อมูลของท่าน")
    expect(page.locator("#id_innovations")).to_have_value("กิจกรรมของฉัน")
    assert report.latest_version.innovations == "กิจกรรมจากเพื่อนครู"

    # Saving again, after looking, is deliberate and goes through.
    with page.expect_navigation() as saved:
        page.click("#save-draft")
    assert saved.value.status == 200
    expect(page.locator(MESSAGES).first).to_contain_text("บันทึกร่างแล้ว")
    assert report.latest_version.innovations == "กิจกรรมของฉัน"
