"""Every page of the plans: an allowed role, a forbidden role, anonymous and another
office's ids (404); the content of the main pages; bounded queries at two sizes."""

import datetime

import pytest
from django.urls import reverse

from supervision.plans import services
from supervision.plans.models import ActionPlan, DevelopmentPlan, IndicatorResult, OfficeAssessment

from .factories import done_run, make_action_plan, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(office, academic_year):
    return make_plan(office, first=2570, run=done_run(office, academic_year))


@pytest.fixture
def action_plan(plan):
    return make_action_plan(plan, year=2570)


@pytest.fixture
def other_plan(other_office, academic_year):
    plan = make_plan(other_office, first=2570, published=True)
    make_action_plan(plan, year=2570)
    return plan


@pytest.fixture
def assessment(office, academic_year, supervisor):
    return services.office_assessment_open(
        office=office, academic_year=academic_year, actor=supervisor
    )


@pytest.fixture
def other_assessment(other_office, academic_year):
    other_admin = _user(other_office, "t_other_admin_plans")
    return services.office_assessment_open(
        office=other_office, academic_year=academic_year, actor=other_admin
    )


def _user(office, username):
    from iqa_district.accounts.models import User
    from tests.factories import UserFactory

    return UserFactory(username=username, role=User.Role.DISTRICT_ADMIN, area_office=office)


def _ids(name, plan, action_plan, assessment):
    project = action_plan.projects.first()
    strategy = plan.strategies.first()
    return {
        "plans:plan_detail": plan.pk,
        "plans:plan_edit": plan.pk,
        "plans:plan_publish": plan.pk,
        "plans:plan_pdf": plan.pk,
        "plans:strategy_add": plan.pk,
        "plans:action_plan_create": plan.pk,
        "plans:strategy_edit": strategy.pk,
        "plans:indicator_add": strategy.pk,
        "plans:action_plan_detail": action_plan.pk,
        "plans:project_add": action_plan.pk,
        "plans:action_plan_evaluate": action_plan.pk,
        "plans:action_plan_publish": action_plan.pk,
        "plans:action_plan_pdf": action_plan.pk,
        "plans:evaluation_pdf": action_plan.pk,
        "plans:project_progress": project.pk,
        "plans:office_detail": assessment.pk,
        "plans:office_edit": assessment.pk,
        "plans:office_finalize": assessment.pk,
        "plans:office_pdf": assessment.pk,
    }.get(name)


# name, method, allowed persona, its answer, forbidden persona
PAGES = [
    ("plans:plan_list", "get", "executive", 200, "committee_member"),
    ("plans:plan_create", "get", "supervisor", 200, "executive"),
    ("plans:plan_detail", "get", "executive", 200, "committee_member"),
    ("plans:plan_edit", "get", "office_admin", 200, "executive"),
    ("plans:plan_publish", "post", "supervisor", 302, "executive"),
    ("plans:strategy_add", "get", "supervisor", 200, "executive"),
    ("plans:strategy_edit", "get", "supervisor", 200, "school_staff"),
    ("plans:indicator_add", "get", "supervisor", 200, "executive"),
    ("plans:action_plan_create", "post", "supervisor", 302, "executive"),
    ("plans:action_plan_detail", "get", "executive", 200, "committee_member"),
    ("plans:project_add", "get", "supervisor", 200, "executive"),
    ("plans:project_progress", "post", "supervisor", 302, "executive"),
    ("plans:action_plan_evaluate", "get", "supervisor", 200, "executive"),
    ("plans:action_plan_publish", "post", "supervisor", 302, "executive"),
    ("plans:office_list", "get", "executive", 200, "school_staff"),
    ("plans:office_open", "post", "supervisor", 302, "executive"),
    ("plans:office_detail", "get", "executive", 200, "school_staff"),
    ("plans:office_edit", "get", "supervisor", 200, "executive"),
    ("plans:office_finalize", "post", "supervisor", 302, "executive"),
]


