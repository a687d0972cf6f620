"""Process 5 pages: each with an allowed role, a forbidden role, anonymous and another
office's ids; the cluster page's content and its bounded queries."""

import pytest
from django.urls import reverse

from sar.followup import services as followup_services
from sar.followup.models import Recommendation
from standards.models import StandardSet
from supervision.networks.models import NeedsResponse, NeedsSurvey
from tests.factories import ClusterFactory, SchoolFactory
from tests.sar.factories import make_sar, make_test_standards
from tests.supervision.factories import NeedsSurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_supervisor(supervisor, cluster):
    cluster.supervisors.add(supervisor)
    return supervisor


@pytest.fixture
def survey(cluster, academic_year):
    return NeedsSurveyFactory(cluster=cluster, academic_year=academic_year)


@pytest.fixture
def other_cluster(other_office):
    return ClusterFactory(area_office=other_office, name="สหวิทยาเขตต่างเขต")


@pytest.fixture
def other_survey(other_cluster, academic_year):
    return NeedsSurveyFactory(cluster=other_cluster, academic_year=academic_year)


# --- dashboard ---------------------------------------------------------------------------


def test_dashboard_lists_a_supervisors_own_clusters(as_user, cluster_supervisor, cluster, office):
    ClusterFactory(area_office=office, name="กลุ่มเครือข่ายอื่น")
    body = as_user(cluster_supervisor).get(reverse("networks:dashboard")).content.decode()
    assert cluster.name in body and "กลุ่มเครือข่ายอื่น" not in body


def test_dashboard_lists_every_cluster_for_an_admin(as_user, office_admin, cluster, office):
    ClusterFactory(area_office=office, name="กลุ่มเครือข่ายอื่น")
    body = as_user(office_admin).get(reverse("networks:dashboard")).content.decode()
    assert cluster.name in body and "กลุ่มเครือข่ายอื่น" in body


def test_dashboard_refuses_school_staff_and_anonymous(as_user, client, school_staff):
    url = reverse("networks:dashboard")
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 403


# --- cluster page ------------------------------------------------------------------------


