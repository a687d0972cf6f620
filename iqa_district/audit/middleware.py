"""Puts the request's client address where ``audit_record`` finds it."""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from iqa_district.accounts.client_ip import client_ip as request_client_ip

client_ip: ContextVar[str | None] = ContextVar("audit_client_ip", default=None)


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Behind the trusted proxy this is the client, not the proxy (DJANGO_TRUSTED_PROXY).
        token = client_ip.set(request_client_ip(request) or None)
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)
