"""Issue 18 item 9: the pages use Arabic digits with Buddhist-Era years ("2 ธ.ค. 2569"),
the official PDFs Thai digits (tests/pdf/ checks those). Every HTML page of every role of
the permission matrix's world is fetched and must hold no Thai digit (๐–๙)."""

import re

import pytest

from tests.core.role_pages import role_pages
from tests.core.test_permission_matrix import (
    ROLES,
    personas,  # noqa: F401 - a fixture
    world,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.django_db

THAI_DIGIT = re.compile("[๐-๙]")
# Scripts and styles are no text a reader sees.
HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def thai_digit_lines(html):
    text = HIDDEN.sub("", html)
    return [line.strip()[:160] for line in text.splitlines() if THAI_DIGIT.search(line)]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_a_thai_digit(role, world, personas):  # noqa: F811 - fixtures
    world["_admin"] = personas["admin"]
    pages = role_pages(role, personas[role], world)
    assert len(pages) >= 3, pages
    failures = [
        f"{key} {url}: {line}"
        for key, url, response in pages
        for line in thai_digit_lines(response.content.decode())
    ]
    assert not failures, f"{role}: {len(failures)} lines with Thai digits:\n" + "\n".join(
        failures
    )


def test_the_check_sees_a_thai_digit_in_a_value():
    assert thai_digit_lines("<p>กำหนดส่ง ๓๑ พฤษภาคม พ.ศ. ๒๕๖๙</p>")
    assert not thai_digit_lines("<p>กำหนดส่ง 31 พ.ค. 2569</p><script>'๑'</script>")
