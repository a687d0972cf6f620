"""Visits: who sees and fills what, autosave, publishing, acknowledgement, calendar, lists
and form-template versioning."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from iqa_district.accounts.models import User
from standards.models import SchoolTarget
from supervision import services
from supervision.models import FormTemplate, Visit
from tests.factories import UserFactory
from tests.supervision.factories import (
    SelfEvaluationFactory,
    VisitFactory,
    full_committee,
    standard_set,
    template,
)

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
VISIT_LINK = re.compile(r'href="/supervision/visits/\d+/"')


@pytest.fixture
def committee(office, academic_year, committee_member, supervisor):
    return full_committee(office=office, year=academic_year, users=[committee_member, supervisor])


@pytest.fixture
def visit(school, academic_year, committee):
    standard_set(school)
    return VisitFactory(school=school, academic_year=academic_year, committee=committee)


@pytest.fixture
def other_committee_visit(school2, academic_year, office):
    committee = full_committee(office=office, year=academic_year)
    return VisitFactory(school=school2, academic_year=academic_year, committee=committee)


def fill_url(visit):
    return reverse("supervision:visit_fill", args=[visit.pk])


def test_committee_member_sees_only_visits_of_their_committees(
    committee_member, visit, other_committee_visit
):
    assert list(Visit.objects.visible_to(committee_member)) == [visit]


def test_school_staff_see_only_published_reports_of_their_school(
    school_staff, visit, other_committee_visit
):
    assert not Visit.objects.visible_to(school_staff).exists()
    Visit.objects.filter(pk__in=[visit.pk, other_committee_visit.pk]).update(status="published")
    assert list(Visit.objects.visible_to(school_staff)) == [visit]


def test_district_staff_see_their_office(executive, other_supervisor, visit, other_committee_visit):
    assert Visit.objects.visible_to(executive).count() == 2
    assert not Visit.objects.visible_to(other_supervisor).exists()


def test_fill_page_builds_rows_from_the_schools_standard_items(
    as_user, committee_member, committee, school, academic_year
):
    # The rows are made when the visit is planned, from the targets known by then.
    sset = standard_set(school)
    item = sset.standards.get(number=1).items.get(code="1.1")
    SchoolTarget.objects.create(
        school=school, academic_year=academic_year, item=item, target_level=4, target_percent=80
    )
    visit = VisitFactory(school=school, academic_year=academic_year, committee=committee)
    response = as_user(committee_member).get(fill_url(visit))
    assert response.status_code == 200
    answers = visit.answers.order_by("order")
    assert [a.standard_item.code for a in answers] == ["1.1", "1.2", "2.1", "2.2"]
    assert answers[0].target_level == 4 and answers[0].target_percent == 80
    body = response.content.decode()
    assert "ประเด็นทดสอบ 2.2" in body
    save_url = reverse("supervision:answer_save", args=[visit.pk, answers[0].pk])
    assert f'hx-post="{save_url}"' in body
    # Opening it again creates nothing new.
    as_user(committee_member).get(fill_url(visit))
    assert visit.answers.count() == 4


def test_autosave_stores_an_answer_and_starts_the_visit(as_user, committee_member, visit):
    client = as_user(committee_member)
    client.get(fill_url(visit))
    answer = visit.answers.order_by("order").first()
    prefix = f"a{answer.pk}"
    response = client.post(
        reverse("supervision:answer_save", args=[visit.pk, answer.pk]),
        {
            f"{prefix}-level": "4",
            f"{prefix}-self_level": "5",
            f"{prefix}-percent": "86.5",
            f"{prefix}-evidence": "บันทึกผลสัมฤทธิ์ทางการเรียน",
            f"{prefix}-method_document": "on",
            f"{prefix}-recommendation": "ควรวิเคราะห์ผลรายชั้น",
        },
        **HX,
    )
    assert response.status_code == 200
    assert "บันทึกแล้ว" in response.content.decode()
    answer.refresh_from_db()
    assert (answer.level, answer.self_level, float(answer.percent)) == (4, 5, 86.5)
    assert answer.method_document and not answer.method_interview
    assert answer.updated_by == committee_member
    visit.refresh_from_db()
    assert visit.status == Visit.Status.IN_PROGRESS
    assert visit.events.filter(action="started", actor=committee_member).exists()


def test_autosave_refuses_a_bad_percent_and_says_why(as_user, committee_member, visit):
    client = as_user(committee_member)
    client.get(fill_url(visit))
    answer = visit.answers.first()
    response = client.post(
        reverse("supervision:answer_save", args=[visit.pk, answer.pk]),
        {f"a{answer.pk}-percent": "150", f"a{answer.pk}-evidence": "ข้อความที่พิมพ์"},
        **HX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "ยังไม่ได้บันทึก" in body and "100" in body
    answer.refresh_from_db()
    assert answer.percent is None and answer.evidence == ""


def test_plain_post_without_htmx_saves_and_returns_to_the_form(as_user, committee_member, visit):
    client = as_user(committee_member)
    client.get(fill_url(visit))
    answer = visit.answers.first()
    response = client.post(
        reverse("supervision:answer_save", args=[visit.pk, answer.pk]),
        {f"a{answer.pk}-level": "3"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#answer-{answer.pk}")
    answer.refresh_from_db()
    assert answer.level == 3


def test_who_may_fill(
    client, as_user, visit, other_committee_visit, committee_member, school_staff, executive
):
    url = fill_url(visit)
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 404
    assert as_user(executive).get(url).status_code == 403
    # A member of one committee cannot open another committee's visit.
    assert as_user(committee_member).get(fill_url(other_committee_visit)).status_code == 404
    unassigned = UserFactory(
        username="t_sup2", role=User.Role.SUPERVISOR, area_office=visit.school.area_office
    )
    assert as_user(unassigned).get(url).status_code == 403
    answer_url = reverse("supervision:answer_save", args=[other_committee_visit.pk, 1])
    assert as_user(committee_member).post(answer_url, {}).status_code == 404


def _complete_summary(visit, actor):
    services.visit_save_summary(
        visit=visit,
        data={
            "strengths": "ผู้เรียนมีผลสัมฤทธิ์สูง",
            "improvements": "การใช้เทคโนโลยีในการเรียนรู้",
            "recommendations": "ควรจัดอบรมครูด้านสื่อดิจิทัล",
            "acceleration_measures": "เร่งรัดการอ่านออกเขียนได้ชั้น ป.๑",
        },
        actor=actor,
    )


def test_summary_autosave(as_user, supervisor, visit):
    response = as_user(supervisor).post(
        reverse("supervision:summary_save", args=[visit.pk]),
        {"strengths": "ครูมีความตั้งใจ", "acceleration_measures": "มาตรการเร่งรัด"},
        **HX,
    )
    assert "บันทึกแล้ว" in response.content.decode()
    visit.refresh_from_db()
    assert visit.strengths == "ครูมีความตั้งใจ"
    assert visit.acceleration_measures == "มาตรการเร่งรัด"


def test_publish_needs_the_summary_then_the_school_sees_and_acknowledges(
    as_user, supervisor, committee_member, school_staff, school_staff2, visit
):
    publish = reverse("supervision:visit_publish", args=[visit.pk])
    response = as_user(supervisor).post(publish)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status != Visit.Status.PUBLISHED

    # A committee member fills but does not publish.
    _complete_summary(visit, supervisor)
    assert as_user(committee_member).post(publish).status_code == 403

    as_user(supervisor).post(publish)
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PUBLISHED and visit.published_by == supervisor
    # Published: nobody edits it any more.
    assert as_user(supervisor).get(fill_url(visit)).status_code == 403

    detail = reverse("supervision:visit_detail", args=[visit.pk])
    page = as_user(school_staff).get(detail).content.decode()
    assert "ผู้เรียนมีผลสัมฤทธิ์สูง" in page and "เร่งรัดการอ่านออกเขียนได้" in page
    assert "รับทราบและบันทึกความเห็น" in page
    assert as_user(school_staff2).get(detail).status_code == 404

    ack = reverse("supervision:visit_acknowledge", args=[visit.pk])
    assert as_user(supervisor).post(ack, {"response": "x"}).status_code == 403
    response = as_user(school_staff).post(ack, {"response": ""})
    assert response.status_code == 400
    as_user(school_staff).post(ack, {"response": "โรงเรียนจะจัดทำแผนพัฒนาตามข้อเสนอแนะ"})
    visit.refresh_from_db()
    assert visit.acknowledged_by == school_staff
    assert visit.school_response == "โรงเรียนจะจัดทำแผนพัฒนาตามข้อเสนอแนะ"
    assert as_user(school_staff).post(ack, {"response": "ซ้ำ"}).status_code == 403


def test_report_pdf_for_the_school(as_user, supervisor, school_staff, visit):
    _complete_summary(visit, supervisor)
    services.visit_prepare_answers(visit=visit)
    services.visit_publish(visit=visit, actor=supervisor)
    response = as_user(school_staff).get(reverse("supervision:visit_pdf", args=[visit.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_visit_create_permissions_and_validation(
    client, as_user, supervisor, executive, school, committee, academic_year
):
    url = reverse("supervision:visit_create")
    assert client.get(url).status_code == 302
    assert as_user(executive).get(url).status_code == 403
    data = {
        "school": school.pk,
        "kind": Visit.Kind.DISTRICT_VISIT,
        "date": "2024-11-20",
        "visit_no": 1,
        "template": template("P1-7.1").pk,
        "committee": committee.pk,
        "supervisors": [supervisor.pk],
    }
    response = as_user(supervisor).post(url, data)
    assert response.status_code == 200
    assert "แบบฟอร์มไม่ตรงกับประเภทการนิเทศ" in response.content.decode()
    data["template"] = template("P2-7.1").pk
    response = as_user(supervisor).post(url, data)
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.academic_year_id, visit.semester) == (2567, 2)
    assert list(visit.supervisors.all()) == [supervisor]


def test_calendar_shows_visits_and_self_evaluations_with_bounded_queries(
    as_user, supervisor, office, academic_year, django_assert_max_num_queries
):
    from tests.factories import SchoolFactory

    schools = SchoolFactory.create_batch(12, area_office=office)
    for n, s in enumerate(schools):
        VisitFactory(school=s, academic_year=academic_year, date=datetime.date(2024, 7, 1 + n))
        SelfEvaluationFactory(
            school=s, academic_year=academic_year, date=datetime.date(2024, 7, 2 + n)
        )
    client = as_user(supervisor)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("supervision:calendar"), {"y": 2024, "m": 7})
    body = response.content.decode()
    assert "กรกฎาคม 2567" in body
    assert schools[11].name in body
    assert body.count("ประเมินภายใน ") >= 12


def test_calendar_permissions(client, as_user, school_staff, visit):
    assert client.get(reverse("supervision:calendar")).status_code == 302
    body = (
        as_user(school_staff)
        .get(reverse("supervision:calendar"), {"y": 2024, "m": 7})
        .content.decode()
    )
    assert visit.school.name not in body  # not published yet


def test_visit_list_bounded_and_filtered(
    as_user,
    supervisor,
    committee_member,
    office,
    academic_year,
    committee,
    django_assert_max_num_queries,
):
    from tests.factories import SchoolFactory

    for s in SchoolFactory.create_batch(30, area_office=office):
        VisitFactory(school=s, academic_year=academic_year)
    mine = VisitFactory(
        school=SchoolFactory(area_office=office, name="โรงเรียนของกรรมการ"),
        academic_year=academic_year,
        committee=committee,
        semester=2,
        date=datetime.date(2024, 12, 1),
    )
    client = as_user(supervisor)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("supervision:visit_list"), {"year": 2567})
    assert len(VISIT_LINK.findall(response.content.decode())) == 31
    body = client.get(reverse("supervision:visit_list"), {"year": 2567, "semester": 2}).content
    assert "โรงเรียนของกรรมการ" in body.decode()
    assert len(VISIT_LINK.findall(body.decode())) == 1
    body = as_user(committee_member).get(reverse("supervision:visit_list")).content.decode()
    assert f"/supervision/visits/{mine.pk}/" in body
    assert VISIT_LINK.findall(body) == [f'href="/supervision/visits/{mine.pk}/"']


def test_used_template_is_frozen_and_a_new_version_keeps_old_visits(
    as_user, district_admin, visit, office
):
    district_admin.user_permissions.set(
        Permission.objects.filter(content_type__app_label="supervision")
    )
    root = UserFactory(username="t_root", is_superuser=True, is_staff=True, area_office=None)
    used = visit.template
    change = reverse("admin:supervision_formtemplate_change", args=[used.pk])
    response = as_user(root).post(change, {"title": "แก้ชื่อ", "code": used.code})
    assert response.status_code == 403
    used.refresh_from_db()
    assert used.title != "แก้ชื่อ"

    # The central admin's new version replaces the shared form for everyone.
    p1 = template("P1-7.1")
    as_user(root).post(
        reverse("admin:supervision_formtemplate_changelist"),
        {"action": "make_new_version", "_selected_action": [p1.pk]},
    )
    shared_v2 = FormTemplate.objects.get(code="P1-7.1", version=2)
    assert shared_v2.area_office is None and not FormTemplate.objects.get(pk=p1.pk).is_active
    old_items = list(p1.sections.get().items.values_list("text", "evidence_prompt"))
    assert list(shared_v2.sections.get().items.values_list("text", "evidence_prompt")) == old_items


def test_an_office_edits_its_own_version_of_a_shared_form(
    as_user, district_admin, office, other_office
):
    district_admin.user_permissions.set(
        Permission.objects.filter(content_type__app_label="supervision")
    )
    client = as_user(district_admin)
    shared = template("P1-7.2")
    # A shared form is read-only for an office's admin ...
    change = reverse("admin:supervision_formtemplate_change", args=[shared.pk])
    assert client.post(change, {"title": "แก้ชื่อ"}).status_code == 403
    # ... who makes the office's own version instead.
    client.post(
        reverse("admin:supervision_formtemplate_changelist"),
        {"action": "make_new_version", "_selected_action": [shared.pk]},
    )
    own = FormTemplate.objects.get(code="P1-7.2", area_office=office)
    assert own.version == 2 and own.is_active
    shared.refresh_from_db()
    assert shared.is_active  # other offices keep using it
    own_change = reverse("admin:supervision_formtemplate_change", args=[own.pk])
    assert client.get(own_change).status_code == 200
    usable = FormTemplate.objects.usable_in(office.pk)
    assert own in usable and shared not in usable
    assert shared in FormTemplate.objects.usable_in(other_office.pk)
    assert own not in FormTemplate.objects.usable_in(other_office.pk)
    other_admin = UserFactory(
        username="t_other_admin",
        role=User.Role.DISTRICT_ADMIN,
        area_office=other_office,
        is_staff=True,
    )
    other_admin.user_permissions.set(
        Permission.objects.filter(content_type__app_label="supervision")
    )
    assert as_user(other_admin).get(own_change).status_code in (302, 404)


def test_calendar_pages_by_cluster_and_caps_each_day(
    as_user, supervisor, office, academic_year, django_assert_max_num_queries
):
    from supervision.calendar import DAY_LIMIT
    from tests.factories import ClusterFactory, SchoolFactory

    north, south = ClusterFactory(area_office=office), ClusterFactory(area_office=office)
    day = datetime.date(2024, 7, 10)
    for n in range(DAY_LIMIT + 4):
        school = SchoolFactory(area_office=office, cluster=north, name=f"โรงเรียนเหนือ{n:02d}")
        VisitFactory(school=school, academic_year=academic_year, date=day)
    for n in range(2):
        school = SchoolFactory(area_office=office, cluster=south, name=f"โรงเรียนใต้{n:02d}")
        VisitFactory(school=school, academic_year=academic_year, date=day)
    client = as_user(supervisor)
    url = reverse("supervision:calendar")
    with django_assert_max_num_queries(10):
        response = client.get(url, {"y": 2024, "m": 7})
    (shown,) = [d for week in response.context["weeks"] for d in week if d.date == day]
    assert len(shown.visits) == DAY_LIMIT and shown.more_visits == 6
    body = response.content.decode()
    assert "และอีก 6 แห่ง" in body
    # The "more" link is the visit list of that day: every visit of it.
    listed = client.get(
        reverse("supervision:visit_list"), {"from": "2024-07-10", "to": "2024-07-10"}
    )
    assert listed.context["page"].paginator.count == DAY_LIMIT + 6

    response = client.get(url, {"y": 2024, "m": 7, "cluster": south.pk})
    (shown,) = [d for week in response.context["weeks"] for d in week if d.date == day]
    assert sorted(v.school.name for v in shown.visits) == ["โรงเรียนใต้00", "โรงเรียนใต้01"]
    assert shown.more_visits == 0
