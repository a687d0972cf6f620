"""Forms ๗.๑ (research synthesis) and ๗.๒ (the blank instrument): the PDFs pass the
official checks and say what they must; XLSX; the pages by role; keying in paper answers."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from research import documents, services
from research.models import ResearchProject, Response
from standards.models import Standard
from tests.pdf.tools import check_official_pdf, pdftotext_pages, squash
from tests.research.factories import InstrumentFactory, ResearchProjectFactory, answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(office, academic_year, supervisor, school):
    standard = Standard.objects.filter(standard_set__level="basic").order_by("number").first()
    project = ResearchProjectFactory(
        area_office=office,
        academic_year=academic_year,
        title="การพัฒนาระบบนิเทศภายในแบบกัลยาณมิตร",
        target_group="ครู ๔๘ คน",
        findings="ครูจัดการเรียนรู้เชิงรุกได้ดีขึ้น",
        recommendations="=ควรขยายผล",
        verdict=ResearchProject.Verdict.EFFECTIVE,
        usage="ใช้เป็นแนวทางการนิเทศของเขต",
        status=ResearchProject.Status.REPORTED,
    )
    project.standards.add(standard)
    ResearchProjectFactory(area_office=office, academic_year=academic_year, title="ยังเสนอโครงการ")
    services.synthesis_save(
        office=office, academic_year=academic_year, summary="สรุปว่ารูปแบบได้ผล", actor=supervisor
    )
    return project


def test_synthesis_pdf_passes_the_official_checks(office, academic_year, reported):
    pdf = documents.synthesis_pdf(office, academic_year)
    check_official_pdf(pdf, "research-synthesis-7_1", expect_text=["แบบสังเคราะห์งานวิจัย"])
    text = squash("".join(pdftotext_pages(pdf)))
    assert squash("การพัฒนาระบบนิเทศภายในแบบกัลยาณมิตร") in text
    assert squash("มาตรฐานที่ ๑") in text  # grouped under the standard, Thai numerals
    assert squash("สรุปว่ารูปแบบได้ผล") in text
    assert squash("ยังเสนอโครงการ") not in text  # only studies that have reported


def test_synthesis_xlsx_rows_and_formula_safety(office, academic_year, reported):
    book = load_workbook(io.BytesIO(documents.synthesis_workbook(office, academic_year)))
    rows = list(book.active.values)
    assert rows[0][:3] == ("มาตรฐาน", "ชื่อเรื่อง", "ผู้วิจัย")
    assert rows[1][1] == "การพัฒนาระบบนิเทศภายในแบบกัลยาณมิตร"
    assert rows[1][10] == "'=ควรขยายผล"
    assert rows[-1] == ("สรุปผลการสังเคราะห์", "สรุปว่ารูปแบบได้ผล") + (None,) * 11


def test_instrument_pdf_passes_the_official_checks(office, academic_year):
    instrument = InstrumentFactory(
        project=ResearchProjectFactory(area_office=office, academic_year=academic_year)
    )
    pdf = documents.instrument_pdf(instrument)
    check_official_pdf(pdf, "research-instrument-7_2", expect_text=["แบบ ๗.๒"])
    text = squash("".join(pdftotext_pages(pdf)))
    assert squash("ข้อคำถามที่ ๓") in text and squash("เลขที่แบบสอบถาม") in text


@pytest.mark.parametrize("suffix", ["", ".pdf", ".xlsx"])
def test_synthesis_pages_by_role(
    suffix,
    reported,
    academic_year,
    supervisor,
    executive,
    school_staff,
    other_supervisor,
    client,
    as_user,
):
    name = {"": "research:synthesis", ".pdf": "research:synthesis_pdf"}.get(
        suffix, "research:synthesis_xlsx"
    )
    url = reverse(name, args=[academic_year.year])
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 403
    assert as_user(executive).get(url).status_code == 200
    other = as_user(other_supervisor).get(url)
    assert other.status_code == 200  # their own office's synthesis, not ours
    if suffix == "":
        assert reported.title not in other.content.decode()
    mine = as_user(supervisor).get(url)
    assert mine.status_code == 200
    if suffix == "":
        assert reported.title in mine.content.decode()


def test_synthesis_summary_is_written_by_the_supervisor_only(
    reported, academic_year, supervisor, executive, as_user
):
    url = reverse("research:synthesis", args=[academic_year.year])
    assert as_user(executive).post(url, {"summary": "x"}).status_code == 403
    as_user(supervisor).post(url, {"summary": "สรุปใหม่"})
    assert as_user(supervisor).get(url).content.decode().count("สรุปใหม่") == 1


def test_instrument_pdf_and_key_pages_by_role(
    office,
    academic_year,
    supervisor,
    committee_member,
    other_supervisor,
    executive,
    client,
    as_user,
):
    instrument = InstrumentFactory(
        project=ResearchProjectFactory(area_office=office, academic_year=academic_year)
    )
    for name, reader in (("research:instrument_pdf", 200), ("research:instrument_key", 403)):
        url = reverse(name, args=[instrument.pk])
        client.logout()
        assert client.get(url).status_code == 302
        assert as_user(committee_member).get(url).status_code == 403
        assert as_user(other_supervisor).get(url).status_code == 404
        assert as_user(executive).get(url).status_code == reader
        assert as_user(supervisor).get(url).status_code == 200


def test_keying_in_paper_answers(office, academic_year, school, supervisor, as_user):
    project = ResearchProjectFactory(area_office=office, academic_year=academic_year)
    project.schools.add(school)
    instrument = InstrumentFactory(project=project, is_open=False)  # paper needs no open link
    url = reverse("research:instrument_key", args=[instrument.pk])
    client = as_user(supervisor)
    raw = answers_for(instrument.template, (5, 4, 3))
    response = client.post(url, {**raw, "paper_no": "17", "school": school.pk})
    assert response.status_code == 302
    keyed = Response.objects.get()
    assert (keyed.source, keyed.school, keyed.keyed_by) == ("paper", school, supervisor)
    again = client.post(url, {**raw, "paper_no": "17"})
    assert again.status_code == 400 and "บันทึกไว้แล้ว" in again.content.decode()
    bad = client.post(url, {**answers_for(instrument.template, (9, 4, 3)), "paper_no": "18"})
    assert bad.status_code == 400
    assert client.post(url, {**raw, "paper_no": ""}).status_code == 400
    assert Response.objects.count() == 1