@pytest.mark.parametrize("name, method, allowed, code, forbidden", PAGES)
def test_each_page_allowed_forbidden_anonymous_and_other_office(
    request,
    client,
    as_user,
    plan,
    action_plan,
    assessment,
    other_plan,
    other_assessment,
    name,
    method,
    allowed,
    code,
    forbidden,
):
    pk = _ids(name, plan, action_plan, assessment)
    url = reverse(name, kwargs={"pk": pk} if pk else None)
    assert getattr(client, method)(url).status_code == 302  # anonymous: to the login page
    assert "login" in getattr(client, method)(url)["Location"]
    forbidden_user = request.getfixturevalue(forbidden)
    assert getattr(as_user(forbidden_user), method)(url).status_code in (403, 404)
    allowed_user = request.getfixturevalue(allowed)
    assert getattr(as_user(allowed_user), method)(url).status_code == code
    if pk:
        other_action_plan = other_plan.action_plans.get()
        other_pk = _ids(name, other_plan, other_action_plan, other_assessment)
        other_url = reverse(name, kwargs={"pk": other_pk})
        assert getattr(as_user(allowed_user), method)(other_url).status_code == 404


def test_plan_detail_shows_strategies_indicators_and_evidence(as_user, executive, plan):
    body = as_user(executive).get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "ยุทธศาสตร์ทดสอบ 1" in body and "มาตรการที่ ๒" in body
    assert "ปีงบประมาณ 2572" in body and "85.00" in body
    assert "ต่ำกว่าค่าเป้าหมาย 3 แห่ง จาก 40 แห่ง" in body
    assert "โรงเรียนบ้านโนนสูง" in body and "การคิดวิเคราะห์ (12)" in body
    assert "เผยแพร่แผน" not in body  # an executive reads only


def test_school_staff_see_only_the_published_plan(as_user, school_staff, plan, action_plan):
    detail = reverse("plans:plan_detail", args=[plan.pk])
    assert as_user(school_staff).get(detail).status_code == 404
    assert (
        as_user(school_staff)
        .get(reverse("plans:action_plan_detail", args=[action_plan.pk]))
        .status_code
        == 404
    )
    DevelopmentPlan.objects.filter(pk=plan.pk).update(is_published=True)
    assert as_user(school_staff).get(detail).status_code == 200
    # The evaluation report only once the office publishes it.
    url = reverse("plans:evaluation_pdf", args=[action_plan.pk])
    assert as_user(school_staff).get(url).status_code == 404


def test_create_a_plan_then_a_strategy_linked_to_the_synthesis(
    as_user, supervisor, office, academic_year
):
    run = done_run(office, academic_year)
    client = as_user(supervisor)
    response = client.post(
        reverse("plans:plan_create"),
        {"title": "แผนพัฒนา ๒๕๗๐–๒๕๗๒", "first_fiscal_year": 2570, "goals": "ผู้เรียนมีคุณภาพ"},
    )
    plan = DevelopmentPlan.objects.get(area_office=office)
    assert response["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    response = client.post(
        reverse("plans:strategy_add", args=[plan.pk]),
        {
            "number": 1,
            "title": "ยกระดับผลสัมฤทธิ์",
            "measures": "ซ่อมเสริม\nนิเทศ",
            "synthesis_run": run.pk,
            "standard_key": "MOE2561-BASIC:1",
        },
    )
    assert response.status_code == 302
    strategy = plan.strategies.get()
    response = client.post(
        reverse("plans:indicator_add", args=[strategy.pk]),
        {
            "code": "1.1",
            "title": "ร้อยละผู้เรียนอ่านออก",
            "unit": "ร้อยละ",
            "target_year1": "80",
            "target_year2": "85",
            "target_year3": "90",
        },
    )
    assert response.status_code == 302 and strategy.indicators.get().target_year3 == 90
    bad = client.post(reverse("plans:plan_create"), {"title": "", "first_fiscal_year": 2570})
    assert bad.status_code == 400


def test_project_progress_and_evaluation_through_the_pages(as_user, supervisor, plan):
    client = as_user(supervisor)
    client.post(reverse("plans:action_plan_create", args=[plan.pk]), {"fiscal_year": 2570})
    action_plan = ActionPlan.objects.get(plan=plan, fiscal_year=2570)
    strategy = plan.strategies.first()
    response = client.post(
        reverse("plans:project_add", args=[action_plan.pk]),
        {
            "strategy": strategy.pk,
            "title": "อบรมครู",
            "owner": "ศน.",
            "starts_on": "01/11/2569",
            "ends_on": "31/08/2570",
            "budget": "20000",
            "indicators": [strategy.indicators.get().pk],
        },
    )
    assert response.status_code == 302
    project = action_plan.projects.get()
    assert project.starts_on == datetime.date(2026, 11, 1)
    client.post(
        reverse("plans:project_progress", args=[project.pk]),
        {"reported_on": "31/03/2570", "percent": 50, "spent": "8000", "note": "ครึ่งทาง"},
    )
    project.refresh_from_db()
    assert project.progress == 50
    indicator = strategy.indicators.get()
    response = client.post(
        reverse("plans:action_plan_evaluate", args=[action_plan.pk]),
        {f"actual_{indicator.pk}": "76", f"change_{indicator.pk}": "เร่งนิเทศ", "summary": "สรุป"},
    )
    assert response.status_code == 302
    assert IndicatorResult.objects.get(action_plan=action_plan).actual == 76
    body = client.get(reverse("plans:action_plan_detail", args=[action_plan.pk])).content.decode()
    assert "บรรลุ" in body and "เร่งนิเทศ" in body and "50%" in body