def test_cluster_page_shows_sizes_sar_levels_compliance_and_open_recommendations(
    as_user, executive, cluster, school, school2, academic_year, supervisor
):
    standard = make_test_standards()[StandardSet.Level.BASIC].standards.get(number=1)
    make_sar(school, academic_year.pk, standards={standard: (4, "", "")})
    school.students = 90
    school.save()
    followup_services.recommendation_give(
        school=school,
        academic_year=academic_year,
        source=Recommendation.Source.VISIT,
        text="ควรพัฒนาการวัดผล",
        actor=supervisor,
    )
    response = as_user(executive).get(reverse("networks:cluster_detail", args=[cluster.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "ขั้นพื้นฐาน ม.1 ดีเลิศ" in body
    assert response.context["size_bands"] == [("ขนาดกลาง", 1), ("ขนาดเล็ก", 1)]
    lines = {line.school: line for line in response.context["lines"]}
    assert lines[school].open_recommendations == 1
    assert lines[school2].open_recommendations == 0
    assert lines[school].compliance.rag in ("amber", "red")
    assert (lines[school].sar_year, lines[school2].sar_year) == (academic_year.pk, None)
    assert "ยังไม่มี SAR ที่ส่งแล้ว" in body


def test_cluster_page_refuses_school_staff_anonymous_and_other_office(
    as_user, client, school_staff, other_supervisor, cluster
):
    url = reverse("networks:cluster_detail", args=[cluster.pk])
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 403
    assert as_user(other_supervisor).get(url).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_cluster_page_runs_bounded_queries(
    as_user,
    office_admin,
    office,
    cluster,
    academic_year,
    supervisor,
    size,
    django_assert_max_num_queries,
):
    standard = make_test_standards()[StandardSet.Level.BASIC].standards.get(number=1)
    for _n in range(size):
        school = SchoolFactory(area_office=office, cluster=cluster)
        make_sar(school, academic_year.pk, standards={standard: (3, "", "")})
        followup_services.recommendation_give(
            school=school, academic_year=academic_year, source="visit", text="ควร", actor=supervisor
        )
    client = as_user(office_admin)
    url = reverse("networks:cluster_detail", args=[cluster.pk])
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert len(response.context["lines"]) == size


@pytest.mark.parametrize("size", [2, 20])
def test_dashboard_runs_bounded_queries(
    as_user, office_admin, office, academic_year, size, django_assert_max_num_queries
):
    for n in range(size):
        cluster = ClusterFactory(area_office=office, name=f"กลุ่ม {n}")
        SchoolFactory(area_office=office, cluster=cluster)
        NeedsSurveyFactory(cluster=cluster, academic_year=academic_year)
    with django_assert_max_num_queries(30):
        response = as_user(office_admin).get(reverse("networks:dashboard"))
    assert len(response.context["rows"]) == size


# --- opening and closing the survey ------------------------------------------------------


def test_the_cluster_supervisor_opens_the_survey(
    as_user, cluster_supervisor, cluster, academic_year
):
    url = reverse("networks:survey_open", args=[cluster.pk])
    response = as_user(cluster_supervisor).post(url, {"academic_year": academic_year.pk})
    survey = NeedsSurvey.objects.get(cluster=cluster)
    assert response.url == reverse("networks:survey_detail", args=[survey.pk])


def test_opening_twice_says_why_in_thai(as_user, cluster_supervisor, cluster, survey):
    url = reverse("networks:survey_open", args=[cluster.pk])
    response = as_user(cluster_supervisor).post(
        url, {"academic_year": survey.academic_year_id}, follow=True
    )
    assert "มีแบบสำรวจความต้องการของปีการศึกษานี้แล้ว" in response.content.decode()
    assert NeedsSurvey.objects.count() == 1


def test_opening_is_refused_to_others(
    as_user, client, supervisor, executive, other_supervisor, cluster, academic_year
):
    url = reverse("networks:survey_open", args=[cluster.pk])
    data = {"academic_year": academic_year.pk}
    assert client.post(url, data).status_code == 302
    assert as_user(supervisor).post(url, data).status_code == 403  # not this cluster's
    assert as_user(executive).post(url, data).status_code == 403
    assert as_user(other_supervisor).post(url, data).status_code == 404
    assert not NeedsSurvey.objects.exists()


def test_close_needs_the_clusters_manager(as_user, supervisor, cluster_supervisor, survey):
    url = reverse("networks:survey_close", args=[survey.pk])
    assert as_user(cluster_supervisor).post(url).status_code == 302
    survey.refresh_from_db()
    assert not survey.is_open


def test_close_refused_to_others(as_user, client, executive, other_supervisor, survey):
    url = reverse("networks:survey_close", args=[survey.pk])
    assert client.post(url).status_code == 302
    assert as_user(executive).post(url).status_code == 403
    assert as_user(other_supervisor).post(url).status_code == 404
    survey.refresh_from_db()
    assert survey.is_open


# --- answering ---------------------------------------------------------------------------


def test_a_school_answers_through_the_page(as_user, school_staff, school, survey):
    client = as_user(school_staff)
    url = reverse("networks:survey_answer", args=[survey.pk])
    assert "การวัดและประเมินผล" in client.get(url).content.decode()
    response = client.post(
        url, {"need_measurement": "5", "need_budget": "2", "supports": ["coaching"], "comments": ""}
    )
    assert response.status_code == 302
    answer = NeedsResponse.objects.get(survey=survey, school=school)
    assert {i.area: i.priority for i in answer.needs.all()} == {"measurement": 5, "budget": 2}


def test_an_empty_answer_is_refused_in_thai_and_keeps_the_comment(as_user, school_staff, survey):
    url = reverse("networks:survey_answer", args=[survey.pk])
    response = as_user(school_staff).post(url, {"comments": "ข้อความที่พิมพ์ไว้"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "กรุณาระบุความต้องการอย่างน้อย 1 ด้าน" in body and "ข้อความที่พิมพ์ไว้" in body
    assert not NeedsResponse.objects.exists()


def test_answer_page_refused_to_district_anonymous_and_other_office(
    as_user, client, supervisor, school_staff, survey, other_survey
):
    url = reverse("networks:survey_answer", args=[survey.pk])
    assert client.get(url).status_code == 302
    assert as_user(supervisor).get(url).status_code == 403
    other = reverse("networks:survey_answer", args=[other_survey.pk])
    assert as_user(school_staff).get(other).status_code == 404


def test_a_school_of_another_cluster_gets_404(as_user, office, survey):
    from tests.factories import UserFactory

    outsider = SchoolFactory(area_office=office, cluster=None)
    staff = UserFactory(role="school_staff", area_office=office, school=outsider)
    assert (
        as_user(staff).get(reverse("networks:survey_answer", args=[survey.pk])).status_code == 404
    )


# --- summary and list --------------------------------------------------------------------


def test_summary_ranks_the_needs_for_district_staff(
    as_user, executive, school_staff, school, survey
):
    as_user(school_staff).post(
        reverse("networks:survey_answer", args=[survey.pk]), {"need_technology": "4"}
    )
    response = as_user(executive).get(reverse("networks:survey_detail", args=[survey.pk]))
    assert response.context["ranked"][0].area == "technology"
    assert "ตอบแล้ว 1 จาก 2 แห่ง" in response.content.decode() or response.context["answered"] == 1


def test_summary_sends_a_school_to_its_own_answer(as_user, school_staff, survey):
    response = as_user(school_staff).get(reverse("networks:survey_detail", args=[survey.pk]))
    assert response.url == reverse("networks:survey_answer", args=[survey.pk])


def test_summary_refused_to_committee_anonymous_and_other_office(
    as_user, client, committee_member, other_supervisor, survey
):
    url = reverse("networks:survey_detail", args=[survey.pk])
    assert client.get(url).status_code == 302
    assert as_user(committee_member).get(url).status_code == 403
    assert as_user(other_supervisor).get(url).status_code == 404


def test_survey_list_is_scoped(
    as_user, client, school_staff, committee_member, survey, other_survey
):
    url = reverse("networks:survey_list")
    assert client.get(url).status_code == 302
    page = as_user(school_staff).get(url).context["page"]
    assert list(page) == [survey]
    assert as_user(committee_member).get(url).status_code == 403
