"""The district's training and sharing events: attendance by school, materials checked
by content, each school's record of who was trained; allowed, forbidden, anonymous and
another office."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from supervision.networks import services
from supervision.networks.models import TrainingAttendee, TrainingEvent, TrainingMaterial
from tests.factories import SchoolFactory
from tests.sar.factories import pdf_bytes

pytestmark = pytest.mark.django_db


def test_a_supervisor_creates_an_event_and_records_attendance(
    as_user, supervisor, school, school2, academic_year
):
    client = as_user(supervisor)
    response = client.post(
        reverse("networks:training_create"),
        {
            "academic_year": academic_year.pk,
            "kind": "onesqa",
            "title": "อบรมเกณฑ์การประเมินภายนอกรอบใหม่",
            "held_on": "05/07/2567",
            "place": "ห้องประชุมเขต",
        },
    )
    event = TrainingEvent.objects.get()
    assert response.url == reverse("networks:training_detail", args=[event.pk])
    add = reverse("networks:training_attendee_add", args=[event.pk])
    client.post(add, {"school": school.pk, "name": "นางสาวสมใจ ใจดี", "position": "ครู"})
    client.post(add, {"school": school2.pk, "name": "นายมานะ ขยัน", "position": "ผู้อำนวยการ"})
    first = TrainingAttendee.objects.get(name="นางสาวสมใจ ใจดี")
    client.post(reverse("networks:training_attendance", args=[event.pk]), {"attended": [first.pk]})
    body = client.get(reverse("networks:training_detail", args=[event.pk])).content.decode()
    assert "เข้าร่วม 1 จาก 2 คน (ร้อยละ 50.0)" in body
    record = client.get(reverse("networks:school_training", args=[school.pk])).content.decode()
    assert "นางสาวสมใจ ใจดี" in record and "อบรมเกณฑ์การประเมินภายนอกรอบใหม่" in record
    record2 = client.get(reverse("networks:school_training", args=[school2.pk])).content.decode()
    assert "นายมานะ ขยัน" not in record2  # registered, did not come


def test_materials_are_checked_by_content(as_user, supervisor, school_staff, event):
    client = as_user(supervisor)
    url = reverse("networks:training_material_upload", args=[event.pk])
    fake = SimpleUploadedFile("slides.pdf", b"not a pdf", content_type="application/pdf")
    body = client.post(url, {"file": fake}, follow=True).content.decode()
    assert "ไม่ใช่ไฟล์ PDF" in body
    assert not TrainingMaterial.objects.exists()
    client.post(url, {"file": SimpleUploadedFile("เอกสาร.pdf", pdf_bytes())})
    material = TrainingMaterial.objects.get()
    response = as_user(school_staff).get(
        reverse("networks:training_material_download", args=[material.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_school_staff_see_events_with_only_their_own_people(
    as_user, supervisor, school_staff, school, school2, event, other_event
):
    services.training_attendee_add(event=event, school=school, name="ครูของเรา", actor=supervisor)
    services.training_attendee_add(event=event, school=school2, name="ครูโรงอื่น", actor=supervisor)
    client = as_user(school_staff)
    listing = client.get(reverse("networks:training_list")).content.decode()
    assert event.title in listing and other_event.title not in listing
    body = client.get(reverse("networks:training_detail", args=[event.pk])).content.decode()
    assert "ครูของเรา" in body and "ครูโรงอื่น" not in body
    assert client.get(reverse("networks:school_training", args=[school2.pk])).status_code == 404
    assert client.get(reverse("networks:training_detail", args=[other_event.pk])).status_code == 404


def test_training_writes_refused_to_readers_and_others(
    as_user, client, executive, school_staff, other_supervisor, event, school
):
    add = reverse("networks:training_attendee_add", args=[event.pk])
    data = {"school": school.pk, "name": "x"}
    assert client.post(add, data).status_code == 302
    assert as_user(executive).post(add, data).status_code == 403
    assert as_user(school_staff).post(add, data).status_code == 403
    assert as_user(other_supervisor).post(add, data).status_code == 404
    assert as_user(executive).get(reverse("networks:training_create")).status_code == 403
    assert not TrainingAttendee.objects.exists()


def test_an_attendee_from_another_office_is_refused(event, other_office, supervisor):
    outsider = SchoolFactory(area_office=other_office)
    with pytest.raises(services.training.ValidationError):
        services.training_attendee_add(event=event, school=outsider, name="x", actor=supervisor)


@pytest.mark.parametrize("size", [2, 20])
def test_training_list_runs_bounded_queries(
    as_user, office_admin, office, academic_year, supervisor, size, django_assert_max_num_queries
):
    import datetime

    for n in range(size):
        event = services.training_save(
            office=office,
            academic_year=academic_year,
            kind="iqa",
            title=f"อบรม {n}",
            held_on=datetime.date(2024, 7, 1),
            actor=supervisor,
        )
        school = SchoolFactory(area_office=office)
        services.training_attendee_add(event=event, school=school, name="ครู", actor=supervisor)
    with django_assert_max_num_queries(26):
        response = as_user(office_admin).get(reverse("networks:training_list"))
    assert len(response.context["page"]) == size


def test_the_school_page_shows_who_was_trained_and_its_networks(
    as_user, supervisor, school_staff, school, event, cluster
):
    a = services.training_attendee_add(event=event, school=school, name="ครูที่อบรม", actor=supervisor)
    services.training_attendance_set(event=event, attended_ids=[a.pk], actor=supervisor)
    cluster.supervisors.add(supervisor)
    network = services.network_create(
        cluster=cluster, kind="model_iqa", name="โรงเรียนต้นแบบ IQA", actor=supervisor
    )
    services.network_member_add(network=network, school=school, actor=supervisor)
    body = as_user(school_staff).get(reverse("schools:detail", args=[school.pk])).content.decode()
    assert "ครูที่อบรม" in body and "โรงเรียนต้นแบบ IQA" in body
