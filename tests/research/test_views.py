"""Every research page: an allowed role, a forbidden role, anonymous and another office's
ids (404); and the respondent's link, which refuses a closed link, a second answer and bad
values with nothing stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from research import services
from research.models import Answer, Instrument, ResearchFile, ResearchProject, Response
from tests.research.factories import InstrumentFactory, ResearchProjectFactory, answers_for
from tests.sar.factories import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(office, academic_year, school):
    project = ResearchProjectFactory(area_office=office, academic_year=academic_year)
    project.schools.add(school)
    return project


@pytest.fixture
def instrument(project):
    return InstrumentFactory(project=project)


def status_of(client, method, url, data=None):
    return (client.get(url) if method == "get" else client.post(url, data or {})).status_code


# (url name, method, whose id: "project" / "instrument" / None, allowed status)
PAGES = [
    ("research:list", "get", None, 200),
    ("research:create", "get", None, 200),
    ("research:detail", "get", "project", 200),
    ("research:edit", "get", "project", 200),
    ("research:instrument_add", "get", "project", 200),
    ("research:statistics", "get", "instrument", 200),
    ("research:statistics_xlsx", "get", "instrument", 200),
    ("research:move", "post", "project", 302),
    ("research:note", "post", "project", 302),
    ("research:file_add", "post", "project", 302),
    ("research:instrument_toggle", "post", "instrument", 302),
]


def url_of(name, whose, project, instrument):
    if whose == "project":
        return reverse(name, args=[project.pk])
    if whose == "instrument":
        return reverse(name, args=[instrument.pk])
    return reverse(name)


@pytest.mark.parametrize(("name", "method", "whose", "allowed"), PAGES)
def test_roles(
    name,
    method,
    whose,
    allowed,
    project,
    instrument,
    supervisor,
    committee_member,
    other_supervisor,
    client,
    as_user,
):
    url = url_of(name, whose, project, instrument)
    assert status_of(client, method, url) == 302  # anonymous: the login page
    assert "/login" in (client.get(url) if method == "get" else client.post(url))["Location"]
    assert status_of(as_user(committee_member), method, url) == 403
    if whose is not None:
        # Another office's supervisor: the row does not exist for them.
        assert status_of(as_user(other_supervisor), method, url) == 404
    assert status_of(as_user(supervisor), method, url) == allowed


def test_executive_reads_but_does_not_write(project, instrument, executive, as_user):
    client = as_user(executive)
    assert client.get(reverse("research:detail", args=[project.pk])).status_code == 200
    assert client.get(reverse("research:statistics", args=[instrument.pk])).status_code == 200
    assert client.get(reverse("research:edit", args=[project.pk])).status_code == 403
    assert client.post(reverse("research:move", args=[project.pk])).status_code == 403


def test_school_staff_sees_only_their_schools_research(
    project, school_staff, school_staff2, as_user, office, academic_year
):
    assert (
        as_user(school_staff).get(reverse("research:detail", args=[project.pk])).status_code == 200
    )
    # Taking part is reading, not managing.
    assert as_user(school_staff).get(reverse("research:edit", args=[project.pk])).status_code == 403
    assert (
        as_user(school_staff2).get(reverse("research:detail", args=[project.pk])).status_code == 404
    )
    listed = as_user(school_staff2).get(reverse("research:list"))
    assert project.title not in listed.content.decode()


def test_create_and_move_through_the_pages(supervisor, as_user, academic_year):
    client = as_user(supervisor)
    response = client.post(
        reverse("research:create"),
        {
            "title": "การศึกษาสภาพการประกันคุณภาพภายในของสถานศึกษาขนาดเล็ก",
            "kind": "district",
            "researchers": "นายธวัชชัย ทองดี",
            "academic_year": academic_year.pk,
            "objectives": "เพื่อศึกษาสภาพ",
        },
    )
    project = ResearchProject.objects.get()
    assert response["Location"] == reverse("research:detail", args=[project.pk])
    client.post(reverse("research:move", args=[project.pk]), {"to_status": "approved"})
    project.refresh_from_db()
    assert project.status == "approved"
    assert project.events.filter(action="moved").exists()
    # A move the path does not allow changes nothing.
    client.post(reverse("research:move", args=[project.pk]), {"to_status": "disseminated"})
    project.refresh_from_db()
    assert project.status == "approved"


def test_note_and_file(project, supervisor, as_user):
    client = as_user(supervisor)
    client.post(reverse("research:note", args=[project.pk]), {"note": "ติดตามครั้งที่ ๑"})
    project.refresh_from_db()
    assert "ติดตามครั้งที่ ๑" in project.supervision_notes
    upload = SimpleUploadedFile("รายงาน.pdf", pdf_bytes(), content_type="application/pdf")
    client.post(reverse("research:file_add", args=[project.pk]), {"kind": "report", "file": upload})
    assert ResearchFile.objects.filter(project=project, kind="report").count() == 1
    fake = SimpleUploadedFile("fake.pdf", b"MZ not a pdf", content_type="application/pdf")
    client.post(reverse("research:file_add", args=[project.pk]), {"kind": "report", "file": fake})
    assert ResearchFile.objects.filter(project=project).count() == 1


def test_instrument_add_and_toggle(project, supervisor, as_user):
    from tests.research.factories import questionnaire

    template = questionnaire(code="R-VIEW")
    client = as_user(supervisor)
    client.post(
        reverse("research:instrument_add", args=[project.pk]),
        {
            "title": "แบบสอบถามผู้ปกครอง",
            "template": template.pk,
            "respondent_type": "parent",
            "occasion": 1,
            "limit": "person",
        },
    )
    instrument = Instrument.objects.get(project=project)
    assert not instrument.is_open
    client.post(reverse("research:instrument_toggle", args=[instrument.pk]))
    instrument.refresh_from_db()
    assert instrument.is_open


def test_statistics_page_shows_the_figures(instrument, supervisor, as_user):
    for n, likert in enumerate([(5, 4, 3), (4, 4, 3)]):
        services.response_submit(
            instrument=instrument,
            raw=answers_for(instrument.template, likert, text="ควรลดภาระงานเอกสาร"),
            respondent_key=f"k{n}",
        )
    page = as_user(supervisor).get(reverse("research:statistics", args=[instrument.pk]))
    body = page.content.decode()
    assert "4.50" in body and "มาก" in body
    assert "ควรลดภาระงานเอกสาร" in body


def test_statistics_xlsx_neutralises_what_respondents_typed(instrument, supervisor, as_user):
    import io

    from openpyxl import load_workbook

    for n in range(2):
        services.response_submit(
            instrument=instrument,
            raw=answers_for(instrument.template, (5, 4, 3), text="=HYPERLINK(1)"),
            respondent_key=f"k{n}",
        )
    response = as_user(supervisor).get(reverse("research:statistics_xlsx", args=[instrument.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    book = load_workbook(io.BytesIO(b"".join(response)))
    assert book.sheetnames[:3] == ["รายข้อ", "รายสถานศึกษา", "รายกลุ่มผู้ตอบ"]
    items = list(book["รายข้อ"].values)
    assert items[2][0] == "1 ข้อคำถามที่ 1" and items[2][6:9] == (2, 5, 0)
    answers = [row[1] for row in book["คำตอบปลายเปิด"].values][1:]
    assert answers == ["'=HYPERLINK(1)", "'=HYPERLINK(1)"]


# The respondent's link -------------------------------------------------------------


def respond_url(instrument):
    return reverse("public:research_respond", args=[instrument.token])


def test_respondent_answers_without_an_account(client, instrument):
    page = client.get(respond_url(instrument))
    assert page.status_code == 200
    assert "ส่งคำตอบ" in page.content.decode()
    done = client.post(respond_url(instrument), answers_for(instrument.template, (5, 4, 3)))
    assert done.status_code == 200
    assert Response.objects.filter(instrument=instrument).count() == 1
    assert Answer.objects.filter(response__instrument=instrument).count() == 6


def test_closed_link_refuses(client, instrument):
    instrument.is_open = False
    instrument.save()
    page = client.get(respond_url(instrument))
    assert page.status_code == 410
    assert "ปิดรับคำตอบ" in page.content.decode()
    posted = client.post(respond_url(instrument), answers_for(instrument.template, (5, 4, 3)))
    assert posted.status_code == 410
    assert not Response.objects.exists()


def test_second_answer_refused_per_person(client, instrument):
    client.get(respond_url(instrument))  # the browser key cookie
    client.post(respond_url(instrument), answers_for(instrument.template, (5, 4, 3)))
    again = client.post(respond_url(instrument), answers_for(instrument.template, (1, 1, 1)))
    assert "ได้รับคำตอบของท่านแล้ว" in again.content.decode()
    assert Response.objects.count() == 1
    assert not Answer.objects.filter(value=1, item__answer_type="likert").exists()


def test_second_answer_refused_per_link(client, instrument):
    instrument.limit = Instrument.Limit.PER_LINK
    instrument.save()
    client.post(respond_url(instrument), answers_for(instrument.template, (5, 4, 3)))
    client.cookies.clear()  # another person, the same single-use link
    again = client.post(respond_url(instrument), answers_for(instrument.template, (2, 2, 2)))
    assert "ได้รับคำตอบของท่านแล้ว" in again.content.decode()
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"likert": "6"},
        {"likert": "abc"},
        {"likert": ""},
        {"yes": "2"},
        {"number": "1e400"},
        {"number": "NaN"},
    ],
)
def test_bad_values_store_nothing(client, instrument, bad):
    raw = answers_for(instrument.template, (5, 4, 3), yes=bad.get("yes", "1"))
    if "number" in bad:
        raw = answers_for(instrument.template, (5, 4, 3), number=bad["number"])
    if "likert" in bad:
        first_likert = next(k for k, v in raw.items() if v == "5")
        raw[first_likert] = bad["likert"]
    page = client.post(respond_url(instrument), raw)
    assert page.status_code == 400
    assert "กรุณาตรวจสอบคำตอบ" in page.content.decode()
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("public:research_respond", args=["nope"])).status_code == 404
