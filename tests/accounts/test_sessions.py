"""Item 8: sessions end after 30 idle minutes and 12 hours after login (configurable)."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from iqa_district.accounts import sessions

pytestmark = pytest.mark.django_db

START = 1_800_000_000.0


@pytest.fixture
def clock(monkeypatch):
    """The sessions' clock, moved forward by the test."""
    now = {"t": START}
    monkeypatch.setattr(sessions, "session_clock", lambda: now["t"])

    def move(minutes):
        now["t"] += minutes * 60

    return move


def logged_in(client):
    return "_auth_user_id" in client.session


def test_defaults_are_30_minutes_idle_and_12_hours_in_all():
    assert django_settings.SESSION_IDLE_SECONDS == 30 * 60
    assert django_settings.SESSION_MAX_SECONDS == 12 * 3600
    assert django_settings.SESSION_COOKIE_AGE == 12 * 3600


def test_idle_session_ends(as_user, supervisor, clock):
    client = as_user(supervisor)
    assert client.get(reverse("dashboard")).status_code == 200
    clock(29)
    assert client.get(reverse("dashboard")).status_code == 200
    clock(31)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not logged_in(client)
    page = client.get(response.url).content.decode()
    assert "หมดเวลาการใช้งาน" in page


def test_activity_keeps_the_session_until_the_absolute_lifetime(as_user, supervisor, clock):
    client = as_user(supervisor)
    for _ in range(36):  # a page every 20 minutes, the last at 12h00m
        clock(20)
        assert client.get(reverse("dashboard")).status_code == 200
    clock(20)  # 12h20m after login
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert not logged_in(client)


def test_limits_are_configurable(as_user, supervisor, clock, settings):
    settings.SESSION_IDLE_SECONDS = 5 * 60
    client = as_user(supervisor)
    clock(6)
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_session_without_a_login_time_is_ended(as_user, supervisor, clock):
    client = as_user(supervisor)
    session = client.session
    del session[sessions.LOGIN_AT]
    session.save()
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_login_stamps_the_session(client, supervisor, clock):
    client.post(reverse("accounts:login"), {"username": "t_supervisor", "password": "demo12345"})
    assert client.session[sessions.LOGIN_AT] == START
    clock(12 * 60 + 1)
    assert client.get(reverse("dashboard")).status_code == 302
