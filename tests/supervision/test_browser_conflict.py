"""Two people on one visit form in two browsers: the second, typing into a summary the
first has saved since the page was opened, is shown the conflict and the colleague's
text, keeps what they typed, is not retried in a loop, and can save theirs on purpose."""

import pytest

from supervision.models import Visit
from tests.supervision.factories import VisitFactory, full_committee, standard_set

pytestmark = pytest.mark.browser

STRENGTHS = "textarea[name=strengths]"


@pytest.fixture
def shared_visit(transactional_db):
    from iqa_district.management.commands.seed_demo import seed_users
    from schools import demo
    from schools.models import AcademicYear

    office = demo.seed_office()
    users = seed_users(office)
    year = AcademicYear.objects.get(pk=2569)
    school = office.schools.order_by("code")[5]
    standard_set(school, code="SUP-TEST-CONFLICT")
    committee = full_committee(office=office, year=year, users=[users["committee"]])
    return VisitFactory(
        school=school,
        academic_year=year,
        committee=committee,
        date=year.semester1_starts_on,
        supervisors=[users["supervisor"]],
    )


def summary_state(page):
    return page.locator("#summary + form .save-state")


def test_a_stale_autosave_shows_the_conflict_and_keeps_the_typed_text(
    browser, live_server, page, login, shared_visit
):
    url = f"/supervision/visits/{shared_visit.pk}/fill/"
    login(page, "supervisor")
    page.goto(url)
    other_context = browser.new_context(base_url=live_server.url, locale="th-TH")
    other_context.set_default_timeout(15_000)
    other = other_context.new_page()
    other_errors = []
    other.on("pageerror", lambda exc: other_errors.append(str(exc)))
    try:
        login(other, "committee")
        other.goto(url)  # both pages now show summary version 0

        page.fill(STRENGTHS, "ผู้เรียนอ่านออกเขียนได้ทุกคน")
        summary_state(page).locator(".save-ok").wait_for()

        posts = []
        other.on(
            "request",
            lambda r: posts.append(r.url) if r.method == "POST" and "summary" in r.url else None,
        )
        other.fill(STRENGTHS, "ครูใช้สื่อดิจิทัลในการสอน")
        conflict = summary_state(other).locator(".save-conflict")
        conflict.wait_for()
        assert "ระบบจึงยังไม่บันทึกข้อมูลของท่าน" in conflict.inner_text()
        assert "ผู้เรียนอ่านออกเขียนได้ทุกคน" in conflict.inner_text()  # the colleague's text
        assert other.input_value(STRENGTHS) == "ครูใช้สื่อดิจิทัลในการสอน"
        assert Visit.objects.get(pk=shared_visit.pk).strengths == "ผู้เรียนอ่านออกเขียนได้ทุกคน"

        # No retry loop: the offline retry fires after 5 s; a conflict is never retried,
        # and typing more does not send the stale text either.
        other.type(STRENGTHS, " และแท็บเล็ต")
        other.wait_for_timeout(6_500)
        assert len(posts) == 1
        assert conflict.is_visible()

        # Saving on purpose sends the typed text on the colleague's version.
        conflict.get_by_role("button", name="บันทึกข้อความของฉันแทน").click()
        summary_state(other).locator(".save-ok").wait_for()
        saved = Visit.objects.get(pk=shared_visit.pk)
        assert saved.strengths == "ครูใช้สื่อดิจิทัลในการสอน และแท็บเล็ต"
        assert saved.summary_version == 2

        # Its own next autosave goes on the version the reply gave: no conflict with itself.
        other.fill(STRENGTHS, "ครูใช้สื่อดิจิทัลในการสอนทุกชั้น")
        summary_state(other).locator(".save-ok").wait_for()
        assert Visit.objects.get(pk=shared_visit.pk).summary_version == 3

        # The first page is now the stale one, and is told so in turn.
        page.fill(STRENGTHS, "ข้อความที่สามจากศึกษานิเทศก์")
        summary_state(page).locator(".save-conflict").wait_for()
        assert Visit.objects.get(pk=shared_visit.pk).strengths == "ครูใช้สื่อดิจิทัลในการสอนทุกชั้น"
    finally:
        other_context.close()
    assert not other_errors, other_errors
