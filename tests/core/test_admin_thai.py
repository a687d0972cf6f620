"""The admin a district admin sees reads Thai, with Buddhist-Era dates (issue 17 item 4).

The walk opens every page of /admin/ a district admin can open: the index, each app's
index, and for every model he may view its list (with each filter applied), its add page
and the change page of one of his rows (and the history and password pages), then reads
every piece of text a person reads there (text, titles, placeholders, button labels, the
date pickers' texts) and finds no English word outside a short allow-list of codes and
names. Dates on those pages are in the Buddhist Era.
"""

import contextlib
import datetime
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from iqa_district.thai import be_year
from tests.supervision.factories import VisitFactory, full_committee, standard_set

pytestmark = pytest.mark.django_db

# Codes, names and formats that are written in Latin letters in Thai offices too.
ALLOWED = {
    "SAR", "PDF", "DOCX", "XLSX", "CSV", "TSV", "JSON", "HTML", "ONESQA", "OBEC", "DMC", "IQA",
    "District", "QA", "ID", "URL", "Email", "E-mail", "e-mail", "email", "MFA", "TOTP", "PDPA",
    "Best", "Practice", "Sarabun", "SHA", "OTP", "Excel", "ODS", "YAML", "ABC",
    # Keys named as printed on the keyboard.
    "Control", "Command", "Mac",
    # File formats as import-export names them.
    "csv", "xlsx", "tsv", "json", "yaml", "html", "xls", "ods",
    # The words a password must not contain, quoted in its help.
    "obec", "sar",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")
# Data, not UI: user names, e-mail addresses, codes with digits, file names.
DATA = re.compile(
    r"^(t_\w+|\S+@\S+|.*[\d*].*|\S+\.(pdf|docx|xlsx|csv)|[A-Z][A-Z0-9]*(-[A-Z0-9]+)+)$"
)
# The English names of standards and items are data (their *_en fields), shown as such.
ENGLISH_DATA_FIELD = re.compile(r"^field-\w+_en$")
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
SKIP_TAGS = {"script", "style", "code", "pre"}
READ_ATTRS = {"title", "placeholder", "aria-label", "alt", "data-confirm"}


class ReadableText(HTMLParser):
    """What a person reads: text nodes and the attributes shown to them; not the values
    typed into inputs and text areas (data), nor the English-name fields (data)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # per open element: does it hide its text?
        self.texts = []

    def hidden(self):
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        hides = (
            tag in SKIP_TAGS
            or tag == "textarea"
            or any(ENGLISH_DATA_FIELD.match(c) for c in classes)
        )
        if not self.hidden() and not hides:
            for name in READ_ATTRS & attrs.keys():
                self.texts.append(attrs[name] or "")
            if tag == "input" and attrs.get("type") in {"submit", "button", "reset"}:
                self.texts.append(attrs.get("value") or "")
        if tag not in VOID:
            self.stack.append(hides)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.hidden():
            self.texts.append(data)


def english_words(html):
    """The English words of the page's readable text, as "word (in: the text)"."""
    parser = ReadableText()
    parser.feed(html)
    found = set()
    for text in parser.texts:
        for token in text.split():
            if DATA.match(token.strip("()[]{}:;,.\"'")):
                continue
            for word in WORD.findall(token):
                if word not in ALLOWED:
                    found.add(f"{word} (in: {' '.join(text.split())[:120]})")
    return found


@pytest.fixture
def district(office, cluster, school, school2, academic_year, committee_member, supervisor):
    committee = full_committee(office=office, year=academic_year, users=[committee_member])
    standard_set(school, code="SUP-TEST-ADMIN")
    VisitFactory(school=school, academic_year=academic_year, committee=committee)
    return office


def admin_pages(user):
    """(url, what) of every admin page the user may open: the apps and models the admin's
    index lists for him, one of his rows of each model."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = [(reverse("admin:index"), "index")]
    for app in admin.site.get_app_list(request):
        pages.append((app["app_url"], f"{app['app_label']} index"))
        for entry in app["models"]:
            model = entry["model"]
            model_admin = admin.site._registry[model]
            label = model._meta.label
            name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            if entry.get("admin_url"):
                pages.append((entry["admin_url"], f"{label} list"))
            if entry.get("add_url"):
                pages.append((entry["add_url"], f"{label} add"))
            row = model_admin.get_queryset(request).order_by("pk").first()
            if row is None:
                continue
            pages.append((reverse(f"{name}_change", args=[row.pk]), f"{label} change"))
            pages.append((reverse(f"{name}_history", args=[row.pk]), f"{label} history"))
            for suffix in ("password_change",):
                with contextlib.suppress(NoReverseMatch):
                    url = reverse(f"{name}_{suffix}", args=[row.pk])
                    pages.append((url, f"{label} {suffix}"))
        # django-import-export's pages, where the model has them.
        for entry in app["models"]:
            model = entry["model"]
            name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            for suffix in ("import", "export"):
                with contextlib.suppress(NoReverseMatch):
                    pages.append((reverse(f"{name}_{suffix}"), f"{model._meta.label} {suffix}"))
    return pages


def test_every_admin_page_a_district_admin_opens_reads_thai(as_user, office_admin, district):
    client = as_user(office_admin)
    pages = admin_pages(office_admin)
    assert len(pages) > 40
    english = {}
    for url, what in pages:
        response = client.get(url)
        if response.status_code != 200:
            english[what] = [f"HTTP {response.status_code}"]
            continue
        html = response.content.decode()
        found = english_words(html)
        # Each filter of a list, applied, and the list's search.
        if what.endswith(" list"):
            for link in sorted(set(re.findall(r'href="(\?[^"#]+)"', html)))[:40]:
                page = client.get(url + link.replace("&amp;", "&"))
                if page.status_code == 200:
                    found |= english_words(page.content.decode())
        if found:
            english[what] = sorted(found)
    if dump := os.environ.get("ADMIN_THAI_DUMP"):
        Path(dump).write_text(
            "\n".join(f"{what}\t{word}" for what, words in english.items() for word in words)
        )
    assert english == {}


def test_the_admin_javascript_catalogue_is_thai(as_user, office_admin):
    """The date pickers' and the select boxes' texts come from the JavaScript catalogue."""
    body = as_user(office_admin).get(reverse("admin:jsi18n")).content.decode()
    for thai in ("วันนี้", "ยกเลิก", "มกราคม", "เลือกวันที่", "พิมพ์ในช่องนี้เพื่อกรอง"):
        assert json.dumps(thai)[1:-1] in body, thai


def test_admin_dates_are_buddhist_era(as_user, office_admin, district, academic_year):
    client = as_user(office_admin)
    change = client.get(reverse("admin:schools_academicyear_change", args=[academic_year.pk]))
    html = change.content.decode()
    starts = academic_year.semester1_starts_on
    assert isinstance(starts, datetime.date)
    be = f"{starts.day:02d}/{starts.month:02d}/{be_year(starts.year)}"
    assert f'value="{be}"' in html
    assert f"/{starts.year}" not in html.split('name="semester1_starts_on"')[1][:200]


def test_a_be_date_typed_in_the_admin_is_saved_and_the_message_is_thai(
    as_user, office_admin, academic_year
):
    client = as_user(office_admin)
    url = reverse("admin:schools_academicyear_change", args=[academic_year.pk])
    data = {
        "year": academic_year.year,
        "starts_on": "16/05/2567",
        "ends_on": "๓๑/๐๓/๒๕๖๘",  # Thai digits are read too
        "semester1_starts_on": "2024-05-16",  # and ISO, as a paste or a browser sends it
        "semester1_ends_on": "11/10/2567",
        "semester2_starts_on": "01/11/2567",
        "semester2_ends_on": "31/03/2568",
        "sar_deadline": "31/05/2568",
        "is_current": "on",
        "_continue": "1",
    }
    response = client.post(url, data, follow=True)
    html = response.content.decode()
    academic_year.refresh_from_db()
    assert academic_year.starts_on == datetime.date(2024, 5, 16)
    assert academic_year.ends_on == datetime.date(2025, 3, 31)
    assert academic_year.semester1_starts_on == datetime.date(2024, 5, 16)
    assert academic_year.sar_deadline == datetime.date(2025, 5, 31)
    assert "เรียบร้อยแล้ว" in html and "was changed successfully" not in html
    assert 'value="31/05/2568"' in html
    # A wrong date is refused in Thai.
    bad = client.post(url, {**data, "sar_deadline": "31/02/2568"})
    assert "วันที่ไม่ถูกต้อง โปรดกรอกเป็น วัน/เดือน/ปี พ.ศ." in bad.content.decode()
    # The list shows BE dates.
    listing = client.get(reverse("admin:schools_academicyear_changelist")).content.decode()
    assert "16 พ.ค. 2567" in listing and "2024" not in listing.split("result_list")[1]
