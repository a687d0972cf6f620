"""Issue 18 item 9, English mode: every Thai label our templates and code show has an
English translation in locale/en, no label is glued to its value, and dates read
"2 Dec 2569 BE" on every page of every role.

Thai data stays Thai (school and office names, what users typed), so the pages are not
searched for Thai words; the labels are checked at their source instead: every msgid a
page template or a Python module marks for translation must have English in the compiled
catalogue. The official PDFs' templates and modules are Thai documents and are left out.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation.template import templatize

from tests.core.role_pages import role_pages
from tests.core.test_permission_matrix import (
    ROLES,
    personas,  # noqa: F401 - a fixture
    world,  # noqa: F401 - a fixture
)

BASE = Path(settings.BASE_DIR)
THAI = re.compile("[\u0e00-\u0e7f]")
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext_lazy"}
APPS = ("iqa_district", "schools", "standards", "sar", "supervision", "external_eval", "research")


def catalog():
    with (BASE / "locale" / "en" / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def is_pdf(path):
    return "pdf" in path.relative_to(BASE).parts or path.stem in ("pdf", "specimen")


def template_msgids():
    """{msgid: template} of every Thai msgid of the page templates."""
    found = {}
    call = re.compile(r"\b(n?gettext)\(((?:\s*u'(?:[^'\\]|\\.)*'\s*,?)+)")
    for path in sorted((BASE / "templates").rglob("*.html")):
        if is_pdf(path) or "admin" in path.relative_to(BASE).parts:
            continue
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for match in call.finditer(code):
            for literal in re.findall(r"u'(?:[^'\\]|\\.)*'", match.group(2)):
                msgid = ast.literal_eval(literal)
                if THAI.search(msgid):
                    found.setdefault(msgid, path.relative_to(BASE))
    return found


def python_msgids():
    """{msgid: module} of every Thai msgid marked in the apps' code (migrations, demo
    seeds and the PDF modules left out)."""
    found = {}
    for app in APPS:
        for path in sorted((BASE / app).rglob("*.py")):
            if "migrations" in path.parts or path.stem.endswith("demo") or is_pdf(path):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in GETTEXT_NAMES:
                    continue
                args = node.args[1:] if name.startswith("pgettext") else node.args
                for arg in args[:2]:
                    literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    if literal and THAI.search(arg.value):
                        found.setdefault(arg.value, path.relative_to(BASE))
    return found


def untranslated(msgids, translations):
    missing = []
    for msgid, where in msgids.items():
        english = translations.get(msgid) or translations.get((msgid, 0))
        if not english:
            missing.append(f"{where}: {msgid}")
    return missing


def test_every_template_label_has_english():
    msgids = template_msgids()
    assert len(msgids) > 1000  # the walk found the templates' strings
    missing = untranslated(msgids, catalog())
    assert not missing, f"{len(missing)} template msgids without English:\n" + "\n".join(missing)


def test_every_code_label_has_english():
    msgids = python_msgids()
    assert len(msgids) > 1000
    missing = untranslated(msgids, catalog())
    assert not missing, f"{len(missing)} msgids in code without English:\n" + "\n".join(missing)


def test_the_table_of_contents_of_the_synthesis_has_english():
    # Last session's synthesis table of contents came without English.
    assert catalog()["สารบัญ"] == "Contents"


# An English word glued to Thai (a translated label and a Thai value with no space or
# colon between them: "Districtพิบูลมังสาหาร"), inside one run of text.
GLUED = re.compile(r"[A-Za-z][\u0e00-\u0e7f]|[\u0e00-\u0e7f][A-Za-z]")
TEXT = re.compile(r">([^<>]+)<")
HIDDEN = re.compile(r"<(script|style|textarea)\b.*?</\1>", re.S)
# A Thai day and month (data such as a standard set's "พ.ศ. ๒๕๖๑" in its name is no date
# of ours).
THAI_DATE = re.compile(
    r"\d{1,2} (?:ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.)"
    r"|\b\d{1,2} (?:มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม"
    r"|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม)"
)
ENGLISH_DATE = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 25\d\d BE\b"
)


def page_problems(html):
    text = HIDDEN.sub("", html)
    runs = [run.strip() for run in TEXT.findall(text)]
    glued = [run[:120] for run in runs if GLUED.search(run)]
    thai_dates = [run[:120] for run in runs if THAI_DATE.search(run)]
    return glued, thai_dates


def test_the_page_check_sees_a_glued_label_and_a_thai_date():
    assert page_problems("<dd>Districtพิบูลมังสาหาร</dd>")[0]
    assert page_problems("<dd>Sent 2 ธ.ค. 2569</dd>")[1]
    assert page_problems("<dd>District: พิบูลมังสาหาร · 2 Dec 2569 BE</dd>") == ([], [])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_english_pages_glue_no_label_to_a_value_and_date_in_english(role, world, personas):  # noqa: F811
    world["_admin"] = personas["admin"]
    pages = role_pages(role, personas[role], world, language="en")
    assert len(pages) >= 3
    failures, english_dates = [], 0
    for key, url, response in pages:
        if url.startswith("/admin/"):
            continue  # the Django admin is Thai only (README, "The admin in Thai")
        html = response.content.decode()
        if "<html" in html:  # a whole page, not an htmx fragment
            assert '<html lang="en">' in html, url
        glued, thai_dates = page_problems(html)
        failures += [f"{key} {url}: glued: {run}" for run in glued]
        failures += [f"{key} {url}: Thai date: {run}" for run in thai_dates]
        english_dates += len(ENGLISH_DATE.findall(html))
    assert not failures, f"{role}: {len(failures)} problems:\n" + "\n".join(failures)
    if role in ("supervisor", "school"):
        assert english_dates, "no page showed a date"
