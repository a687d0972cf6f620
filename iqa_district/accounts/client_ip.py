"""The client's address, taking X-Forwarded-For only from proxies we were told to trust.

``settings.TRUSTED_PROXY`` (``DJANGO_TRUSTED_PROXY``) is empty (no proxy: REMOTE_ADDR),
a number N (N proxies in front; the address the outermost one saw is the N-th entry from
the right of X-Forwarded-For), or a comma-separated list of proxy addresses or networks
(the header is read only when REMOTE_ADDR is one of them, skipping trusted hops from the
right). Any other value stops the start-up: a typo must not silently trust the header.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def parse_trusted_proxy(value: str) -> int | tuple[Network, ...]:
    """0 for no proxy, a hop count, or the trusted networks."""
    value = value.strip()
    if not value:
        return 0
    if value.isdigit():
        return int(value)
    try:
        return tuple(
            ipaddress.ip_network(part.strip(), strict=False)
            for part in value.split(",")
            if part.strip()
        )
    except ValueError as error:
        raise ImproperlyConfigured(
            f"DJANGO_TRUSTED_PROXY must be a number of proxies or their addresses: {error}"
        ) from error


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    trusted = parse_trusted_proxy(settings.TRUSTED_PROXY)
    if not trusted:
        return remote
    forwarded = [
        hop.strip()
        for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if hop.strip()
    ]
    # The chain as the last proxy saw it: the client first, REMOTE_ADDR last.
    chain = [*forwarded, remote]
    if isinstance(trusted, int):
        if len(chain) <= trusted:
            return remote
        candidate = chain[-1 - trusted]
        return candidate if _address(candidate) else remote
    # Walk from the right while the hop is one of our proxies; the first other is the client.
    for hop in reversed(chain):
        address = _address(hop)
        if address is None:
            return remote
        if not any(address in network for network in trusted):
            return hop
    return remote