def test_office_assessment_through_the_pages(as_user, supervisor, assessment):
    client = as_user(supervisor)
    rows = list(assessment.levels.all())
    data = {f"level_{r.item_id}": "4" for r in rows}
    data |= {f"evidence_{r.item_id}": "คำสั่งและรายงาน" for r in rows}
    data |= {"strengths": "สถานศึกษาส่ง SAR ครบ", "improvements": "การนิเทศออนไลน์"}
    assert client.post(reverse("plans:office_edit", args=[assessment.pk]), data).status_code == 302
    client.post(reverse("plans:office_finalize", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == OfficeAssessment.Status.FINAL
    body = client.get(reverse("plans:office_detail", args=[assessment.pk])).content.decode()
    assert "สถานศึกษาส่งรายงานผลการประเมินตนเอง (SAR)" in body and "ดีเลิศ" in body
    # A finalised assessment is no longer edited.
    assert client.get(reverse("plans:office_edit", args=[assessment.pk])).status_code == 302


def test_public_pages_show_only_published(client, plan, action_plan):
    url = reverse("public:plan_list")
    assert plan.title not in client.get(url).content.decode()
    assert client.get(reverse("public:plan_pdf", args=[plan.pk])).status_code == 404
    DevelopmentPlan.objects.filter(pk=plan.pk).update(is_published=True)
    assert plan.title in client.get(url).content.decode()
    assert (
        client.get(reverse("public:plan_evaluation_pdf", args=[action_plan.pk])).status_code == 404
    )


def _grow(office, academic_year, n):
    run = done_run(office, academic_year)
    for first in range(2570, 2570 + n * 3, 3):
        plan = make_plan(office, first=first, strategies=n, run=run)
        make_action_plan(plan, projects=n)


@pytest.mark.parametrize("n", [2, 6])
def test_plan_pages_run_a_bounded_number_of_queries(
    as_user, executive, office, academic_year, n, django_assert_max_num_queries
):
    _grow(office, academic_year, n)
    client = as_user(executive)
    plan = DevelopmentPlan.objects.filter(area_office=office).last()
    action_plan = plan.action_plans.get()
    for url in (
        reverse("plans:plan_list"),
        reverse("plans:plan_detail", args=[plan.pk]),
        reverse("plans:action_plan_detail", args=[action_plan.pk]),
    ):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("public:plan_list")).status_code == 200


def test_the_dashboard_card_shows_the_current_fiscal_years_action_plan(
    as_user, executive, school_staff, office, settings
):
    from django.utils import timezone

    from iqa_district import thai

    year = thai.fiscal_year_of(timezone.localdate())
    plan = make_plan(office, first=year - 1)
    action_plan = make_action_plan(plan, year=year, projects=4)
    action_plan.projects.filter(number=1).update(progress=100)
    body = as_user(executive).get(reverse("dashboard")).content.decode()
    assert f"แผนปฏิบัติการประจำปีงบประมาณ {year}" in body
    assert "โครงการแล้วเสร็จ 1 · ความก้าวหน้าเฉลี่ยร้อยละ 25" in body
    body = as_user(school_staff).get(reverse("dashboard")).content.decode()
    assert "แผนปฏิบัติการประจำปีงบประมาณ" not in body


def test_the_menu_and_the_public_index_link_to_the_plans(
    client, as_user, executive, committee_member
):
    assert reverse("public:plan_list") in client.get(reverse("public:index")).content.decode()
    body = as_user(executive).get(reverse("plans:plan_list")).content.decode()
    assert 'id="nav-plans"' in body
    body = as_user(committee_member).get(reverse("accounts:profile")).content.decode()
    assert 'id="nav-plans"' not in body
