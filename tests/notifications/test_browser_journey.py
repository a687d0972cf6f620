"""Issue 17, in Chromium: an admin creates the accounts of a cluster's schools; one
school accepts its invitation and sets a password, gets a SAR reminder (the navbar's
count), submits its SAR; the cluster's supervisor is notified."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.core import mail

from iqa_district.accounts.groups import district_admin_group_ensure
from iqa_district.accounts.models import User
from iqa_district.notifications.services import notifications_run_daily
from sar.models import SelfAssessmentReport
from tests.factories import (
    AcademicYearFactory,
    AreaOfficeFactory,
    ClusterFactory,
    SchoolFactory,
    UserFactory,
)
from tests.sar.factories import fill_version, make_test_standards

pytestmark = pytest.mark.browser

PASSWORD = "ตั้งรหัสใหม่-2568-ปลอดภัย"


@pytest.fixture
def eager(transactional_db):
    from iqa_district.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def district(transactional_db, eager):
    office = AreaOfficeFactory(code="UBN5", name="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุบลราชธานี เขต ๕")
    cluster = ClusterFactory(area_office=office, name="กลุ่มเครือข่ายพิบูลมังสาหาร")
    schools = [
        SchoolFactory(
            area_office=office,
            cluster=cluster,
            code=f"103455010{n}",
            name=name,
            email=f"school{n}@example.ac.th",
        )
        for n, name in ((1, "โรงเรียนบ้านหนองไผ่"), (2, "โรงเรียนบ้านโนนสูง"))
    ]
    admin = UserFactory(
        username="t_admin", role=User.Role.DISTRICT_ADMIN, area_office=office, is_staff=True
    )
    admin.groups.add(district_admin_group_ensure())
    supervisor = UserFactory(
        username="t_supervisor",
        role=User.Role.SUPERVISOR,
        area_office=office,
        email="sup@example.go.th",
    )
    cluster.supervisors.add(supervisor)
    year = AcademicYearFactory(year=2567, is_current=True)
    make_test_standards()
    return cluster, schools, year


def _go(page, selector):
    page.click(selector)
    page.wait_for_load_state("networkidle")


def test_from_accounts_to_a_notified_supervisor(page, login, district):
    cluster, schools, year = district
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, "t_admin")
    page.goto("/schools/accounts/")
    page.check("input[name=scope][value=cluster]")
    page.select_option("select[name=cluster]", str(cluster.pk))
    _go(page, "#school-accounts-form input[type=submit]")
    assert "ส่งคำเชิญทางอีเมล 2 บัญชี" in page.content()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "school1@example.ac.th",
        "school2@example.ac.th",
    ]
    page.click("#user-menu")
    _go(page, "#logout-button")

    # The first school opens its link, chooses a password and logs in with it.
    invitation = next(m for m in mail.outbox if m.to == ["school1@example.ac.th"])
    link = re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", invitation.body)[1]
    page.goto(link)
    page.fill("input[name=new_password1]", PASSWORD)
    page.fill("input[name=new_password2]", PASSWORD)
    _go(page, "form button[type=submit]")
    assert urlparse(page.url).path == "/accounts/login/"
    login(page, "1034550101", PASSWORD)
    assert urlparse(page.url).path == "/"

    # A week before the deadline the morning run reminds it: the navbar counts it.
    notifications_run_daily(today=year.sar_deadline - datetime.timedelta(days=7))
    page.reload()
    page.wait_for_selector("#unread-badge")
    assert page.locator("#unread-badge").inner_text() == "1"
    _go(page, "#nav-notifications")
    assert "อีก 7 วัน ถึงกำหนดส่ง SAR ปีการศึกษา 2567" in page.content()
    assert any("อีก 7 วัน" in m.subject for m in mail.outbox)

    # It submits its SAR (filled in beforehand; the editor is tested elsewhere).
    page.goto("/sar/")
    _go(page, "form[action='/sar/open/'] button[type=submit]")
    report = SelfAssessmentReport.objects.get(school=schools[0])
    fill_version(report.latest_version)
    page.goto(f"/sar/{report.pk}/edit/")
    _go(page, "#submit-sar")
    report.refresh_from_db()
    assert report.status == SelfAssessmentReport.Status.SUBMITTED
    page.click("#user-menu")
    _go(page, "#logout-button")

    # The cluster's supervisor is told, in the app and by e-mail.
    assert any(m.to == ["sup@example.go.th"] for m in mail.outbox)
    login(page, "t_supervisor")
    page.wait_for_selector("#unread-badge")
    _go(page, "#nav-notifications")
    assert "โรงเรียนบ้านหนองไผ่ ส่ง SAR ปีการศึกษา 2567 เข้าคิวตรวจแล้ว" in page.content()
    _go(page, "#notification-list form button")
    assert urlparse(page.url).path == "/sar/review/"
