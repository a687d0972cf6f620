"""Item 9: login throttling per address and per user name + address, behind a proxy or not."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from iqa_district.accounts.client_ip import client_ip
from iqa_district.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.2"


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_IP_FAILURE_LIMIT = 6
    settings.TRUSTED_PROXY = ""


@pytest.fixture
def accounts(office):
    return [
        UserFactory(username=f"t_teacher{n}", role=User.Role.EXECUTIVE, area_office=office)
        for n in range(8)
    ]


WRONG = "wrong-password"  # noqa: S105


def attempt(client, username, password=WRONG, **meta):
    meta.setdefault("REMOTE_ADDR", "203.0.113.5")
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **meta
    )


def test_one_address_spraying_many_accounts_is_locked(client, limits, accounts, supervisor):
    # One failure per account stays far below the per-account limit...
    for account in accounts[:5]:
        assert attempt(client, account.username).status_code == 200
    # ...but the sixth failure from the address locks it...
    assert attempt(client, accounts[5].username).status_code == 429
    # ...and even a right password is refused now.
    response = attempt(client, "t_supervisor", "demo12345")
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.content.decode()
    # Another address is not affected.
    assert (
        attempt(client, "t_supervisor", "demo12345", REMOTE_ADDR="198.51.100.7").status_code == 302
    )


def test_a_victim_is_not_locked_by_failures_from_another_address(client, limits, supervisor):
    for _ in range(5):
        attempt(client, "t_supervisor", REMOTE_ADDR="203.0.113.5")
    # The attacker's address is locked for this account...
    assert (
        attempt(client, "t_supervisor", "demo12345", REMOTE_ADDR="203.0.113.5").status_code == 429
    )
    # ...the victim, elsewhere, logs in.
    assert (
        attempt(client, "t_supervisor", "demo12345", REMOTE_ADDR="198.51.100.7").status_code == 302
    )


def test_logging_into_ones_own_account_does_not_clear_the_address(
    client, limits, accounts, supervisor
):
    for account in accounts[:5]:
        attempt(client, account.username)
    assert attempt(client, "t_supervisor", "demo12345").status_code == 302
    client.post(reverse("accounts:logout"))
    attempt(client, accounts[5].username)
    assert attempt(client, accounts[6].username, "demo12345").status_code == 429


def test_per_account_limit_still_holds(client, limits, supervisor):
    for _ in range(3):
        attempt(client, "t_supervisor")
    assert attempt(client, "t_supervisor", "demo12345").status_code == 429


class TestBehindAProxy:
    def test_untrusted_header_is_ignored_so_it_cannot_dodge_the_limit(
        self, client, limits, accounts
    ):
        # Without DJANGO_TRUSTED_PROXY an attacker's made-up X-Forwarded-For changes nothing.
        for n, account in enumerate(accounts[:6]):
            attempt(client, account.username, HTTP_X_FORWARDED_FOR=f"10.9.0.{n}")
        response = attempt(
            client, accounts[7].username, "demo12345", HTTP_X_FORWARDED_FOR="10.9.9.9"
        )
        assert response.status_code == 429

    @pytest.mark.parametrize("trusted", ["1", "172.18.0.0/16"])
    def test_trusted_proxy_separates_the_clients(
        self, client, limits, settings, supervisor, trusted
    ):
        settings.TRUSTED_PROXY = trusted
        for _ in range(5):
            attempt(client, "t_supervisor", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
        # Every client comes through the same proxy address, yet the victim is not locked out.
        response = attempt(
            client,
            "t_supervisor",
            "demo12345",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
        assert response.status_code == 302
        client.post(reverse("accounts:logout"))
        # The attacker prepending addresses of his own does not escape his lock.
        response = attempt(
            client,
            "t_supervisor",
            "demo12345",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5",
        )
        assert response.status_code == 429


class TestClientIp:
    def request(self, remote, forwarded=None):
        meta = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            meta["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **meta)

    def test_without_a_trusted_proxy_remote_addr(self, settings):
        settings.TRUSTED_PROXY = ""
        assert client_ip(self.request(PROXY, "203.0.113.5")) == PROXY

    def test_a_count_of_proxies(self, settings):
        settings.TRUSTED_PROXY = "1"
        assert client_ip(self.request(PROXY, "203.0.113.5")) == "203.0.113.5"
        assert client_ip(self.request(PROXY, "6.6.6.6, 203.0.113.5")) == "203.0.113.5"
        assert client_ip(self.request(PROXY)) == PROXY
        settings.TRUSTED_PROXY = "2"
        assert client_ip(self.request(PROXY, "6.6.6.6, 203.0.113.5, 10.0.0.1")) == "203.0.113.5"

    def test_proxy_addresses(self, settings):
        settings.TRUSTED_PROXY = "172.18.0.0/16, 10.0.0.1"
        assert client_ip(self.request(PROXY, "203.0.113.5")) == "203.0.113.5"
        assert client_ip(self.request(PROXY, "6.6.6.6, 203.0.113.5, 10.0.0.1")) == "203.0.113.5"
        # Straight from a client, not through our proxy: the header is the client's own.
        assert client_ip(self.request("198.51.100.7", "1.1.1.1")) == "198.51.100.7"
        # A garbled header falls back to the proxy's address rather than trusting it.
        assert client_ip(self.request(PROXY, "not-an-address")) == PROXY

    def test_a_bad_value_stops_the_start(self, settings):
        settings.TRUSTED_PROXY = "yes please"
        with pytest.raises(ImproperlyConfigured):
            client_ip(self.request(PROXY, "203.0.113.5"))
