"""Headers on every page and every file: a Content-Security-Policy with no inline
script, no-store for signed-in pages, one download helper, and a 413 before an
oversized body is read."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from iqa_district.downloads import content_disposition, file_download

ROOT = Path(settings.BASE_DIR)


def test_pages_carry_a_csp_without_inline_script(client, as_user, district_admin):
    for response in (client.get(reverse("accounts:login")), as_user(district_admin).get("/")):
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_signed_in_pages_are_never_stored(client, as_user, supervisor):
    response = as_user(supervisor).get("/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "inline <style>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on* handler"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_browser_templates_have_nothing_the_csp_forbids():
    # templates/pdf/ and an app's <app>/pdf/ are read by WeasyPrint, never by a browser.
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if "pdf" in path.relative_to(ROOT / "templates").parts[:2]:
            continue
        text = path.read_text(encoding="utf-8")
        found += [
            f"{path.relative_to(ROOT)}: {what}" for pattern, what in INLINE if pattern.search(text)
        ]
    assert found == []


def test_only_the_download_helper_writes_file_headers():
    """Every file response goes through iqa_district.downloads."""
    offenders = []
    packages = [
        "iqa_district",
        "schools",
        "standards",
        "sar",
        "supervision",
        "external_eval",
        "research",
    ]
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            if path == ROOT / "iqa_district" / "downloads.py" or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if "Content-Disposition" in text or "FileResponse(" in text:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_helper_names_files_by_rfc_6266():
    value = content_disposition('รายงาน/ปี "2567"\r\nX: y', extension="xlsx")
    assert value.startswith("attachment; filename=\"2567_X_ y.xlsx\"; filename*=UTF-8''")
    assert "\r" not in value and "\n" not in value and "/" not in value.split("''")[1]
    response = file_download(
        b"data", "แบบ ๗.๑", content_type="application/pdf", extension="pdf", inline=True
    )
    assert response["Content-Disposition"].startswith('inline; filename="document.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["Content-Length"] == "4"


def test_an_oversized_body_is_refused_before_it_is_read(client, settings, db):
    settings.UPLOAD_MAX_REQUEST_MB = 1
    response = client.post(
        reverse("accounts:login"),
        data=b"x" * 100,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(5 * 1024 * 1024),
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "มีขนาดใหญ่เกินกว่าที่ระบบรับได้" in html and "5.0 MB" in html
    assert response["Connection"] == "close"
    # Within the limit the request goes on as before.
    assert (
        client.post(reverse("accounts:login"), {"username": "x", "password": "y"}).status_code
        == 200
    )
