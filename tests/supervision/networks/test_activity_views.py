"""Networks, the plan, activities, files and form ๒: each page with an allowed role, a
forbidden role, anonymous and another office's ids; the cluster page lists the plan's
activities in a bounded number of queries."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from iqa_district.accounts.models import User
from supervision.networks import services
from supervision.networks.models import (
    Activity,
    ActivityEvaluation,
    ActivityFile,
    Network,
    NetworkMember,
    NetworkPlan,
    Participant,
    SatisfactionResponse,
)
from tests.factories import SchoolFactory, UserFactory

from .conftest import make_activity

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 10, 10)).save(buffer, format="PNG")
    return buffer.getvalue()


# --- networks ---------------------------------------------------------------------------


def test_the_cluster_supervisor_creates_a_network_and_adds_members(
    as_user, cluster_supervisor, cluster, school
):
    client = as_user(cluster_supervisor)
    response = client.post(
        reverse("networks:network_list", args=[cluster.pk]),
        {"kind": Network.Kind.CORE_TEACHERS, "name": "ครูแกนนำคณิตศาสตร์", "level": "ป.๔–๖"},
    )
    network = Network.objects.get()
    assert response.url == reverse("networks:network_detail", args=[network.pk])
    url = reverse("networks:network_detail", args=[network.pk])
    assert client.post(url, {"school": school.pk, "person_name": ""}).status_code == 400
    client.post(url, {"school": school.pk, "person_name": "นางสาวสมใจ ใจดี", "position": "ครู"})
    member = NetworkMember.objects.get()
    assert "นางสาวสมใจ ใจดี" in client.get(url).content.decode()
    client.post(reverse("networks:member_remove", args=[member.pk]))
    assert not NetworkMember.objects.exists()


def test_network_pages_for_readers_and_refused_to_others(
    as_user, client, executive, school_staff, other_supervisor, supervisor, cluster
):
    url = reverse("networks:network_list", args=[cluster.pk])
    assert client.get(url).status_code == 302
    assert as_user(executive).get(url).status_code == 200
    assert as_user(school_staff).get(url).status_code == 200
    assert as_user(executive).post(url, {"kind": "level", "name": "x"}).status_code == 403
    assert as_user(supervisor).post(url, {"kind": "level", "name": "x"}).status_code == 403
    assert as_user(other_supervisor).get(url).status_code == 404
    assert not Network.objects.exists()


def test_a_school_outside_the_cluster_cannot_be_a_member(cluster, office, cluster_supervisor):
    network = services.network_create(
        cluster=cluster, kind=Network.Kind.MODEL_IQA_SCHOOL, name="ต้นแบบ", actor=cluster_supervisor
    )
    outsider = SchoolFactory(area_office=office)
    with pytest.raises(services.activities.ValidationError):
        services.network_member_add(network=network, school=outsider, actor=cluster_supervisor)
    # A network of schools takes the school itself, without a teacher's name.
    services.network_member_add(
        network=network,
        school=cluster.schools.create(area_office=office, code="1", name="ร.ร."),
        actor=cluster_supervisor,
    )


# --- the plan and its activities --------------------------------------------------------


def test_the_plan_is_made_from_the_cluster_page_and_lists_activities(
    as_user, cluster_supervisor, cluster, academic_year, school
):
    client = as_user(cluster_supervisor)
    response = client.post(
        reverse("networks:plan_save", args=[cluster.pk]),
        {"academic_year": academic_year.pk, "goals": "ครูวัดผลได้"},
    )
    plan = NetworkPlan.objects.get()
    assert response.url == reverse("networks:plan_detail", args=[plan.pk])
    response = client.post(
        reverse("networks:activity_create", args=[plan.pk]),
        {
            "kind": Activity.Kind.TRAINING,
            "title": "อบรมการวัดผลตามสภาพจริง",
            "starts_on": "20/06/2567",
            "ends_on": "21/06/2567",
            "place": "โรงเรียนบ้านหนองไผ่",
            "target_schools": [school.pk],
            "target_teachers": "12",
            "need_areas": ["measurement"],
            "objectives": "ครูออกแบบเครื่องมือวัดผลได้\nครูใช้เกณฑ์การให้คะแนน",
        },
    )
    activity = Activity.objects.get()
    assert response.url == reverse("networks:activity_detail", args=[activity.pk])
    assert activity.starts_on.isoformat() == "2024-06-20"
    assert list(activity.target_schools.all()) == [school]
    assert activity.objective_lines() == ["ครูออกแบบเครื่องมือวัดผลได้", "ครูใช้เกณฑ์การให้คะแนน"]
    body = client.get(reverse("networks:plan_detail", args=[plan.pk])).content.decode()
    assert "อบรมการวัดผลตามสภาพจริง" in body and "การวัดและประเมินผล" in body
    cluster_page = client.get(
        reverse("networks:cluster_detail", args=[cluster.pk]) + f"?year={academic_year.year}"
    ).content.decode()
    assert "อบรมการวัดผลตามสภาพจริง" in cluster_page


def test_an_activity_ending_before_it_starts_is_refused(as_user, cluster_supervisor, plan):
    response = as_user(cluster_supervisor).post(
        reverse("networks:activity_create", args=[plan.pk]),
        {
            "kind": "meeting",
            "title": "ประชุม",
            "starts_on": "20/06/2567",
            "ends_on": "19/06/2567",
            "target_teachers": "0",
            "objectives": "ก",
        },
    )
    assert response.status_code == 400
    assert "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม" in response.content.decode()


def test_plan_and_activity_pages_refused_to_others(
    as_user, client, executive, office, other_supervisor, plan, activity, other_activity
):
    for url in (
        reverse("networks:plan_detail", args=[plan.pk]),
        reverse("networks:activity_detail", args=[activity.pk]),
        reverse("networks:evaluation", args=[activity.pk]),
    ):
        client.logout()
        assert client.get(url).status_code == 302
        assert as_user(executive).get(url).status_code == 200
        assert as_user(other_supervisor).get(url).status_code == 404
    create = reverse("networks:activity_create", args=[plan.pk])
    assert as_user(executive).get(create).status_code == 403
    colleague = UserFactory(username="t_sup2", role=User.Role.SUPERVISOR, area_office=office)
    assert as_user(colleague).get(create).status_code == 403  # not this cluster's
    assert as_user(other_supervisor).get(create).status_code == 404
    other = reverse("networks:activity_detail", args=[other_activity.pk])
    assert as_user(executive).get(other).status_code == 404


def test_school_staff_see_their_clusters_activity_with_only_their_own_attendance(
    as_user, school_staff, activity, participants, other_activity
):
    client = as_user(school_staff)
    body = client.get(reverse("networks:activity_detail", args=[activity.pk])).content.decode()
    assert "นางสาวสมใจ ใจดี" in body and "นางปราณี ศรีสุข" not in body
    assert "save-attendance" not in body
    listing = client.get(reverse("networks:activity_list")).content.decode()
    assert activity.title in listing and "กิจกรรมต่างเขต" not in listing
    assert client.post(reverse("networks:activity_record", args=[activity.pk])).status_code == 403


def test_activity_list_counts_the_schools_own_people(as_user, school_staff, activity, participants):
    response = as_user(school_staff).get(reverse("networks:activity_list"))
    assert [a.own for a in response.context["page"]] == [1]


def test_recording_participants_and_attendance(as_user, cluster_supervisor, activity, school):
    client = as_user(cluster_supervisor)
    client.post(
        reverse("networks:participant_add", args=[activity.pk]),
        {"school": school.pk, "name": "นายมานะ ขยัน", "role": "teacher"},
    )
    client.post(
        reverse("networks:participant_add", args=[activity.pk]),
        {"school": "", "name": "นางศึกษา นิเทศ", "role": "supervisor"},
    )
    first = Participant.objects.get(name="นายมานะ ขยัน")
    client.post(reverse("networks:attendance_save", args=[activity.pk]), {"attended": [first.pk]})
    assert list(Participant.objects.filter(attended=True)) == [first]
    body = client.get(reverse("networks:activity_detail", args=[activity.pk])).content.decode()
    assert "เข้าร่วม 1 จาก 2 คน (ร้อยละ 50.0)" in body


def test_record_then_edit_an_activity(as_user, cluster_supervisor, plan):
    activity = make_activity(plan, cluster_supervisor, done=False)
    client = as_user(cluster_supervisor)
    client.post(
        reverse("networks:activity_record", args=[activity.pk]),
        {"what_was_done": "ประชุมปฏิบัติการ", "results": "ได้แผนการวัดผล"},
    )
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE and activity.results == "ได้แผนการวัดผล"
    url = reverse("networks:activity_edit", args=[activity.pk])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "kind": "seminar",
            "title": "สัมมนาเครือข่าย",
            "starts_on": "2024-07-01",
            "target_teachers": "5",
            "objectives": "ก",
        },
    )
    activity.refresh_from_db()
    assert (activity.kind, activity.title, activity.target_teachers) == (
        "seminar",
        "สัมมนาเครือข่าย",
        5,
    )


def test_photos_and_files_are_checked_by_content(
    as_user, cluster_supervisor, activity, school_staff
):
    client = as_user(cluster_supervisor)
    url = reverse("networks:file_upload", args=[activity.pk])
    fake = SimpleUploadedFile("photo.jpg", b"not really a photo", content_type="image/jpeg")
    body = client.post(url, {"kind": "photo", "file": fake}, follow=True).content.decode()
    assert "ภาพต้องเป็นไฟล์ JPEG หรือ PNG" in body
    renamed = SimpleUploadedFile("doc.pdf", png_bytes(), content_type="application/pdf")
    client.post(url, {"kind": "document", "file": renamed})
    assert not ActivityFile.objects.exists()
    photo = SimpleUploadedFile("ภาพกิจกรรม.png", png_bytes(), content_type="image/png")
    client.post(url, {"kind": "photo", "file": photo})
    row = ActivityFile.objects.get()
    download = as_user(school_staff).get(reverse("networks:file_download", args=[row.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert download["X-Content-Type-Options"] == "nosniff"
    client = as_user(cluster_supervisor)
    client.post(reverse("networks:file_delete", args=[row.pk]))
    assert not ActivityFile.objects.exists()


def test_file_download_refused_to_another_office(
    as_user, other_supervisor, cluster_supervisor, activity
):
    row = services.activity_file_add(
        activity=activity,
        kind="photo",
        uploaded=SimpleUploadedFile("a.png", png_bytes()),
        actor=cluster_supervisor,
    )
    assert (
        as_user(other_supervisor).get(reverse("networks:file_download", args=[row.pk])).status_code
        == 404
    )
    assert (
        as_user(other_supervisor).post(reverse("networks:file_delete", args=[row.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("size", [3, 24])
def test_cluster_page_with_activities_runs_bounded_queries(
    as_user,
    office_admin,
    office,
    cluster,
    plan,
    cluster_supervisor,
    academic_year,
    size,
    django_assert_max_num_queries,
):
    for n in range(size):
        school = SchoolFactory(area_office=office, cluster=cluster)
        activity = make_activity(plan, cluster_supervisor, title=f"กิจกรรม {n}")
        services.participant_add(
            activity=activity,
            school=school,
            name=f"ครู {n}",
            role="teacher",
            actor=cluster_supervisor,
        )
    url = reverse("networks:cluster_detail", args=[cluster.pk]) + f"?year={academic_year.year}"
    with django_assert_max_num_queries(46):
        response = as_user(office_admin).get(url)
    assert len(response.context["activities"]) == size
    with django_assert_max_num_queries(20):
        response = as_user(office_admin).get(reverse("networks:plan_detail", args=[plan.pk]))
    assert len(response.context["rows"]) == size


# --- form ๒ and the satisfaction link ----------------------------------------------------


def test_form_2_rates_each_objective(as_user, cluster_supervisor, activity):
    client = as_user(cluster_supervisor)
    url = reverse("networks:evaluation", args=[activity.pk])
    assert "ครูออกแบบการวัดผลได้" in client.get(url).content.decode()
    data = {
        "scale": "five",
        "rating_1": "4",
        "strengths": "ครูมีส่วนร่วมสูง",
        "evaluator_name": "นางสาวสมใจ ใจดี",
        "signed_on": "21/06/2567",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "กรุณาประเมินทุกวัตถุประสงค์" in response.content.decode()
    client.post(url, {**data, "rating_2": "3"})
    evaluation = ActivityEvaluation.objects.get()
    assert [(r.number, r.level, r.achieved) for r in evaluation.ratings.all()] == [
        (1, 4, True),
        (2, 3, True),
    ]
    client.post(url, {**data, "scale": "met", "rating_1": "met", "rating_2": "not_met"})
    assert [(r.level, r.met) for r in ActivityEvaluation.objects.get().ratings.all()] == [
        (None, True),
        (None, False),
    ]
    # A met/not met answer is not a level of the five-level scale.
    response = client.post(url, {**data, "rating_1": "5", "rating_2": "not_met"})
    assert response.status_code == 400


def test_form_2_refused_before_the_activity_is_done(plan, cluster_supervisor):
    activity = make_activity(plan, cluster_supervisor, done=False)
    with pytest.raises(services.activities.ValidationError):
        services.evaluation_save(
            activity=activity,
            scale="five",
            ratings={1: 3, 2: 3},
            evaluator_name="x",
            signed_on=activity.starts_on,
            actor=cluster_supervisor,
        )


def test_form_2_post_refused_to_readers(as_user, executive, school_staff, activity):
    url = reverse("networks:evaluation", args=[activity.pk])
    data = {
        "scale": "five",
        "rating_1": "4",
        "rating_2": "4",
        "evaluator_name": "x",
        "signed_on": "2024-06-21",
    }
    assert as_user(executive).post(url, data).status_code == 403
    assert as_user(school_staff).post(url, data).status_code == 403
    assert not ActivityEvaluation.objects.exists()


def test_the_satisfaction_link_takes_one_answer_per_browser(
    as_user, client, cluster_supervisor, activity
):
    public = reverse("public:networks_satisfaction", args=[activity.satisfaction_token])
    assert client.get(public).status_code == 410
    as_user(cluster_supervisor).post(
        reverse("networks:satisfaction_toggle", args=[activity.pk]), {"open": "1"}
    )
    client.logout()
    assert client.get(public).status_code == 200
    answer = {
        "role": "teacher",
        "q0": "5",
        "q1": "4",
        "q2": "4",
        "q3": "5",
        "q4": "5",
        "comment": "ดีมาก",
    }
    assert client.post(public, {"role": "teacher", "q0": "5"}).status_code == 400
    assert "บันทึกคำตอบเรียบร้อยแล้ว" in client.post(public, answer).content.decode()
    assert "ได้รับคำตอบของท่านแล้ว" in client.post(public, answer).content.decode()
    assert SatisfactionResponse.objects.get().ratings == [5, 4, 4, 5, 5]
    assert client.get(reverse("public:networks_satisfaction", args=["no-such"])).status_code == 404


def test_satisfaction_toggle_refused_to_others(as_user, executive, other_supervisor, activity):
    url = reverse("networks:satisfaction_toggle", args=[activity.pk])
    assert as_user(executive).post(url, {"open": "1"}).status_code == 403
    assert as_user(other_supervisor).post(url, {"open": "1"}).status_code == 404
    activity.refresh_from_db()
    assert not activity.satisfaction_open
