"""Issue 11 item 14: a create form sent twice (a double click, a resent page, the back
button) makes one row. Each form carries a hidden one-time key, stored with the row it
made; a second POST with the same key is sent to the first result with a Thai message."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from supervision.models import SelfEvaluation, SubmissionKey, Visit
from tests.supervision.factories import (
    full_committee,
    school_committee_data,
    standard_set,
    template,
)

pytestmark = pytest.mark.django_db

KEY = re.compile(r'name="submission_key" value="([0-9a-f-]{36})"')


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def form_key(client, url):
    return KEY.search(client.get(url).content.decode()).group(1)


@pytest.fixture
def plan_data(school, office, academic_year, supervisor):
    standard_set(school)
    committee = full_committee(office=office, year=academic_year)
    return {
        "school": school.pk,
        "kind": Visit.Kind.DISTRICT_VISIT,
        "date": "2024-11-20",
        "visit_no": 1,
        "template": template("P2-7.1").pk,
        "committee": committee.pk,
        "supervisors": [supervisor.pk],
    }


def self_evaluation_data():
    return {
        "date": "2024-08-20",
        "committee_order": "คำสั่งโรงเรียนที่ ๑๒/๒๕๖๗",
        "notes": "ผลดี",
        **school_committee_data(),
    }


def test_each_showing_of_the_plan_form_has_a_fresh_key(supervisor, plan_data):
    client = client_for(supervisor)
    url = reverse("supervision:visit_create")
    first, second = form_key(client, url), form_key(client, url)
    assert first != second
    assert not SubmissionKey.objects.exists()  # showing the form stores nothing


def test_plan_form_sent_twice_plans_one_visit(supervisor, plan_data):
    client = client_for(supervisor)
    url = reverse("supervision:visit_create")
    data = {**plan_data, "submission_key": form_key(client, url)}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    visit = Visit.objects.get()
    assert first["Location"] == reverse("supervision:visit_detail", args=[visit.pk])
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "บันทึกไว้แล้วจากการกดส่งครั้งแรก" in second.content.decode()
    # A new showing of the form plans a second visit, as intended.
    client.post(url, {**plan_data, "submission_key": form_key(client, url)})
    assert Visit.objects.count() == 2


def test_a_refused_plan_does_not_use_up_its_key(supervisor, plan_data):
    client = client_for(supervisor)
    url = reverse("supervision:visit_create")
    key = form_key(client, url)
    bad = {**plan_data, "template": template("P1-7.1").pk, "submission_key": key}
    response = client.post(url, bad)
    assert response.status_code == 200 and key in response.content.decode()
    client.post(url, {**plan_data, "submission_key": key})
    assert Visit.objects.count() == 1


def test_another_user_cannot_use_a_key_to_reach_a_visit(supervisor, district_admin, plan_data):
    url = reverse("supervision:visit_create")
    data = {**plan_data, "submission_key": form_key(client_for(supervisor), url)}
    client_for(supervisor).post(url, data)
    response = client_for(district_admin).post(url, data)
    assert response["Location"] == reverse("supervision:visit_list")
    assert Visit.objects.count() == 1


def test_self_evaluation_form_sent_twice_records_one(school_staff, school, academic_year):
    client = client_for(school_staff)
    url = reverse("supervision:self_evaluation_create")
    data = {**self_evaluation_data(), "submission_key": form_key(client, url)}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)
    assert SelfEvaluation.objects.filter(school=school).count() == 1
    assert "บันทึกไว้แล้วจากการกดส่งครั้งแรก" in second.content.decode()
    # Editing has no key and saves every time.
    evaluation = SelfEvaluation.objects.get()
    edit = reverse("supervision:self_evaluation_edit", args=[evaluation.pk])
    assert "submission_key" not in client.get(edit).content.decode()
    client.post(edit, {**self_evaluation_data(), "notes": "แก้ไขแล้ว"})
    evaluation.refresh_from_db()
    assert evaluation.notes == "แก้ไขแล้ว"


def fire_together(user, url, data, times=2):
    """``times`` POSTs of the same form at the same moment, each on its own connection.
    Returns their (status, Location) pairs."""
    barrier = threading.Barrier(times)
    replies = [None] * times

    def post(n):
        try:
            client = client_for(user)
            barrier.wait()
            reply = client.post(url, data)
            replies[n] = (reply.status_code, reply.get("Location"))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return replies


# Committed data (transactional_db): each thread posts on its own connection.
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
)


@postgres_only
def test_a_concurrent_double_click_plans_one_visit(transactional_db, supervisor, plan_data):
    url = reverse("supervision:visit_create")
    data = {**plan_data, "submission_key": form_key(client_for(supervisor), url)}
    replies = fire_together(supervisor, url, data)
    visit = Visit.objects.get()
    detail = reverse("supervision:visit_detail", args=[visit.pk])
    assert replies == [(302, detail), (302, detail)]
    assert visit.answers.count() == 4


@postgres_only
def test_a_concurrent_double_click_records_one_self_evaluation(
    transactional_db, school_staff, school, academic_year
):
    url = reverse("supervision:self_evaluation_create")
    data = {**self_evaluation_data(), "submission_key": form_key(client_for(school_staff), url)}
    replies = fire_together(school_staff, url, data)
    assert SelfEvaluation.objects.filter(school=school).count() == 1
    assert [status for status, _location in replies] == [302, 302]
