"""A URL fetcher for WeasyPrint that reaches nothing but our own files.

Templates refer to ``static:fonts/Sarabun-Regular.ttf``; media a view wants drawn must
be listed by that view (``allowed_media``, absolute paths under MEDIA_ROOT) and is
referred to as ``media:<path relative to MEDIA_ROOT>``. Every other URL (``file:``,
``http(s):``, ``data:``, ...) is refused before any I/O: nothing is opened, no socket is
made, so there is no redirect to follow. Only fonts, stylesheets and images are served.
"""

import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

STATIC_SCHEME = "static"
MEDIA_SCHEME = "media"

_MIME = {
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}


class FetchRefused(ValueError):
    """A URL the PDF engine will not fetch."""


def _relative_parts(path: str) -> str | None:
    """The parts of a relative path, or None if it tries to leave its root."""
    relative = unquote(path).replace("\\", "/").lstrip("/")
    parts = Path(relative).parts
    if not relative or ".." in parts or "\x00" in relative:
        return None
    return relative


class SafeURLFetcher(URLFetcher):
    def __init__(self, allowed_media: Iterable[str | os.PathLike[str]] = (), **kwargs: Any) -> None:
        super().__init__(allowed_protocols=[STATIC_SCHEME, MEDIA_SCHEME], **kwargs)
        self.allowed_media = {str(Path(p).resolve()) for p in allowed_media}
        # What a rendering tried to reach and was refused (tests, logs), and what it got.
        self.refused: list[str] = []
        self.served: list[str] = []

    def _refused(self, url: str, reason: str) -> FetchRefused:
        self.refused.append(url)
        logger.warning("PDF engine refused to fetch %r: %s", url[:200], reason)
        return FetchRefused(url)

    def _resolve(self, url: str) -> Path:
        parsed = urlparse(url)
        if parsed.scheme == STATIC_SCHEME:
            relative = _relative_parts(parsed.path)
            if relative is None:
                raise self._refused(url, "outside the static files")
            found = finders.find(relative)
            if not found:
                raise self._refused(url, "no such static file")
            return Path(found).resolve()
        if parsed.scheme == MEDIA_SCHEME:
            relative = _relative_parts(parsed.path)
            if relative is None:
                raise self._refused(url, "outside MEDIA_ROOT")
            path = (Path(settings.MEDIA_ROOT) / relative).resolve()
            if str(path) not in self.allowed_media:
                raise self._refused(url, "media not passed by the view")
            return path
        raise self._refused(url, "scheme not allowed")

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
        path = self._resolve(url)
        mime = _MIME.get(path.suffix.lower())
        if mime is None:
            raise self._refused(url, "not a font, stylesheet or image")
        if not path.is_file():
            raise self._refused(url, "not a file")
        self.served.append(url)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})


def make_url_fetcher(allowed_media: Iterable[str | os.PathLike[str]] = ()) -> SafeURLFetcher:
    return SafeURLFetcher(allowed_media=allowed_media)
