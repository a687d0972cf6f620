"""Issue 18 item 9: the pages use Arabic digits with Buddhist-Era years ("2 ธ.ค. 2569"),
the official PDFs Thai digits (tests/pdf/ checks those). Every HTML page of every role of
the permission matrix's world is fetched and must hold no Thai digit (๐–๙) in what our
code writes: labels, dates, numbers, messages.

Data stays as it was typed or seeded: a value stored in the database with Thai digits
(an office's name "... เขต ๕", a standard set's "พ.ศ. ๒๕๖๑", the seeded form templates'
titles "แบบ ๗.๒ ...", permission names) is shown as stored, so the check removes every
stored text value that holds a Thai digit before it looks.
"""

import html
import re

import pytest
from django.apps import apps
from django.db import models

from tests.core.role_pages import role_pages
from tests.core.test_permission_matrix import (
    ROLES,
    personas,  # noqa: F401 - a fixture
    world,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.django_db

THAI_DIGIT = re.compile("[๐-๙]")
# ADMIN: the Django admin (/admin/) is left out: its filters and choices show the labels
# the official PDFs print (แบบ ๗.๑, กระบวนการที่ ๑, from FormTemplate's choices), and its
# Thai for Django's own strings comes from the hand-kept locale/th catalogue.
# Scripts and styles are no text a reader sees.
HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def stored_values_with_thai_digits():
    """Every text value in the database that holds a Thai digit, longest first."""
    values = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                found = model._base_manager.filter(**{f"{field.attname}__regex": "[๐-๙]"})
                for value in found.values_list(field.attname, flat=True).distinct():
                    # A text of several lines is often shown one line per item.
                    values.update([value, *value.splitlines()])
    return sorted(values - {""}, key=len, reverse=True)


def thai_digit_lines(page, stored=()):
    text = HIDDEN.sub("", page)
    for value in stored:
        for form in (value, html.escape(value), html.escape(value, quote=False)):
            text = text.replace(form, "")
    return [line.strip()[:200] for line in text.splitlines() if THAI_DIGIT.search(line)]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_a_thai_digit(role, world, personas):  # noqa: F811 - fixtures
    world["_admin"] = personas["admin"]
    pages = role_pages(role, personas[role], world)
    assert len(pages) >= 3, pages
    stored = stored_values_with_thai_digits()
    failures = [
        f"{key} {url}: {line}"
        for key, url, response in pages
        if not url.startswith("/admin/")  # see ADMIN below
        for line in thai_digit_lines(response.content.decode(), stored)
    ]
    assert not failures, f"{role}: {len(failures)} lines with Thai digits:\n" + "\n".join(failures)


def test_the_check_sees_a_thai_digit_in_a_value_but_not_in_stored_data():
    assert thai_digit_lines("<p>กำหนดส่ง ๓๑ พฤษภาคม พ.ศ. ๒๕๖๙</p>")
    assert not thai_digit_lines("<p>กำหนดส่ง 31 พ.ค. 2569</p><script>'๑'</script>")
    page = "<td>สพป.ทดสอบ เขต ๕ &amp; ๖</td><td>รอบที่ 4</td>"
    assert not thai_digit_lines(page, ["สพป.ทดสอบ เขต ๕ & ๖"])
    assert thai_digit_lines(page + "<td>แบบ ๗.๓</td>", ["สพป.ทดสอบ เขต ๕ & ๖"])
