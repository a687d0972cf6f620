"""The user guide per role: every signed-in user reads it, anonymous users are sent to
log in; each guide names its steps; every image a guide references exists as a static
file; the navbar links to it; the field help sits beside the forms that ask for the nine
IQA steps and the quality levels."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from iqa_district.help.fields import IQA_STEPS, QUALITY_LEVELS
from iqa_district.help.guide import GUIDES, screenshots

pytestmark = pytest.mark.django_db
ROLES = ["district_admin", "supervisor", "executive", "school_staff", "committee_member"]


def test_anonymous_users_log_in_first(client):
    for url in (reverse("help:index"), reverse("help:guide", args=["school"])):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    assert client.post(reverse("help:index")).status_code in (302, 405)


@pytest.mark.parametrize("persona", ROLES)
def test_every_role_reads_every_guide_and_its_own_comes_first(request, as_user, persona):
    client = as_user(request.getfixturevalue(persona))
    body = client.get(reverse("help:index")).content.decode()
    for guide in GUIDES:
        assert reverse("help:guide", args=[guide.key]) in body
    mine = re.search(r'list-group-item-action active" href="([^"]+)"', body).group(1)
    expected = {
        "district_admin": "admin",
        "supervisor": "supervisor",
        "executive": "executive",
        "school_staff": "school",
        "committee_member": "committee",
    }[persona]
    assert mine == reverse("help:guide", args=[expected])
    guide = client.get(mine).content.decode()
    assert 'id="guide-toc"' in guide
    assert client.post(mine).status_code == 405


def test_a_guide_shows_its_steps_screenshots_and_for_district_staff_the_templates(
    as_user, school_staff, supervisor
):
    body = as_user(school_staff).get(reverse("help:guide", args=["school"])).content.decode()
    assert "กด บันทึกร่าง ได้ทุกเมื่อ" in body
    assert "/static/img/help/school-sar" in body
    assert 'id="import-templates"' not in body  # school staff run no import
    body = as_user(supervisor).get(reverse("help:guide", args=["supervisor"])).content.decode()
    assert reverse("help:template", args=["onesqa-results"]) in body
    assert as_user(supervisor).get(reverse("help:guide", args=["nobody"])).status_code == 404


def test_every_image_the_guide_references_exists(as_user, supervisor):
    referenced = set()
    for guide in GUIDES:
        body = as_user(supervisor).get(reverse("help:guide", args=[guide.key])).content.decode()
        referenced |= set(re.findall(r'<img[^>]* src="/static/([^"]+)"', body))
    assert {f"img/help/{s.name}.png" for s in screenshots()} <= referenced
    for path in referenced:
        found = finders.find(path)
        assert found, f"the guide shows {path}, which is not a static file"
        assert Path(found).stat().st_size > 10_000  # a real screenshot, not a placeholder


def test_the_navbar_links_to_the_guide(as_user, school_staff):
    body = as_user(school_staff).get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("help:index")}" id="nav-help"' in body


def test_field_help_of_the_levels_and_the_nine_steps():
    from django.template.loader import render_to_string

    steps = render_to_string("help/_iqa_steps.html", {"steps": IQA_STEPS})
    assert steps.count("<li") == 9 and "จัดระบบบริหารและสารสนเทศ" in steps
    assert [value for value, *_ in QUALITY_LEVELS] == [5, 4, 3, 2, 1]


def test_the_sar_editor_shows_the_levels_help(as_user, school_staff, school, academic_year):
    from sar import services
    from tests.sar.factories import make_test_standards

    make_test_standards()
    report = services.sar_open(school=school, academic_year=academic_year, actor=school_staff)
    body = as_user(school_staff).get(reverse("sar:edit", args=[report.pk])).content.decode()
    assert 'id="help-quality-levels"' in body and "เป็นแบบอย่างให้ผู้อื่นได้" in body


def test_the_visit_form_shows_the_nine_steps_help(
    as_user, committee_member, supervisor, office, school, academic_year
):
    from tests.supervision.factories import VisitFactory, full_committee, standard_set

    committee = full_committee(office=office, year=academic_year, users=[committee_member])
    standard_set(school)
    visit = VisitFactory(school=school, academic_year=academic_year, committee=committee)
    body = as_user(committee_member).get(reverse("supervision:visit_fill", args=[visit.pk]))
    text = body.content.decode()
    assert 'id="help-iqa-steps"' in text and 'id="help-quality-levels"' in text
    assert "ประเมินอย่างน้อยภาคเรียนละ 1 ครั้ง" in text
