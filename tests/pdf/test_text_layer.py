"""The Thai text layer: what pdftotext and pypdf extract equals the source text.

Real WeasyPrint output, real `pdftotext -raw`, real pypdf. Run with the fix switched off,
the same check fails, so it is known to be able to fail.
"""

import io

import pytest
import weasyprint
from django.template.loader import render_to_string

from iqa_district.pdf import render_pdf, textlayer
from iqa_district.pdf.specimen import CORPUS, specimen_context
from iqa_district.thai import thai_digits

from .tools import pdftotext_pages, pypdf_pages, require_tool, squash, visible_text

HEADER = "หัวกระดาษ ประจำปีการศึกษา ๒๕๖๗"


def render_corpus(fix_text_layer=True):
    context = {"corpus": CORPUS}
    pdf = render_pdf("pdf_tests/corpus.html", context, fix_text_layer=fix_text_layer)
    html = render_to_string("pdf_tests/corpus.html", {**context, "pdf_counter_style": "thai"})
    return pdf, squash(visible_text(html))


def body_text(pages, strict=True):
    """Every page's text without its running header and its page number, whitespace
    squashed; fails (if ``strict``) when a page lacks either."""
    body = []
    for number, text in enumerate(pages, start=1):
        text = squash(text)
        for margin in (HEADER, f"หน้า {thai_digits(number)} จาก {thai_digits(len(pages))}"):
            margin = squash(margin)
            if strict:
                assert margin in text, f"page {number}: {margin!r} not in {text!r}"
            text = text.replace(margin, "", 1)
        body.append(text)
    return "".join(body)


def first_difference(expected, actual):
    for i, (a, b) in enumerate(zip(expected, actual, strict=False)):
        if a != b:
            return f"at {i}: expected {expected[i : i + 12]!r}, got {actual[i : i + 12]!r}"
    return f"lengths {len(expected)} != {len(actual)}"


@pytest.fixture
def corpus_pdf(test_templates):
    return render_corpus()


def test_corpus_template_covers_what_breaks_thai_extraction(corpus_pdf):
    _, expected = corpus_pdf
    for needle in (
        "ผู้ใหญ่",
        "ปู่ย่า",
        "ทั้งนี้",
        "ซึ่ง",
        "น้ำท่วม",
        "กำหนด",
        "ประจำปี",
        "ฐ",
        "ญ",
        "ฎ",
        "ฏ",
        "ฤ",
        "๐๑๒๓๔๕๖๗๘๙",
        "O-NET45.75%",
    ):
        assert needle in expected


def test_pdftotext_raw_extracts_the_source_text(corpus_pdf):
    pdf, expected = corpus_pdf
    pages = pdftotext_pages(pdf)
    assert len(pages) == 2
    actual = body_text(pages)
    assert actual == expected, first_difference(expected, actual)


def test_pypdf_extracts_the_source_text(corpus_pdf):
    pdf, expected = corpus_pdf
    actual = body_text(pypdf_pages(pdf))
    assert actual == expected, first_difference(expected, actual)


def test_no_tounicode_entry_reads_back_as_its_character_code(corpus_pdf):
    """PDFium, pdf.js and MuPDF read an empty ToUnicode entry as the character code itself
    (issue 12): every entry has text, except those of codes that are Unicode format
    characters (which pdf.js drops and the others read through /ActualText)."""
    import unicodedata

    from pypdf import PdfReader

    pdf, _ = corpus_pdf
    reader = PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(font.get_object().indirect_reference.idnum)
            cmap = font.get_object()["/ToUnicode"].get_object().get_data().decode()
            for line in cmap.splitlines():
                if line.startswith("<") and "> <" in line:
                    code, text = line[1:].rstrip(">").split("> <")
                    if not text:
                        assert unicodedata.category(chr(int(code, 16))) == "Cf", line
    assert len(fonts) == 2  # regular and bold


def generated_syllables(consonants=None):
    """Every consonant with every upper vowel and tone mark, lower vowels, tone + สระอำ,
    and a leading vowel with a final: ~2,000 syllables, more than any form will use."""
    consonants = consonants or [chr(c) for c in range(0x0E01, 0x0E2F)]
    upper = ["", "\u0e34", "\u0e35", "\u0e36", "\u0e37", "\u0e31"]
    lower = ["\u0e38", "\u0e39", "\u0e3a"]
    tones = ["", "\u0e48", "\u0e49", "\u0e4a", "\u0e4b", "\u0e4c"]
    words = []
    for c in consonants:
        words += [c + u + t for u in upper for t in tones]
        words += [c + "\u0e47"]
        words += [c + v + t for v in lower for t in tones[:3]]
        words += [c + t + "\u0e33" for t in tones[:5]]
        words += ["เ" + c + "ี" + "ยว"]
    return " ".join(words) + " ๆ ฯ ฯลฯ ฤๅ ฦๅ office ffl"


def test_every_syllable_shape_extracts_correctly(test_templates):
    text = generated_syllables()
    pdf = render_pdf("pdf_tests/syllables.html", {"text": text})
    expected = squash(text) * 3  # regular, bold, italic
    for pages in (pdftotext_pages(pdf), pypdf_pages(pdf)):
        actual = body_text(pages)
        assert actual == expected, first_difference(expected, actual)


