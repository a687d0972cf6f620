"""A URL fetcher for WeasyPrint that reaches nothing but our own files.

Templates refer to ``static:fonts/Sarabun-Regular.ttf``; media a view wants drawn must
be listed by that view (``allowed_media``) and is referred to as ``media:<path>``.
Every other URL (``file:``, ``http(s):``, ``data:``, ...) is refused before any I/O.
"""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_SCHEME = "static"
MEDIA_SCHEME = "media"

_MIME = {
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


class FetchRefused(ValueError):
    pass


def _static_path(relative):
    relative = relative.lstrip("/")
    if not relative or ".." in Path(relative).parts:
        raise FetchRefused(relative)
    found = finders.find(relative)
    if not found:
        raise FetchRefused(relative)
    return Path(found)


class SafeURLFetcher(URLFetcher):
    def __init__(self, allowed_media=(), **kwargs):
        super().__init__(allowed_protocols=[STATIC_SCHEME, MEDIA_SCHEME], **kwargs)
        self.allowed_media = {str(Path(p).resolve()) for p in allowed_media}
        self.refused = []  # what a rendering tried to reach and was refused (for tests/logs)

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == STATIC_SCHEME:
            path = _static_path(unquote(parsed.path))
        elif parsed.scheme == MEDIA_SCHEME:
            path = (Path(settings.MEDIA_ROOT) / unquote(parsed.path).lstrip("/")).resolve()
            if str(path) not in self.allowed_media:
                self.refused.append(url)
                raise FetchRefused(url)
        else:
            self.refused.append(url)
            raise FetchRefused(url)
        mime = _MIME.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})


def make_url_fetcher(allowed_media=()):
    return SafeURLFetcher(allowed_media=allowed_media)
