"""Issue 11 item 13: two people saving the same part of a visit form do not overwrite
each other silently. Each answer row and the summary carry a version; a save typed on an
older version is refused (409) with the typed text kept, and saving it again on purpose
works. Different rows saved by two people at once both keep their text."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from supervision import services
from supervision.models import Visit, VisitAnswer
from tests.supervision.factories import VisitFactory, full_committee, standard_set

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def committee(office, academic_year, committee_member, supervisor):
    return full_committee(office=office, year=academic_year, users=[committee_member, supervisor])


@pytest.fixture
def visit(school, academic_year, committee):
    standard_set(school)
    return VisitFactory(school=school, academic_year=academic_year, committee=committee)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def first_answer(visit):
    return visit.answers.order_by("order").first()


# ------------------------------------------------------------------------- services


def test_a_stale_answer_save_is_refused_and_changes_nothing(visit, committee_member, supervisor):
    answer = first_answer(visit)
    services.visit_save_answer(
        answer=answer, data={"evidence": "ข้อความของกรรมการ"}, actor=committee_member, lock_version=0
    )
    stale = VisitAnswer.objects.get(pk=answer.pk)
    with pytest.raises(services.StaleEditError) as caught:
        services.visit_save_answer(
            answer=stale, data={"evidence": "ข้อความของศึกษานิเทศก์"}, actor=supervisor, lock_version=0
        )
    assert committee_member.display_name in caught.value.message
    assert "ข้อความที่ท่านพิมพ์ยังอยู่ในหน้านี้" in caught.value.message
    answer.refresh_from_db()
    assert (answer.evidence, answer.lock_version, answer.updated_by) == (
        "ข้อความของกรรมการ",
        1,
        committee_member,
    )
    # Saved again on the version it now has, deliberately, it goes through.
    services.visit_save_answer(
        answer=stale, data={"evidence": "ข้อความของศึกษานิเทศก์"}, actor=supervisor, lock_version=1
    )
    answer.refresh_from_db()
    assert (answer.evidence, answer.lock_version) == ("ข้อความของศึกษานิเทศก์", 2)


def test_two_people_saving_different_rows_both_keep_their_text(visit, committee_member, supervisor):
    one, two = visit.answers.order_by("order")[:2]
    services.visit_save_answer(
        answer=one, data={"evidence": "แถวที่หนึ่ง"}, actor=committee_member, lock_version=0
    )
    services.visit_save_answer(
        answer=two, data={"evidence": "แถวที่สอง"}, actor=supervisor, lock_version=0
    )
    assert list(visit.answers.order_by("order").values_list("evidence", flat=True)[:2]) == [
        "แถวที่หนึ่ง",
        "แถวที่สอง",
    ]


def test_a_stale_summary_save_is_refused(visit, committee_member, supervisor):
    services.visit_save_summary(
        visit=visit, data={"strengths": "จุดเด่นฉบับแรก"}, actor=supervisor, lock_version=0
    )
    with pytest.raises(services.StaleEditError) as caught:
        services.visit_save_summary(
            visit=visit,
            data={"strengths": "จุดเด่นฉบับที่สอง"},
            actor=committee_member,
            lock_version=0,
        )
    assert supervisor.display_name in caught.value.message
    visit.refresh_from_db()
    assert (visit.strengths, visit.summary_version, visit.summary_updated_by) == (
        "จุดเด่นฉบับแรก",
        1,
        supervisor,
    )


# ---------------------------------------------------------------------------- views


def summary_post(text, version, **fields):
    return {"strengths": text, "lock_version": version, **fields}


def test_autosave_replies_with_the_new_version(visit, supervisor):
    client = client_for(supervisor)
    url = reverse("supervision:summary_save", args=[visit.pk])
    first = client.post(url, summary_post("ครั้งที่หนึ่ง", 0), **HX)
    assert first.status_code == 200 and first["X-Lock-Version"] == "1"
    # The same person's next autosave, on the version the reply gave, is not a conflict.
    second = client.post(url, summary_post("ครั้งที่สอง", 1), **HX)
    assert second.status_code == 200 and second["X-Lock-Version"] == "2"
    answer = first_answer(visit)
    reply = client.post(
        reverse("supervision:answer_save", args=[visit.pk, answer.pk]),
        {f"a{answer.pk}-evidence": "หลักฐาน", f"a{answer.pk}-lock_version": 0},
        **HX,
    )
    assert reply.status_code == 200 and reply["X-Lock-Version"] == "1"


def test_fill_page_carries_each_rows_version(visit, supervisor):
    answer = first_answer(visit)
    services.visit_save_answer(answer=answer, data={"evidence": "x"}, actor=supervisor)
    services.visit_save_summary(visit=visit, data={"strengths": "x"}, actor=supervisor)
    body = client_for(supervisor).get(reverse("supervision:visit_fill", args=[visit.pk]))
    html = body.content.decode()
    assert f'name="a{answer.pk}-lock_version" value="1"' in html
    assert 'name="lock_version" value="1"' in html


def test_stale_autosave_of_the_summary_is_a_409_showing_the_colleagues_text(
    visit, committee_member, supervisor
):
    url = reverse("supervision:summary_save", args=[visit.pk])
    first = client_for(supervisor).post(url, summary_post("จุดเด่นของศึกษานิเทศก์", 0), **HX)
    assert first.status_code == 200
    response = client_for(committee_member).post(url, summary_post("จุดเด่นที่กรรมการพิมพ์", 0), **HX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "ระบบจึงยังไม่บันทึกข้อมูลของท่าน" in html and supervisor.display_name in html
    assert "จุดเด่นของศึกษานิเทศก์" in html  # what the colleague saved, to compare
    assert 'data-overwrite-version="1"' in html  # saving on purpose uses the current version
    visit.refresh_from_db()
    assert visit.strengths == "จุดเด่นของศึกษานิเทศก์"


def test_stale_plain_post_gets_the_page_back_with_the_typed_text(
    visit, committee_member, supervisor
):
    answer = first_answer(visit)
    url = reverse("supervision:answer_save", args=[visit.pk, answer.pk])
    prefix = f"a{answer.pk}"
    client_for(supervisor).post(url, {f"{prefix}-evidence": "ฉบับแรก", f"{prefix}-lock_version": 0})
    typed = {f"{prefix}-evidence": "ข้อความยาวที่กรรมการพิมพ์ไว้", f"{prefix}-lock_version": 0}
    member = client_for(committee_member)
    response = member.post(url, typed)
    assert response.status_code == 409
    html = response.content.decode()
    assert "ข้อความที่ท่านพิมพ์ยังอยู่ในหน้านี้" in html
    assert "ข้อความยาวที่กรรมการพิมพ์ไว้" in html
    assert f'name="{prefix}-lock_version" value="1"' in html
    answer.refresh_from_db()
    assert answer.evidence == "ฉบับแรก"
    # The page now carries the current version: sending it again saves on purpose.
    typed[f"{prefix}-lock_version"] = 1
    assert member.post(url, typed).status_code == 302
    answer.refresh_from_db()
    assert answer.evidence == "ข้อความยาวที่กรรมการพิมพ์ไว้"


def test_stale_plain_post_of_the_summary_keeps_the_typed_text(visit, committee_member, supervisor):
    url = reverse("supervision:summary_save", args=[visit.pk])
    client_for(supervisor).post(url, summary_post("ฉบับแรก", 0))
    response = client_for(committee_member).post(
        url, summary_post("ข้อเสนอที่พิมพ์ค้างไว้", 0, recommendations="ควรพัฒนาครู")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "ข้อเสนอที่พิมพ์ค้างไว้" in html and "ควรพัฒนาครู" in html
    visit.refresh_from_db()
    assert visit.strengths == "ฉบับแรก" and visit.recommendations == ""


def test_conflict_views_keep_their_permissions(
    client, visit, school_staff, executive, other_supervisor
):
    url = reverse("supervision:summary_save", args=[visit.pk])
    assert client.post(url, summary_post("x", 0)).status_code == 302
    assert client_for(school_staff).post(url, summary_post("x", 0)).status_code == 404
    assert client_for(executive).post(url, summary_post("x", 0)).status_code == 403
    assert client_for(other_supervisor).post(url, summary_post("x", 0)).status_code == 404
    visit.refresh_from_db()
    assert visit.strengths == "" and visit.summary_version == 0


# ------------------------------------------------------------- concurrent, for real
# Committed data (transactional_db): each thread saves on its own connection.

TRIALS = 20


def concurrent_summary_saves(visit_pk, users, texts):
    """Two people who opened the summary at the same version save it at the same moment.
    Returns the two replies' status codes."""
    barrier = threading.Barrier(len(users))
    statuses = [None] * len(users)
    version = Visit.objects.get(pk=visit_pk).summary_version
    url = reverse("supervision:summary_save", args=[visit_pk])

    def save(n):
        try:
            client = client_for(users[n])
            barrier.wait()
            reply = client.post(url, summary_post(texts[n], version), **HX)
            statuses[n] = reply.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(len(users))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_twenty_concurrent_double_saves_lose_nothing(
    transactional_db, school, academic_year, committee, committee_member, supervisor
):
    """A lost update is a save answered 'saved' whose text is gone. Before the locks, 20
    of 20 trials lost one; now one save wins and the other is told (409)."""
    standard_set(school)
    visit = VisitFactory(school=school, academic_year=academic_year, committee=committee)
    lost = 0
    for trial in range(TRIALS):
        texts = [f"รอบ {trial} ของศึกษานิเทศก์", f"รอบ {trial} ของกรรมการ"]
        statuses = concurrent_summary_saves(visit.pk, [supervisor, committee_member], texts)
        final = Visit.objects.get(pk=visit.pk).strengths
        lost += sum(1 for s, t in zip(statuses, texts, strict=True) if s == 200 and t != final)
        assert sorted(statuses) == [200, 409]
    assert lost == 0
