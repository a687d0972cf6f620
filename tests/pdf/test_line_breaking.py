"""Line breaking a Thai reader accepts (issue 12 item 8): names break only between their
words, official terms stay on one line, no justification gaps, and the "พิมพ์เมื่อ" footer
prints on the reports that set it."""

import io

import pytest

from iqa_district.templatetags.thai import keep_terms, keep_words
from supervision import pdf as supervision_pdf
from tests.factories import SchoolFactory
from tests.supervision.factories import full_committee
from tests.supervision.test_reports import published_p2

from .tools import _is_mark, _spacing_glyphs, check_official_pdf, pdftotext_pages, squash

pytestmark = pytest.mark.django_db


def test_keep_terms_wraps_the_terms_and_escapes_text():
    html = keep_terms("<b> ผู้รับการนิเทศ ปีการศึกษา ๒๕๖๗")
    assert html.startswith("&lt;b&gt; ")
    assert '<span class="nowrap">ผู้รับการนิเทศ</span>' in html
    assert '<span class="nowrap">ปีการศึกษา</span> ๒๕๖๗' in html


def test_keep_words_keeps_each_word_whole():
    assert keep_words("นางสาวสมใจ  ศรีวงศ์<") == (
        '<span class="nowrap">นางสาวสมใจ</span> <span class="nowrap">ศรีวงศ์&lt;</span>'
    )


def _lines_of(pdf, word):
    """The baselines (rounded) of the glyphs of ``word`` wherever it is printed."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = [c for page in document.pages for c in page.chars if c["text"].strip()]
    text = "".join(c["text"] for c in chars)
    start = text.index(word)
    # A glyph may carry a cluster of several characters (สระอำ, stacked marks).
    taken, index, found = 0, 0, []
    while taken < start + len(word):
        if taken >= start and not _is_mark(chars[index]["text"]):
            found.append((chars[index]["page_number"], round(chars[index]["bottom"])))
        taken += len(chars[index]["text"])
        index += 1
    return set(found)


def test_a_long_member_name_breaks_between_name_and_surname_only(office, academic_year):
    committee = full_committee(office=office, year=academic_year)
    member = committee.members.order_by("order", "pk").first()
    member.name = "นางสาวพรรณวดีรัตนาภรณ์ ศรีวงศ์สวัสดิ์ชัย"
    member.save(update_fields=["name"])
    pdf = supervision_pdf.committee_order_pdf(committee)
    check_official_pdf(pdf, "pdf-order-long-name", expect_text=[member.name])
    assert len(_lines_of(pdf, "นางสาวพรรณวดีรัตนาภรณ์")) == 1
    assert len(_lines_of(pdf, "ศรีวงศ์สวัสดิ์ชัย")) == 1


def test_the_memo_has_no_justification_gaps(office, cluster, other_office, academic_year):
    import pdfplumber

    from sar.synthesis import pdf as synthesis_pdf
    from sar.synthesis import services
    from tests.sar.factories import make_district

    make_district(office, cluster, other_office)
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert services.synthesis_execute(run_id=run.pk)
    run.refresh_from_db()
    pdf = synthesis_pdf.cover_memo_pdf(run)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        body_top = next(
            line["top"]
            for line in page.extract_text_lines()
            if squash(line["text"]).startswith("เรียน")
        )
        lines = {}
        for c in _spacing_glyphs(page):
            if c["top"] > body_top + 10:
                lines.setdefault(round(c["bottom"]), []).append(c)
    gaps = []
    for line in lines.values():
        line.sort(key=lambda c: c["x0"])
        gaps += [after["x0"] - before["x1"] for before, after in zip(line, line[1:], strict=False)]
    # A space of Sarabun 16 pt is about 4 pt; justification stretched them to 10-30 pt.
    assert gaps and max(gaps) < 8, max(gaps)


def test_reports_print_the_printed_on_footer(office, academic_year):
    visit = published_p2(SchoolFactory(area_office=office), academic_year, [5, 4, 3, 2])
    pages = pdftotext_pages(supervision_pdf.visit_report_pdf(visit))
    assert all("พิมพ์เมื่อ" in page for page in pages)
    assert squash("ผู้รับการนิเทศ") in squash(pages[-1])
