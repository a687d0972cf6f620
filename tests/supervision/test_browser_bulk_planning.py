"""In a real browser: the supervisor finds two schools among ~250 by typing in the school
picker (Tom Select, from our static files), previews the plan and confirms it."""

import datetime

import pytest

from supervision.models import Visit
from tests.supervision.factories import full_committee, template

pytestmark = pytest.mark.browser


@pytest.fixture
def district(transactional_db):
    from iqa_district.management.commands.seed_demo import seed_users
    from schools import demo
    from schools.models import AcademicYear

    office = demo.seed_office()
    seed_users(office)
    year = AcademicYear.objects.get(pk=2569)
    committee = full_committee(office=office, year=year, name="คณะกรรมการนิเทศชุดที่ ๙")
    schools = list(office.schools.order_by("code")[:2])
    return year, committee, schools


def test_bulk_planning_with_the_searchable_school_picker(page, login, district):
    year, committee, schools = district
    start = year.semester2_starts_on
    while start.weekday() != 0:
        start += datetime.timedelta(days=1)
    login(page, "supervisor")
    page.goto("/supervision/visits/")
    page.click("#bulk-plan-link")
    picker = page.locator("#id_schools-ts-control")
    for school in schools:
        picker.fill(school.code)
        page.locator(".ts-dropdown .option", has_text=school.name).first.click()
    assert page.locator(".ts-control .item").count() == 2
    page.fill("#id_start", start.isoformat())
    page.fill("#id_end", (start + datetime.timedelta(days=6)).isoformat())
    page.select_option("#id_kind", Visit.Kind.DISTRICT_VISIT)
    page.select_option("#id_template", str(template("P2-7.1").pk))
    page.select_option("#id_committee", str(committee.pk))
    page.click("#bulk-preview")
    page.wait_for_load_state("networkidle")
    table = page.locator("#bulk-preview-table")
    assert table.locator("tbody tr").count() == 2
    assert table.locator("input[name=row]:checked").count() == 2
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#bulk-confirm")
    page.wait_for_load_state("networkidle")
    assert "วางแผนการนิเทศ 2 แห่งแล้ว" in page.content()
    planned = Visit.objects.filter(committee=committee).order_by("date")
    assert [(v.school_id, v.date) for v in planned] == [
        (schools[0].pk, start),
        (schools[1].pk, start + datetime.timedelta(days=1)),
    ]
