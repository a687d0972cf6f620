"""Process 3 in a real browser: a supervisor schedules a school's evaluation, fills the
readiness form (๗.๑ of process 3) on a phone, records the oral report, uploads the draft,
imports ONESQA's results and publishes the ๗.๓; the school then updates one of ONESQA's
recommendations."""

import datetime
import re

import pytest
from django.utils import timezone

from external_eval.models import EvaluationDocument, ExternalEvaluation, OnesqaSynthesis
from sar.followup.models import Recommendation
from schools.models import AcademicYear
from standards.models import StandardSet
from supervision.models import Visit
from tests.sar.factories import pdf_bytes

from .factories import make_round

pytestmark = pytest.mark.browser
Status = ExternalEvaluation.Status


@pytest.fixture
def district(demo_district):
    office, users = demo_district
    onesqa_round = make_round(StandardSet.objects.get(code="MOE2561-BASIC"), number=5)
    school = users["school"].school
    return office, users, onesqa_round, school


def test_the_onesqa_journey(page, login, district, tmp_path):
    office, users, onesqa_round, school = district
    today = timezone.localdate()
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, "supervisor")

    # Schedule the evaluation.
    page.goto("/external-eval/new/")
    page.locator("#id_school-ts-control").fill(school.code)
    page.locator(".ts-dropdown .option", has_text=school.name).first.click()
    page.select_option("#id_round", str(onesqa_round.pk))
    page.select_option("#id_academic_year", str(AcademicYear.objects.current().pk))
    page.fill("#id_scheduled_from", (today + datetime.timedelta(days=30)).isoformat())
    page.fill("#id_scheduled_to", (today + datetime.timedelta(days=31)).isoformat())
    page.click("#evaluation-form button[type=submit]")
    page.wait_for_url("**/external-eval/*/")
    evaluation = ExternalEvaluation.objects.get(school=school, round=onesqa_round)

    # Plan the readiness check for today and fill form ๗.๑ on a phone (autosaved).
    page.locator("#readiness summary").click()
    page.fill("#readiness-form input[name=date]", today.isoformat())
    page.click("#readiness-form button[type=submit]")
    page.wait_for_url("**/fill/")
    page.set_viewport_size({"width": 390, "height": 844})
    first = page.locator("form.autosave").first
    first.get_by_label("มี", exact=True).check()
    first.locator(".save-ok").wait_for()
    verdict = page.locator("form.autosave", has_text="ผลการตรวจสอบความพร้อมรับการประเมิน")
    verdict.get_by_label("พร้อมรับการประเมิน", exact=True).check()
    verdict.locator(".save-ok").wait_for()
    summary = page.locator("#summary + form")
    summary.locator("textarea[name=strengths]").fill("ครูเข้าใจเกณฑ์การประเมินของ สมศ.")
    summary.locator("textarea[name=improvements]").fill("การนำผลการประเมินภายนอกไปปรับแผน")
    summary.locator("textarea[name=recommendations]").fill("ทบทวนข้อเสนอแนะของ สมศ. ครั้งก่อน")
    summary.locator(".save-ok").wait_for()
    page.click("form[action$='/publish/'] button")
    page.wait_for_url("**/supervision/visits/*/")
    visit = ExternalEvaluation.objects.get(pk=evaluation.pk).readiness_visit
    assert visit.status == Visit.Status.PUBLISHED
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/external-eval/{evaluation.pk}/")
    assert "พร้อมรับการประเมิน" in page.locator("#readiness").inner_text()
    assert page.locator("#readiness-score").inner_text().endswith("%")

    # Readiness checked, evaluated; the oral report; the draft.
    for status in (Status.READINESS_CHECKED, Status.EVALUATED):
        page.click(f"#transition-form button[value={status}]")
        page.wait_for_load_state("networkidle")
    page.locator("summary", has_text="บันทึกการรับฟังรายงานด้วยวาจา").click()
    page.fill("#oral-form input[name=held_on]", today.isoformat())
    page.fill("#oral-form input[name=place]", "ห้องประชุมโรงเรียน")
    page.fill("#oral-form textarea[name=notes]", "คณะผู้ประเมินชื่นชมการมีส่วนร่วมของชุมชน")
    page.click("#oral-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "ห้องประชุมโรงเรียน" in page.locator("#oral-report").inner_text()
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(pdf_bytes())
    page.locator("summary", has_text="อัปโหลดเอกสาร").click()
    page.select_option("#upload-form select[name=kind]", EvaluationDocument.Kind.DRAFT)
    page.set_input_files("#upload-form input[name=file]", str(draft))
    page.fill("#upload-form input[name=received_on]", today.isoformat())
    page.click("#upload-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert evaluation.documents.filter(kind=EvaluationDocument.Kind.DRAFT).exists()
    assert "รายงานฉบับร่าง" in page.locator("#documents").inner_text()

    # Import ONESQA's results per standard, with one recommendation.
    results = tmp_path / "onesqa.csv"
    results.write_text(
        "รหัสสถานศึกษา,ระดับการศึกษา,มาตรฐานที่,ระดับคุณภาพ,ข้อเสนอแนะ\n"
        f"{school.code},ขั้นพื้นฐาน,1,ดี,ควรพัฒนาทักษะการคิดวิเคราะห์ของผู้เรียน\n"
        f"{school.code},ขั้นพื้นฐาน,2,ดีเลิศ,\n"
        f"{school.code},ขั้นพื้นฐาน,3,ดีเลิศ,\n",
        encoding="utf-8",
    )
    page.goto("/external-eval/import/")
    page.select_option("#id_round", str(onesqa_round.pk))
    page.select_option("#id_source", EvaluationDocument.Kind.DRAFT)
    page.set_input_files("#id_file", str(results))
    page.click("#import-form button[type=submit]")
    page.wait_for_url(re.compile(r"/import/[^/]+/\?"))
    page.click("#import-confirm button[value=import]")
    page.wait_for_load_state("networkidle")
    assert evaluation.results.count() == 3

    # The ๗.๓: save the drafted narrative, then publish it.
    page.goto(f"/external-eval/synthesis/{onesqa_round.pk}/")
    page.click("#narrative-form button[value=save]")
    page.wait_for_load_state("networkidle")
    page.click("#publish-form button")
    page.wait_for_load_state("networkidle")
    synthesis = OnesqaSynthesis.objects.get(area_office=office, round=onesqa_round)
    assert synthesis.published_at is not None
    page.goto(f"/public/onesqa/{synthesis.pk}/")
    assert school.name in page.content() or "สังเคราะห์" in page.content()

    # The school updates ONESQA's recommendation.
    recommendation = Recommendation.objects.get(school=school, source=Recommendation.Source.ONESQA)
    page.context.clear_cookies()
    login(page, "school")
    page.goto(f"/external-eval/{evaluation.pk}/")
    page.click(f"#recommendations a[href='/followup/{recommendation.pk}/']")
    page.select_option("#update-form select[name=status]", Recommendation.Status.IN_PROGRESS)
    page.fill("#update-form textarea[name=action]", "จัดกิจกรรมโครงงานฝึกคิดวิเคราะห์ทุกชั้น")
    page.click("#update-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.IN_PROGRESS
    assert recommendation.action == "จัดกิจกรรมโครงงานฝึกคิดวิเคราะห์ทุกชั้น"
