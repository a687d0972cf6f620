"""Every file the project hands to a browser goes out through ``file_download``.

One place for the headers a download needs: an RFC 6266 ``Content-Disposition`` with
the Thai name in ``filename*`` (RFC 5987) and an ASCII fallback, ``nosniff`` so a
browser never runs a file as something else, ``no-store`` because SARs and exports
hold personal data, and ``Content-Security-Policy: sandbox`` so a file opened in the
browser has no scripts, no forms and no access to the site's origin.

The middleware below marks every page a signed-in user sees as not to be stored by
the browser or a proxy (the back button after logging out shows nothing).
"""

import unicodedata
from collections.abc import Callable
from typing import IO
from urllib.parse import quote

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import add_never_cache_headers

_UNSAFE_CHARS = set('\\/:*?"<>|;')
_MAX_NAME = 150

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"

# A file is a document, never an application of this site: a unique origin, no script,
# nothing loaded from anywhere.
SANDBOX_POLICY = "sandbox; default-src 'none'"


def safe_filename(filename: str, *, extension: str) -> str:
    """``filename`` with no path, quote or control characters, ending in ``extension``."""
    suffix = "." + extension.lstrip(".")
    name = unicodedata.normalize("NFC", str(filename))
    name = "".join(
        "_" if c in _UNSAFE_CHARS else c for c in name if unicodedata.category(c)[0] != "C"
    )
    name = " ".join(name.split()).strip(" ._") or "document"
    if not name.lower().endswith(suffix.lower()):
        name += suffix
    if len(name) > _MAX_NAME:
        name = name[: _MAX_NAME - len(suffix)].rstrip(" ._") + suffix
    return name


def content_disposition(filename: str, *, extension: str, inline: bool = False) -> str:
    """An RFC 6266 header value: ASCII fallback in ``filename``, UTF-8 in ``filename*``."""
    safe = safe_filename(filename, extension=extension)
    suffix = "." + extension.lstrip(".")
    stem = safe[: -len(suffix)]
    ascii_stem = "".join(c for c in stem if c.isascii() and (c.isalnum() or c in " ._()-"))
    ascii_stem = " ".join(ascii_stem.split()).strip(" ._-") or "document"
    disposition = "inline" if inline else "attachment"
    return (
        f"{disposition}; filename=\"{ascii_stem}{suffix}\"; filename*=UTF-8''{quote(safe, safe='')}"
    )


def file_download(
    content: bytes | IO[bytes],
    filename: str,
    *,
    content_type: str,
    extension: str,
    inline: bool = False,
) -> HttpResponse | FileResponse:
    """A response carrying ``content`` (bytes, or an open binary file that is streamed
    and closed) under ``filename``; ``inline`` shows it in the browser."""
    response: HttpResponse | FileResponse
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
        response["Content-Length"] = str(len(content))
    else:
        response = FileResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        filename, extension=extension, inline=inline
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Set here, so django-csp leaves the page policy off this response.
    response["Content-Security-Policy"] = SANDBOX_POLICY
    return response


class NoStoreForSignedInMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = "private, no-store, no-cache, must-revalidate, max-age=0"
        return response
