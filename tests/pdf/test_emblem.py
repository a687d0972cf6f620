"""The Garuda on orders (3 cm) and memos (1.5 cm), from our own vector file; orders'
continuation pages numbered "- ๒ -" at the top centre; the synthesis's cover memo as a
download for the office's quality managers (issue 12 item 6)."""

import io

import pytest
from django.urls import reverse

from iqa_district.pdf import render_pdf
from tests.supervision.factories import full_committee

from .tools import check_official_pdf, pdftotext_pages

pytestmark = pytest.mark.django_db

CM = 72 / 2.54


def _garuda_height(pdf, page=0):
    """Height (cm) of the filled black curves in the top 8 cm of a page: the Garuda is
    the only curved drawing there (borders and dotted lines are straight)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        art = [
            curve
            for curve in document.pages[page].curves
            if curve["fill"] and curve["top"] < 8 * CM
        ]
    if not art:
        return 0
    return round((max(o["bottom"] for o in art) - min(o["top"] for o in art)) / CM, 2)


def test_the_order_has_a_3_cm_garuda_and_numbers_its_next_pages_at_the_top(office, academic_year):
    committee = full_committee(office=office, year=academic_year)
    committee.duties = "\n".join(f"ข้อ {n} ตรวจเยี่ยม ติดตาม และประเมินคุณภาพ" for n in range(40))
    committee.save(update_fields=["duties"])
    from supervision import pdf as supervision_pdf

    pdf = supervision_pdf.committee_order_pdf(committee)
    check_official_pdf(pdf, "pdf-order-garuda", expect_text=["คำสั่ง"])
    assert 2.9 <= _garuda_height(pdf) <= 3.1
    pages = pdftotext_pages(pdf)
    assert len(pages) >= 2
    assert "- ๑ -" not in pages[0]
    assert "หน้า" not in pages[1]
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[1]
        head = [c for c in page.chars if c["bottom"] < 2.5 * CM and c["text"].strip()]
    assert "".join(c["text"] for c in head) == "-๒-"
    middle = (min(c["x0"] for c in head) + max(c["x1"] for c in head)) / 2
    # The centre of the text column (3 cm left, 2 cm right margins) of an A4 page.
    assert abs(middle - 11 * CM) < 0.3 * CM


def test_the_synthesis_memo_has_a_1_5_cm_garuda(office, cluster, other_office, academic_year):
    from sar.synthesis import pdf as synthesis_pdf
    from sar.synthesis import services
    from tests.sar.factories import make_district

    make_district(office, cluster, other_office)
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert services.synthesis_execute(run_id=run.pk)
    run.refresh_from_db()
    pdf = synthesis_pdf.cover_memo_pdf(run)
    check_official_pdf(
        pdf,
        "pdf-synthesis-memo",
        expect_text=["บันทึกข้อความ", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "ปีการศึกษา ๒๕๖๗"],
    )
    assert 1.4 <= _garuda_height(pdf) <= 1.6


def test_the_garuda_is_drawn_from_our_static_file_only():
    from iqa_district.pdf.fetcher import make_url_fetcher

    fetcher = make_url_fetcher(())
    pdf = render_pdf("pdf/_memo.html", {"subject": "ทดสอบ"}, fetcher=fetcher)
    assert fetcher.refused == []
    assert 1.4 <= _garuda_height(pdf) <= 1.6


@pytest.fixture
def done_run(office, cluster, other_office, academic_year):
    from sar.synthesis import services
    from tests.sar.factories import make_district

    make_district(office, cluster, other_office)
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert services.synthesis_execute(run_id=run.pk)
    return run


def test_memo_download_for_a_quality_manager(done_run, supervisor, as_user):
    response = as_user(supervisor).get(reverse("sar:synthesis_memo", args=[done_run.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    text = "".join(pdftotext_pages(response.content))
    assert "บันทึกข้อความ" in text
    assert supervisor.get_full_name().split()[0] in text
    detail = as_user(supervisor).get(reverse("sar:synthesis_detail", args=[done_run.pk]))
    assert reverse("sar:synthesis_memo", args=[done_run.pk]) in detail.content.decode()


def test_memo_refused_to_other_roles_anonymous_and_other_offices(
    done_run, executive, other_supervisor, as_user
):
    from django.test import Client

    url = reverse("sar:synthesis_memo", args=[done_run.pk])
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert as_user(executive).get(url).status_code == 403
    assert as_user(other_supervisor).get(url).status_code == 404
