"""Changing and deleting a plan's indicators and an action plan's projects: the services
(audited, checked, refused on an evaluated year or a copy changed on another PC) and the
pages (allowed, forbidden, anonymous, another office's ids, the confirmation page)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from iqa_district.audit.models import AuditEntry
from supervision.plans import services
from supervision.plans.models import IndicatorResult, PlanIndicator, PlanProject, ProjectProgress

from .factories import make_action_plan, make_plan

pytestmark = pytest.mark.django_db
TARGETS = (Decimal("76"), Decimal("81"), Decimal("86"))


@pytest.fixture
def plan(office):
    return make_plan(office, first=2570)


@pytest.fixture
def action_plan(plan):
    return make_action_plan(plan, year=2570)


@pytest.fixture
def other_action_plan(other_office):
    return make_action_plan(make_plan(other_office, first=2570, published=True), year=2570)


def _indicator(plan):
    return PlanIndicator.objects.filter(strategy__plan=plan).order_by("code").first()


def _update_indicator(indicator, actor, **kwargs):
    values = {
        "code": "1.9",
        "title": "ร้อยละของสถานศึกษาที่ส่ง SAR ตรงเวลา",
        "unit": "ร้อยละ",
        "baseline": Decimal("60"),
        "targets": TARGETS,
    }
    values.update(kwargs)
    return services.indicator_update(indicator=indicator, actor=actor, **values)


def _update_project(project, actor, **kwargs):
    values = {
        "strategy": project.strategy,
        "title": "อบรมเชิงปฏิบัติการการเขียน SAR",
        "owner": "กลุ่มนิเทศ ติดตามและประเมินผลฯ",
        "starts_on": datetime.date(2026, 12, 1),
        "ends_on": datetime.date(2027, 3, 31),
        "budget": Decimal("15000"),
        "indicators": [],
    }
    values.update(kwargs)
    return services.project_update(project=project, actor=actor, **values)


def test_indicator_update_is_audited_and_keeps_codes_unique(plan, supervisor):
    indicator = _indicator(plan)
    changed = _update_indicator(indicator, supervisor)
    assert changed.code == "1.9" and changed.targets == list(TARGETS)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CHANGE, actor=supervisor)
    assert "ตัวชี้วัด" in entry.detail
    with pytest.raises(ValidationError, match="มีตัวชี้วัดรหัสนี้"):
        _update_indicator(indicator, supervisor, code="2.1")  # the other strategy's code


def test_a_save_typed_on_an_older_copy_is_refused(plan, supervisor, district_admin):
    indicator = _indicator(plan)
    shown = indicator.updated_at
    _update_indicator(indicator, district_admin, shown_updated_at=shown)  # the other PC
    with pytest.raises(services.StaleEditError, match="ถูกแก้ไขจากเครื่องอื่น"):
        _update_indicator(indicator, supervisor, title="ชื่อใหม่", shown_updated_at=shown)
    with pytest.raises(services.StaleEditError):
        services.indicator_delete(indicator=indicator, shown_updated_at=shown, actor=supervisor)
    indicator.refresh_from_db()
    assert indicator.title == "ร้อยละของสถานศึกษาที่ส่ง SAR ตรงเวลา"


@pytest.mark.parametrize("who", ["executive", "school_staff", "other_supervisor"])
def test_only_the_offices_quality_managers_change_or_delete(request, action_plan, who):
    actor = request.getfixturevalue(who)
    indicator = _indicator(action_plan.plan)
    project = action_plan.projects.first()
    with pytest.raises(PermissionDenied):
        _update_indicator(indicator, actor)
    with pytest.raises(PermissionDenied):
        services.indicator_delete(indicator=indicator, actor=actor)
    with pytest.raises(PermissionDenied):
        _update_project(project, actor)
    with pytest.raises(PermissionDenied):
        services.project_delete(project=project, actor=actor)
    assert PlanProject.objects.filter(pk=project.pk).exists()


def test_an_evaluated_indicator_is_not_deleted(action_plan, supervisor):
    indicator = _indicator(action_plan.plan)
    IndicatorResult.objects.create(action_plan=action_plan, indicator=indicator, actual=70)
    with pytest.raises(ValidationError, match="มีผลการประเมิน"):
        services.indicator_delete(indicator=indicator, actor=supervisor)
    other = PlanIndicator.objects.filter(strategy__plan=action_plan.plan).exclude(pk=indicator.pk)
    services.indicator_delete(indicator=other.get(), actor=supervisor)
    assert PlanIndicator.objects.filter(strategy__plan=action_plan.plan).count() == 1
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).count() == 1


def test_project_update_validates_like_add(action_plan, supervisor, other_action_plan):
    project = action_plan.projects.first()
    indicator = _indicator(action_plan.plan)
    changed = _update_project(project, supervisor, indicators=[indicator])
    assert changed.budget == 15000 and list(changed.indicators.all()) == [indicator]
    with pytest.raises(ValidationError):
        _update_project(project, supervisor, ends_on=datetime.date(2027, 10, 5))  # FY 2571
    foreign = _indicator(other_action_plan.plan)
    with pytest.raises(ValidationError, match="แผนพัฒนาเดียวกัน"):
        _update_project(project, supervisor, indicators=[foreign])
    PlanProject.objects.filter(pk=project.pk).update(spent=Decimal("9000"))
    with pytest.raises(ValidationError, match="งบประมาณที่ใช้ไปแล้ว"):
        _update_project(project, supervisor, budget=Decimal("5000"))


def test_project_delete_takes_its_reports_and_is_refused_once_evaluated(action_plan, supervisor):
    first, second = action_plan.projects.order_by("number")
    services.project_report_progress(
        project=first,
        reported_on=datetime.date(2027, 1, 15),
        percent=30,
        spent=Decimal("1000"),
        note="",
        actor=supervisor,
    )
    services.project_delete(project=first, actor=supervisor)
    assert not ProjectProgress.objects.exists()
    assert list(action_plan.projects.all()) == [second]
    action_plan.evaluated_at = datetime.datetime(2027, 9, 30, tzinfo=datetime.UTC)
    action_plan.save()
    with pytest.raises(ValidationError, match="ประเมินผลแล้ว"):
        services.project_delete(project=second, actor=supervisor)
    with pytest.raises(ValidationError, match="ประเมินผลแล้ว"):
        _update_project(second, supervisor)


PAGES = [
    ("plans:indicator_edit", "indicator"),
    ("plans:indicator_delete", "indicator"),
    ("plans:project_edit", "project"),
    ("plans:project_delete", "project"),
]


def _pk(kind, action_plan):
    if kind == "indicator":
        return _indicator(action_plan.plan).pk
    return action_plan.projects.order_by("number").first().pk


@pytest.mark.parametrize("name, kind", PAGES)
def test_pages_allowed_forbidden_anonymous_and_other_office(
    client, as_user, supervisor, executive, school_staff, action_plan, other_action_plan, name, kind
):
    url = reverse(name, args=[_pk(kind, action_plan)])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.post(url).status_code == 302
    assert as_user(executive).get(url).status_code == 403
    assert as_user(executive).post(url).status_code == 403
    assert as_user(school_staff).get(url).status_code in (403, 404)
    assert as_user(supervisor).get(url).status_code == 200
    other = reverse(name, args=[_pk(kind, other_action_plan)])
    assert as_user(supervisor).get(other).status_code == 404
    assert as_user(supervisor).post(other).status_code == 404
    assert PlanProject.objects.filter(action_plan=other_action_plan).count() == 2


def test_edit_an_indicator_through_its_page(as_user, supervisor, plan):
    indicator = _indicator(plan)
    client = as_user(supervisor)
    url = reverse("plans:indicator_edit", args=[indicator.pk])
    body = client.get(url).content.decode()
    assert "แก้ไขตัวชี้วัดและค่าเป้าหมายรายปี" in body and indicator.updated_at.isoformat() in body
    data = {
        "code": "1.1",
        "title": "ร้อยละของสถานศึกษาที่มีคุณภาพระดับดีเลิศขึ้นไป",
        "unit": "ร้อยละ",
        "baseline": "70",
        "target_year1": "77",
        "target_year2": "82",
        "target_year3": "88",
        "shown_updated_at": indicator.updated_at.isoformat(),
    }
    assert client.post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.target_year3 == 88
    # The same form posted again carries the old time: someone saved in between.
    response = client.post(url, data | {"target_year3": "90"})
    assert response.status_code == 400
    assert "ถูกแก้ไขจากเครื่องอื่น" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.target_year3 == 88


def test_delete_a_project_after_its_confirmation_page(as_user, supervisor, action_plan):
    project = action_plan.projects.order_by("number").first()
    services.project_report_progress(
        project=project,
        reported_on=datetime.date(2027, 1, 15),
        percent=30,
        spent=Decimal("1000"),
        note="",
        actor=supervisor,
    )
    project.refresh_from_db()
    client = as_user(supervisor)
    url = reverse("plans:project_delete", args=[project.pk])
    body = client.get(url).content.decode()
    assert "ยืนยันการลบโครงการ" in body and "รายงานความก้าวหน้า 1 ครั้ง" in body
    assert PlanProject.objects.filter(pk=project.pk).exists()  # GET deletes nothing
    response = client.post(url, {"shown_updated_at": project.updated_at.isoformat()})
    assert response["Location"] == reverse("plans:action_plan_detail", args=[action_plan.pk])
    assert not PlanProject.objects.filter(pk=project.pk).exists()
    detail = client.get(response["Location"]).content.decode()
    assert reverse("plans:project_edit", args=[action_plan.projects.get().pk]) in detail


def test_edit_a_project_through_its_page(as_user, supervisor, action_plan):
    project = action_plan.projects.order_by("number").first()
    client = as_user(supervisor)
    url = reverse("plans:project_edit", args=[project.pk])
    assert "โครงการทดสอบ 1" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "strategy": project.strategy_id,
            "title": "โครงการนิเทศภายในเข้มแข็ง",
            "owner": "ศน.สมศรี",
            "starts_on": "01/12/2569",
            "ends_on": "30/06/2570",
            "budget": "12000",
            "shown_updated_at": project.updated_at.isoformat(),
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "โครงการนิเทศภายในเข้มแข็ง" and project.ends_on == datetime.date(
        2027, 6, 30
    )


def test_the_plan_page_links_edit_and_delete_for_managers_only(
    as_user, supervisor, executive, plan
):
    indicator = _indicator(plan)
    edit = reverse("plans:indicator_edit", args=[indicator.pk])
    assert (
        edit
        in as_user(supervisor).get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    )
    assert (
        edit
        not in as_user(executive).get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    )