def test_without_the_fix_the_same_check_fails(test_templates):
    pdf, expected = render_corpus(fix_text_layer=False)
    assert body_text(pdftotext_pages(pdf), strict=False) != expected
    assert body_text(pypdf_pages(pdf), strict=False) != expected
    # The known symptoms (issue 7): สระอำ lost (กาหนด) or SARA AA read as สระอำ (ปู่ย่ำ).
    for pages in (pdftotext_pages(pdf), pypdf_pages(pdf)):
        text = squash("".join(pages))
        assert "กาหนด" in text or "ปู่ย่ำ" in text


def test_the_fix_is_switched_off_again_after_a_rendering(test_templates):
    render_corpus(fix_text_layer=True)
    assert textlayer._ENABLED.get() is False


def _png_pages(pdf, tmp_path, name):
    require_tool("pdftoppm")
    import subprocess

    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "110", "-png", path, tmp_path / name], check=True)
    return sorted(tmp_path.glob(f"{name}-*.png"))


@pytest.mark.parametrize("document", ["specimen", "syllables"])
def test_the_fix_leaves_every_page_pixel_identical(document, tmp_path, test_templates):
    from PIL import Image, ImageChops

    if document == "specimen":
        template, context = "pdf/_specimen.html", specimen_context(sections=1)
    else:
        # Every mark on the consonants whose shapes change (descenders, tall ascenders).
        text = generated_syllables("กญฐฎฏปฝฟฬนฤ")
        template, context = "pdf_tests/syllables.html", {"text": text}
    fixed = _png_pages(render_pdf(template, context), tmp_path, "fixed")
    plain = _png_pages(render_pdf(template, context, fix_text_layer=False), tmp_path, "plain")
    assert len(fixed) == len(plain) >= 2
    for a, b in zip(fixed, plain, strict=True):
        with Image.open(a) as image_a, Image.open(b) as image_b:
            assert image_a.size == image_b.size
            difference = ImageChops.difference(image_a.convert("RGB"), image_b.convert("RGB"))
            assert difference.getbbox() is None, a.name


def test_the_pixel_comparison_can_fail(tmp_path, test_templates):
    from PIL import Image, ImageChops

    one = _png_pages(render_pdf("pdf_tests/syllables.html", {"text": "กำหนด"}), tmp_path, "one")
    two = _png_pages(render_pdf("pdf_tests/syllables.html", {"text": "กำหนค"}), tmp_path, "two")
    with Image.open(one[0]) as image_a, Image.open(two[0]) as image_b:
        difference = ImageChops.difference(image_a.convert("RGB"), image_b.convert("RGB"))
        assert difference.getbbox() is not None


def test_specimen_report_extracts_correctly_too():
    """A long real layout (cover, tables over pages, signature) reads back with every
    corpus line intact."""
    pdf = render_pdf("pdf/_specimen.html", specimen_context(sections=2))
    for pages in (pdftotext_pages(pdf), pypdf_pages(pdf)):
        text = squash("".join(pages))
        for line in CORPUS:
            assert squash(line) in text
        assert squash("สถานศึกษากำหนดมาตรฐานการศึกษาและค่าเป้าหมาย") in text
        assert "ย่ำ" not in text


def test_display_clusters_share_each_cluster_text_among_its_glyphs():
    # น้ำ shaped as น, NIKHAHIT, MAI THO, SARA AA: one Pango cluster of 9 bytes.
    text = "น้ำ".encode()
    texts = textlayer._display_clusters(text, 0, len(text), [0, 0, 0, 0], [True] * 4)
    # One character per glyph in drawing order; SARA AA, the glyph too many, reads
    # back as nothing (HarfBuzz moved NIKHAHIT before the tone mark).
    assert texts == ["น", "้", "ำ", None]
    # ผู้ as three clusters: each glyph its own character, in drawing order.
    text = "ผู้".encode()
    texts = textlayer._display_clusters(text, 0, len(text), [0, 3, 6], [True] * 3)
    assert texts == ["ผ", "ู", "้"]
    # A zero-width space Pango draws nothing for reads back before the next glyph.
    text = "ก\u200bข".encode()
    texts = textlayer._display_clusters(text, 0, len(text), [0, 3, 6], [True, False, True])
    assert texts == ["ก", None, "\u200bข"]


def test_an_upgrade_of_weasyprint_fails_loudly(monkeypatch):
    assert weasyprint.__version__ == textlayer.WEASYPRINT_VERSION
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(textlayer.UnsupportedWeasyPrint):
        textlayer.check_version()


def test_an_ellipsis_reads_back_as_the_ellipsis_not_the_hidden_text(test_templates):
    text = "ผู้ใหญ่บ้านกำหนดประชุมประจำปีเรื่องน้ำท่วม ข้อความส่วนท้ายที่ถูกซ่อนไว้"
    pdf = render_pdf("pdf_tests/ellipsis.html", {"text": text})
    for pages in (pdftotext_pages(pdf), pypdf_pages(pdf)):
        shown = squash(pages[0]).replace(squash("หน้า ๑ จาก ๑"), "")
        assert shown.endswith("…") and "ถูกซ่อน" not in shown, shown
        assert squash(text).startswith(shown[:-1])


def test_concurrent_renderings_keep_their_own_switch(test_templates):
    """The switch is a context variable: a rendering without the fix in another thread
    never turns it off (or on) for this one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda fix: (fix, render_corpus(fix)), [True, False] * 3))
    for fix, (pdf, expected) in results:
        assert (body_text(pypdf_pages(pdf), strict=False) == expected) is fix
