"""In a phone-sized browser, a committee member's typing is saved as they go, and input
typed while the connection is down is kept and saved when it returns."""

import pytest

from supervision.models import Visit, VisitAnswer
from tests.supervision.factories import VisitFactory, full_committee, standard_set

pytestmark = pytest.mark.browser


@pytest.fixture
def assigned_visit(transactional_db):
    from iqa_district.management.commands.seed_demo import seed_users
    from schools import demo
    from schools.models import AcademicYear

    office = demo.seed_office()
    users = seed_users(office)
    year = AcademicYear.objects.get(pk=2569)
    school = office.schools.order_by("code")[5]
    standard_set(school, code="SUP-TEST-BROWSER")
    committee = full_committee(office=office, year=year, users=[users["committee"]])
    return VisitFactory(
        school=school, academic_year=year, committee=committee, date=year.semester1_starts_on
    )


def test_autosave_on_a_phone_survives_a_dropped_connection(page, login, assigned_visit):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "committee")
    page.goto(f"/supervision/visits/{assigned_visit.pk}/fill/")
    first = page.locator("form.autosave").first
    first.locator("textarea").first.fill("แผนการจัดการเรียนรู้และบันทึกหลังสอน")
    first.locator(".save-ok").wait_for()
    answer = VisitAnswer.objects.filter(visit=assigned_visit).order_by("order").first()
    assert answer.evidence == "แผนการจัดการเรียนรู้และบันทึกหลังสอน"
    assert Visit.objects.get(pk=assigned_visit.pk).status == Visit.Status.IN_PROGRESS

    page.context.set_offline(True)
    first.locator("label.btn", has_text="ดีเลิศ").click()
    page.wait_for_function(
        "document.querySelector('form.autosave .save-state').innerText.includes('ยังไม่ได้บันทึก')"
    )
    assert page.locator("form.autosave").first.locator("input[value='4']").is_checked()
    page.context.set_offline(False)
    page.wait_for_function(
        "document.querySelector('form.autosave .save-state').innerText.includes('บันทึกแล้ว')",
        timeout=20_000,
    )
    answer.refresh_from_db()
    assert answer.level == 4

    page.reload()
    first = page.locator("form.autosave").first
    assert first.locator("textarea").first.input_value() == "แผนการจัดการเรียนรู้และบันทึกหลังสอน"
    assert first.locator("input[value='4']").is_checked()
