"""Every reader reads the Thai text layer exactly (issue 12): pdftotext (-raw and its
default), pypdf, pdfminer.six (layout analysis and stream order), PyMuPDF, PDFium
(Chrome, Edge) and pdf.js (Firefox), on the engine's corpus and on every syllable shape.
Each reader's check fails with the fix off, so each is known to be able to fail; a
failure names the strings the reader got wrong and what it read instead."""

import re

import pytest
from django.template.loader import render_to_string

from iqa_district.pdf import render_pdf
from iqa_district.pdf.specimen import CORPUS

from .readers import READERS
from .test_text_layer import generated_syllables
from .tools import squash, visible_text


def corpus_pdf(fix_text_layer):
    return render_pdf("pdf_tests/corpus.html", {"corpus": CORPUS}, fix_text_layer=fix_text_layer)


def corpus_source():
    html = render_to_string("pdf_tests/corpus.html", {"corpus": CORPUS})
    return visible_text(html)


def misread(pages, source, words=None, *, spaces=False):
    """The words of ``source`` a reader read fewer times than they are printed, whitespace
    aside, as a readable report (empty when it read them all). Words, not lines: readers
    that follow the layout may read a wrapped table row across its cells. ``words``:
    those to check (default: every word of ``source``). ``spaces``: only line breaks
    aside, so a space read inside a word (PDFium's "ท ำงาน") is a misreading."""
    # Hyphens aside too: poppler's reading order joins "O-" at a line end to "NET".
    if spaces:
        text = re.sub(r"[\r\n]+", "", "".join(pages)).replace("-", "")
        printed = re.sub(r"\s+", " ", source).replace("-", "")
    else:
        text = squash("".join(pages)).replace("-", "")
        printed = squash(source).replace("-", "")
    checked = [squash(w).replace("-", "") for w in (words or source).split()]
    wrong = {w: text.count(w) for w in checked if text.count(w) < printed.count(w)}
    return "\n".join(
        f"  {w!r}: read {count} of {printed.count(w)} times" for w, count in wrong.items()
    )


CORPUS_WORDS = " ".join(["ข้อความทดสอบชั้นข้อความ (text layer) ตัวอักษรปกติ ตัวหนา", *CORPUS])


_CORPUS_PDFS: dict = {}


@pytest.fixture
def corpus_pdfs(test_templates):
    """The corpus rendered with the fix on and off, once per worker process; the template
    directory comes through the settings fixture, which resets Django's template engines."""
    if not _CORPUS_PDFS:
        _CORPUS_PDFS.update(
            {"source": corpus_source(), **{fix: corpus_pdf(fix) for fix in (True, False)}}
        )
    return _CORPUS_PDFS


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_reads_the_corpus_exactly(reader, corpus_pdfs):
    report = misread(READERS[reader](corpus_pdfs[True]), corpus_pdfs["source"], CORPUS_WORDS)
    assert not report, f"{reader} misread:\n{report}"


@pytest.mark.parametrize("reader", sorted(READERS))
def test_without_the_fix_every_reader_misreads_the_corpus(reader, corpus_pdfs):
    assert misread(READERS[reader](corpus_pdfs[False]), corpus_pdfs["source"], CORPUS_WORDS)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_reads_every_syllable_shape(reader, test_templates):
    text = generated_syllables()
    source = " ".join([text] * 3)  # regular, bold, italic
    pdf = render_pdf("pdf_tests/syllables.html", {"text": text})
    report = misread(READERS[reader](pdf), source, spaces=True)
    assert not report, f"{reader} misread:\n{report}"
    plain = render_pdf("pdf_tests/syllables.html", {"text": text}, fix_text_layer=False)
    assert misread(READERS[reader](plain), source)


