"""The English language switch: the Thai msgids have English translations in locale/en.

Thai stays the default (whatever the browser asks for); English only when the user chose
it with the switch, which Django's set_language stores in the language cookie.
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOCALE_EN = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_login_page_in_english_with_the_cookie(english):
    response = english.get(reverse("accounts:login"))
    page = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in page
    assert "Log in" in page
    assert "Username" in page
    assert "Password" in page
    assert "Educational Quality Assurance System" in page
    assert "เข้าสู่ระบบ" not in page
    assert "ชื่อผู้ใช้" not in page


def test_login_error_message_in_english(english, supervisor):
    response = english.post(
        reverse("accounts:login"), {"username": supervisor.username, "password": "wrong-pw-1"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Incorrect username or password. Please try again." in page


def test_login_page_stays_thai_without_the_cookie(client):
    # Office computers often send English in Accept-Language; Thai stays the default.
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert response.headers["Content-Language"] == "th"
    assert "เข้าสู่ระบบ" in page
    assert "ชื่อผู้ใช้" in page
    assert "Log in" not in page
    assert "Username" not in page


def test_supervisor_dashboard_in_english(english, supervisor, school, school2, other_office_school):
    english.force_login(supervisor)
    page = english.get(reverse("dashboard")).content.decode()
    assert "Schools in the area" in page
    assert "2 in total (including closed schools)" in page
    assert "Hello, " in page
    assert "Log out" in page
    assert "สถานศึกษาในเขตพื้นที่" not in page
    assert "ออกจากระบบ" not in page


def test_supervisor_dashboard_thai_by_default(as_user, supervisor, school):
    page = as_user(supervisor).get(reverse("dashboard")).content.decode()
    assert "สถานศึกษาในเขตพื้นที่" in page
    assert "ออกจากระบบ" in page
    assert "Schools in the area" not in page


def test_switch_sets_english_then_back_to_thai(client, supervisor, school):
    client.force_login(supervisor)
    dashboard = reverse("dashboard")
    response = client.post(reverse("set_language"), {"language": "en", "next": dashboard})
    assert response.status_code == 302
    assert response.url == dashboard
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Schools in the area" in client.get(dashboard).content.decode()

    client.post(reverse("set_language"), {"language": "th", "next": dashboard})
    page = client.get(dashboard).content.decode()
    assert "สถานศึกษาในเขตพื้นที่" in page
    assert "Schools in the area" not in page


def test_unknown_language_cookie_falls_back_to_thai(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(reverse("accounts:login")).content.decode()
    assert "เข้าสู่ระบบ" in page


# Thai words an English user still types or sees in the data (import file headers, level
# names); an English translation may quote them, nothing else in it may be Thai.
THAI_VALUES = (
    "รหัสสถานศึกษา",
    "ชื่อสถานศึกษา",
    "ตำบล",
    "อำเภอ",
    "จังหวัด",
    "ระดับที่เปิดสอน",
    "จำนวนนักเรียน",
    "สหวิทยาเขต",
    "ปฐมวัย",
    "ประถมศึกษา",
    "มัธยมศึกษาตอนต้น",
    "มัธยมศึกษาตอนปลาย",
    "ขั้นพื้นฐาน",  # the level column of the ONESQA results import
)


def _po_entries(path):
    """(fields, flags) of each entry of a .po file; no polib needed at run time.

    Entries are separated by blank lines, as makemessages writes them.
    """
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, flags, key = {}, set(), None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[key] += _unquote(line)
            else:
                key, _, value = line.partition(" ")
                fields[key] = _unquote(value)
        if fields.get("msgid"):
            entries.append((fields, flags))
    return entries


def _unquote(text):
    return text[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")


def test_every_entry_is_translated_and_the_mo_is_compiled_from_the_po():
    po = _po_entries(LOCALE_EN / "django.po")
    with (LOCALE_EN / "django.mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    assert len(po) > 500
    for entry, flags in po:
        msgid = entry["msgid"]
        assert "fuzzy" not in flags, msgid
        if "msgid_plural" in entry:
            forms = [entry["msgstr[0]"], entry["msgstr[1]"]]
            compiled = [catalog.get((msgid, 0)), catalog.get((msgid, 1))]
            expected = sorted(PLACEHOLDER.findall(entry["msgid_plural"]))
        else:
            forms = [entry["msgstr"]]
            compiled = [catalog.get(msgid)]
            expected = sorted(PLACEHOLDER.findall(msgid))
        assert all(forms), f"untranslated: {msgid}"
        assert compiled == forms, f"django.mo is stale, run compilemessages: {msgid}"
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == expected, (msgid, form)
            rest = form
            for word in THAI_VALUES:
                rest = rest.replace(word, "")
            assert not re.search("[\u0e00-\u0e7f]", rest), (msgid, form)
