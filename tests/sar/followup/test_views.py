"""Follow-up pages: who sees what, the school's report, the district's confirm and
reopen, a stale save kept, the workbook, and a bounded number of queries."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sar.followup import services
from sar.followup.models import Recommendation
from tests.factories import SchoolFactory

Status = Recommendation.Status
LIST = reverse("followup:list")


def give(school, academic_year, actor, text="ควรพัฒนาการอ่านออกเขียนได้", due=None):
    return services.recommendation_give(
        school=school,
        academic_year=academic_year,
        source=Recommendation.Source.SAR_REVIEW,
        text=text,
        due_on=due,
        actor=actor,
    )


@pytest.fixture
def rec(school, academic_year, supervisor):
    return give(school, academic_year, supervisor, due=datetime.date(2020, 1, 1))


def test_list_for_district_staff_and_for_the_school(
    as_user, rec, school2, academic_year, supervisor, school_staff, school_staff2, executive
):
    other = give(school2, academic_year, supervisor, text="ควรจัดทำแผนพัฒนาครู")
    for user in (supervisor, executive):
        html = as_user(user).get(LIST).content.decode()
        assert rec.text in html and other.text in html
        assert "เลยกำหนด" in html
    own = as_user(school_staff).get(LIST).content.decode()
    assert rec.text in own and other.text not in own
    assert "ส่งออก Excel" not in own
    assert other.text in as_user(school_staff2).get(LIST).content.decode()


def test_forbidden_roles_and_anonymous(client, as_user, rec, committee_member, other_supervisor):
    detail = reverse("followup:detail", args=[rec.pk])
    assert client.get(LIST).status_code == 302  # anonymous: to the login page
    assert client.get(detail).status_code == 302
    assert as_user(committee_member).get(LIST).status_code == 403
    assert as_user(other_supervisor).get(detail).status_code == 404
    assert rec.text not in as_user(other_supervisor).get(LIST).content.decode()
    assert (
        as_user(other_supervisor).post(reverse("followup:confirm", args=[rec.pk])).status_code
        == 404
    )


def _report(rec, **overrides):
    data = {
        "status": Status.DONE,
        "action": "จัดกิจกรรมอ่านออกเสียงทุกเช้า",
        "started_on": "01/06/2567",
        "completed_on": "30/09/2567",
        "lock_version": rec.lock_version,
    }
    data.update(overrides)
    return data


def test_the_school_reports_and_the_district_confirms(as_user, rec, school_staff, supervisor):
    url = reverse("followup:detail", args=[rec.pk])
    response = as_user(school_staff).post(url, _report(rec))
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == Status.DONE and rec.completed_on == datetime.date(2024, 9, 30)
    as_user(supervisor).post(reverse("followup:confirm", args=[rec.pk]))
    rec.refresh_from_db()
    assert rec.confirmed_by == supervisor
    # Closed: the school's form is gone and a post is refused.
    assert "update-form" not in as_user(school_staff).get(url).content.decode()
    assert as_user(school_staff).post(url, _report(rec)).status_code == 403


def test_reopen_needs_a_reason_and_only_quality_managers(
    as_user, rec, school_staff, supervisor, executive
):
    as_user(school_staff).post(reverse("followup:detail", args=[rec.pk]), _report(rec))
    reopen = reverse("followup:reopen", args=[rec.pk])
    assert as_user(executive).post(reopen, {"comment": "x"}).status_code == 403
    as_user(supervisor).post(reopen, {"comment": ""})
    rec.refresh_from_db()
    assert rec.status == Status.DONE
    as_user(supervisor).post(reopen, {"comment": "ยังขาดหลักฐานภาคเรียนที่ ๒"})
    rec.refresh_from_db()
    assert rec.status == Status.IN_PROGRESS


def test_a_stale_save_is_a_409_with_the_typed_text_kept(as_user, rec, school_staff):
    url = reverse("followup:detail", args=[rec.pk])
    as_user(school_staff).post(url, _report(rec, status=Status.PLANNED, action="วางแผน"))
    response = as_user(school_staff).post(
        url, _report(rec, status=Status.IN_PROGRESS, action="ข้อความที่พิมพ์ไว้", lock_version=0)
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "ข้อความที่พิมพ์ไว้" in html and "มีผู้อื่นบันทึก" in html
    rec.refresh_from_db()
    assert rec.action == "วางแผน"


def test_workbook_has_the_filtered_rows_formula_safe(
    as_user, rec, school2, academic_year, supervisor, school_staff
):
    give(school2, academic_year, supervisor, text='=HYPERLINK("http://x")')
    response = as_user(supervisor).get(reverse("followup:export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "รหัสสถานศึกษา"
    texts = {row[7] for row in rows[1:]}
    assert rec.text in texts and '\'=HYPERLINK("http://x")' in texts
    assert as_user(school_staff).get(reverse("followup:export")).status_code == 403


@pytest.mark.parametrize("n", [3, 30])
def test_list_queries_do_not_grow_with_schools(
    as_user, office, cluster, academic_year, supervisor, n, django_assert_max_num_queries
):
    for _ in range(n):
        give(SchoolFactory(area_office=office, cluster=cluster), academic_year, supervisor)
    client = as_user(supervisor)
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200


def test_the_synthesis_page_gives_recommendations_to_schools_below_target(
    as_user, office, cluster, other_office, academic_year, supervisor, executive, other_supervisor
):
    from sar.synthesis import services as synthesis
    from tests.sar.factories import make_district

    make_district(office, cluster, other_office)
    run = synthesis.synthesis_start(office=office, academic_year=academic_year, queue=False)
    synthesis.synthesis_execute(run_id=run.pk)
    url = reverse("followup:from_synthesis", args=[run.pk])
    assert (
        "give-recommendations"
        in as_user(supervisor).get(reverse("sar:synthesis_detail", args=[run.pk])).content.decode()
    )
    assert as_user(executive).post(url).status_code == 403
    assert as_user(other_supervisor).post(url).status_code == 404
    assert not Recommendation.objects.exists()
    response = as_user(supervisor).post(url)
    assert response.status_code == 302 and "source=synthesis" in response["Location"]
    count = Recommendation.objects.count()
    assert count > 0
    as_user(supervisor).post(url)
    assert Recommendation.objects.count() == count


def test_open_recommendations_appear_on_the_sar_editor_and_the_school_page(
    as_user, rec, school, academic_year, school_staff, supervisor, committee_member
):
    from sar import services as sar_services

    report = sar_services.sar_open(school=school, academic_year=academic_year, actor=school_staff)
    editor = as_user(school_staff).get(reverse("sar:edit", args=[report.pk])).content.decode()
    assert "open-recommendations" in editor and rec.text in editor
    page = reverse("schools:detail", args=[school.pk])
    assert rec.text in as_user(supervisor).get(page).content.decode()
    as_user(school_staff).post(reverse("followup:detail", args=[rec.pk]), _report(rec))
    as_user(supervisor).post(reverse("followup:confirm", args=[rec.pk]))
    editor = as_user(school_staff).get(reverse("sar:edit", args=[report.pk])).content.decode()
    assert rec.text not in editor  # closed: no longer carried forward


def test_accepting_a_sar_with_recommendations_gives_them_to_follow_up(
    as_user, school, academic_year, school_staff, supervisor
):
    from sar import services as sar_services
    from tests.sar.factories import fill_version

    report = sar_services.sar_open(school=school, academic_year=academic_year, actor=school_staff)
    fill_version(report.latest_version)
    sar_services.sar_submit(report=report, actor=school_staff)
    response = as_user(supervisor).post(
        reverse("sar:accept", args=[report.pk]),
        {
            "comment": "รายงานครบถ้วน",
            "recommendations": "ควรเพิ่มหลักฐานเชิงประจักษ์มาตรฐานที่ ๒\n\n  ควรเผยแพร่นวัตกรรมสู่เครือข่าย  \n",
            "due_on": "31/03/2569",
        },
    )
    assert response.status_code == 302
    given = list(Recommendation.objects.order_by("pk"))
    assert [r.text for r in given] == [
        "ควรเพิ่มหลักฐานเชิงประจักษ์มาตรฐานที่ ๒",
        "ควรเผยแพร่นวัตกรรมสู่เครือข่าย",
    ]
    assert all(
        r.source == Recommendation.Source.SAR_REVIEW
        and r.source_object == report
        and r.due_on == datetime.date(2026, 3, 31)
        for r in given
    )
    report.refresh_from_db()
    assert report.status == "accepted"