# SARA AM after a syllable with a raised mark (a tone mark over an upper vowel), as the
# demo's orders, visit reports and synthesis print them: PDFium read a space before the
# SARA AM ("ส ำนักงาน", "จ ำแนก") where the raised mark's text object shared a span with
# the glyphs before and after it (issue 12).
SARA_AM_WORDS = (
    "คำสั่งสำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุบลราชธานี",
    "ระดับดีเลิศขึ้นไปจำแนกตามกลุ่มโรงเรียน",
    "ซึ่งสำนักงานเขตพื้นที่",
    "อาศัยอำนาจตามความใน",
    "เพื่อนำไปพัฒนาผู้เรียน",
    "บ้านคำงิ้วกำหนดการพัฒนา",
    "ผู้ทำงานร่วมกันที่ทำงาน",
    "ตั้งจำนวนเงิน",
)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_no_reader_reads_a_space_before_sara_am(reader, test_templates):
    text = " ".join(SARA_AM_WORDS)
    source = " ".join([text] * 3)  # regular, bold, italic
    pdf = render_pdf("pdf_tests/syllables.html", {"text": text})
    report = misread(READERS[reader](pdf), source, text, spaces=True)
    assert not report, f"{reader} misread:\n{report}"


# Words where a kern around a left-shifted mark made pypdf read a space inside the word,
# and a zero-width space (a line-break hint) that every reader used to drop (issue 12).
CLUSTER_WORDS = ("ปั่นป่วน", "ปี๊บ", "ปั๊มน้ำ", "ฟั่นเฟือน", "สถาน\u200bศึกษา")


def split_words(pages, words, times):
    """The words a reader did not read whole ``times`` times (a space inside one, a
    zero-width space lost), with what it read instead."""
    text = "".join(pages)
    return "\n".join(
        f"  {w!r}: read {text.count(w)} of {times} times" for w in words if text.count(w) < times
    )


@pytest.mark.parametrize("reader", sorted(READERS))
def test_no_reader_splits_a_word_inside_a_cluster_or_drops_a_zero_width_space(
    reader, test_templates
):
    text = " ".join(CLUSTER_WORDS)
    pdf = render_pdf("pdf_tests/syllables.html", {"text": text})
    report = split_words(READERS[reader](pdf), CLUSTER_WORDS, 3)
    assert not report, f"{reader} misread:\n{report}"
    plain = render_pdf("pdf_tests/syllables.html", {"text": text}, fix_text_layer=False)
    assert split_words(READERS[reader](plain), CLUSTER_WORDS, 3)


def generated_document():
    """Every syllable shape in wrapped paragraphs (regular, bold, italic) running over
    several pages, then a table whose cells mix Thai with Latin, digits and Thai digits."""
    text = generated_syllables()
    rows = [
        (thai, f"{words} (Grade {n}) ร้อยละ {n * 7.25:.2f}% {latin}", result)
        for n, (thai, words, latin, result) in enumerate(
            [
                ("๑", "ฤดูกาล ฤๅษี ฦๅชา", "O-NET", "ดีเลิศ"),
                ("๒", "เด็กๆ ต่างๆ กรุงเทพฯ ฯลฯ", "NT", "ยอดเยี่ยม"),
                ("๓", "ปีการศึกษา ๒๕๖๗ ที่ ๕๑๑/๒๕๖๕", "RT", "ดี"),
                ("๔", "น้ำท่วม ค่ำคืน ซ้ำซ้อน กำหนด", "SAR 2567", "กำลังพัฒนา"),
            ],
            start=1,
        )
    ]
    source = " ".join([text] * 3 + [" ".join(row) for row in rows])
    return {"text": text, "rows": rows}, source


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_reads_a_generated_document(reader, test_templates):
    context, source = generated_document()
    pdf = render_pdf("pdf_tests/readers.html", context)
    pages = READERS[reader](pdf)
    assert len(pages) >= 3  # the paragraphs run across page breaks
    report = misread(pages, source)
    assert not report, f"{reader} misread:\n{report}"
    plain = render_pdf("pdf_tests/readers.html", context, fix_text_layer=False)
    assert misread(READERS[reader](plain), source)
