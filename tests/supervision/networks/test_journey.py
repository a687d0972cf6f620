"""Process 5 in a real browser: the cluster supervisor opens the needs survey, two
schools answer it, the supervisor makes the plan, records an activity with its
participants and its evaluation (form ๒) and issues the form ๓ PDF.

Setup is the demo district's logins; everything a user does is done in the page."""

import pytest
from playwright.sync_api import expect

from supervision.networks.models import (
    Activity,
    ActivityEvaluation,
    ClusterReport,
    NeedsResponse,
    NeedsSurvey,
)

pytestmark = pytest.mark.browser

MESSAGES = "main .alert[role=alert]"


def switch_user(page, login, username):
    page.context.clear_cookies()
    login(page, username)


def test_supervisor_survey_plan_activity_evaluation_and_form_3(page, login, demo_district):
    from schools.models import AcademicYear

    office, users = demo_district
    school, school2 = users["school"].school, users["school2"].school
    cluster = school.cluster
    school2.cluster = cluster
    school2.save(update_fields=["cluster"])
    cluster.supervisors.add(users["supervisor"])
    year = AcademicYear.objects.get(is_current=True)

    switch_user(page, login, "supervisor")
    page.goto(f"/networks/clusters/{cluster.pk}/?year={year.year}")
    page.click("#open-survey")
    expect(page.locator(MESSAGES).first).to_contain_text("เปิดแบบสำรวจความต้องการแล้ว")
    survey = NeedsSurvey.objects.get(cluster=cluster)

    for username, level in (("school", "5"), ("school2", "4")):
        switch_user(page, login, username)
        page.goto(f"/networks/surveys/{survey.pk}/answer/")
        page.select_option("#id_need_measurement", level)
        page.select_option("#id_need_curriculum", "3")
        page.click("#save-answer")
        expect(page.locator(MESSAGES).first).to_contain_text("บันทึกคำตอบแบบสำรวจแล้ว")
    assert NeedsResponse.objects.filter(survey=survey).count() == 2

    switch_user(page, login, "supervisor")
    page.goto(f"/networks/surveys/{survey.pk}/")
    expect(page.locator("#ranked-needs tbody tr").first).to_contain_text("การวัดและประเมินผล")

    page.goto(f"/networks/clusters/{cluster.pk}/?year={year.year}")
    page.fill("#cluster-plan textarea[name=goals]", "ครูวัดผลตามสภาพจริงได้")
    page.click("#create-plan")
    page.click("#add-activity")
    page.select_option("#id_kind", "training")
    page.fill("#id_title", "อบรมการวัดผลตามสภาพจริง")
    page.fill("#id_starts_on", f"20/06/{year.year}")
    page.fill("#id_place", "ห้องประชุมโรงเรียน")
    page.fill("#id_objectives", "ครูออกแบบเครื่องมือวัดผลได้\nครูสร้างเกณฑ์การให้คะแนนได้")
    page.check("input[name=need_areas][value=measurement]")
    page.click("#save-activity")
    expect(page.locator("h1")).to_contain_text("อบรมการวัดผลตามสภาพจริง")
    activity = Activity.objects.get()

    page.fill("#activity-record textarea[name=what_was_done]", "บรรยายและฝึกปฏิบัติ")
    page.fill("#activity-record textarea[name=results]", "ครูสร้างเกณฑ์ได้")
    page.click("#save-record")
    page.select_option("#participant-form select[name=school]", str(school.pk))
    page.fill("#participant-form input[name=name]", "นางสาวสมใจ ใจดี")
    page.select_option("#participant-form select[name=role]", "core_teacher")
    page.click("#add-participant")
    page.check("#participants input[name=attended]")
    page.click("#save-attendance")
    expect(page.locator("#attendance-summary")).to_contain_text("เข้าร่วม 1 จาก 1 คน")

    page.click("#evaluation-link")
    page.select_option("#id_rating_1", "5")
    page.select_option("#id_rating_2", "4")
    page.fill("#id_strengths", "ครูมีส่วนร่วมสูง")
    page.click("#save-evaluation")
    expect(page.locator("#evaluation")).to_contain_text("ระดับ 5")
    assert ActivityEvaluation.objects.get(activity=activity).ratings.count() == 2

    page.goto(f"/networks/clusters/{cluster.pk}/?year={year.year}")
    page.click("#cluster-report")
    page.fill("#id_outcomes_teachers", "ครูออกแบบการวัดผลได้")
    page.fill("#id_next_directions", "ขยายผลไปยังกลุ่มอื่น")
    page.click("#save-report")
    expect(page.locator("#report-activities")).to_contain_text("กิจกรรมดำเนินแล้ว 1 จาก 1")
    # The PDF is fetched with the page's session: rendering it may take longer than a
    # click's wait on a loaded machine.
    href = page.locator("#report-pdf").get_attribute("href")
    response = page.request.get(href, timeout=180_000)
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    assert ClusterReport.objects.get().outcomes_teachers == "ครูออกแบบการวัดผลได้"
