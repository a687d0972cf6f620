"""Request bodies over the upload limit are refused before Django reads them.

Django's upload handlers write a large file to a temporary file whatever its size,
and the form's size check runs only after the whole body has arrived; a school that
picks a 2 GB scan would fill the disk first. The declared ``Content-Length`` is
checked here instead, and a 413 page in Thai says what to do. A body without a
``Content-Length`` is never read by Django under WSGI, and one that is longer than it
declares is cut at the declared length, so the header is enough.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.template.response import TemplateResponse

MB = 1024 * 1024


def max_request_bytes() -> int:
    return int(settings.UPLOAD_MAX_REQUEST_MB) * MB


class RequestSizeLimitMiddleware:
    """A 413 for any request whose declared body is over ``UPLOAD_MAX_REQUEST_MB``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django reads no body it cannot measure
        if declared > max_request_bytes():
            response = TemplateResponse(
                request,
                "413.html",
                {
                    "size_mb": f"{declared / MB:.1f}",
                    "limit_mb": settings.UPLOAD_MAX_REQUEST_MB,
                    "file_limit_mb": settings.SAR_MAX_UPLOAD_MB,
                },
                status=413,
            )
            # The browser is still sending; closing tells it to stop.
            response["Connection"] = "close"
            return response.render()
        return self.get_response(request)
