"""A correct text layer for Thai (and every complex script) in WeasyPrint's PDFs.

The problem (WeasyPrint issue #2841, still open in 70.0): WeasyPrint shows each glyph
with its glyph id as the character code (``/Identity-H``) and writes ONE Unicode string
per glyph id for the whole document (the ``ToUnicode`` CMap). The first place a glyph is
used decides what it reads back as everywhere, so:

* the halves of สระอำ (NIKHAHIT + SARA AA after HarfBuzz decomposes it) read back as
  ``ำ`` wherever SARA AA appears later (``ปู่ย่า`` -> ``ปู่ย่ำ``), or as nothing;
* a cluster such as ``น้ำ`` whose glyphs HarfBuzz reorders (NIKHAHIT before the tone
  mark) loses or swaps its marks;
* zero-width marks carry their own characters, and extractors that sort by position
  move them.

The fix, done here against pinned internals (``upstream``, imported via ``internals``),
has to suit readers that read the same PDF in different ways (issue 12):

1. Each line drawn goes into a marked-content span whose ``/ActualText`` is the line's
   source text. poppler (pdftotext), PDFium (Chrome, Edge) and MuPDF read that instead
   of the glyphs; pypdf, pdfminer and pdf.js (Firefox) ignore it and read the glyphs.
2. For those, every glyph reads back as at least one character of its Pango cluster, in
   drawing order (``_cluster_texts``), so the cluster reads back in logical order. No
   glyph has an empty ``ToUnicode`` entry that PDFium, pdf.js and MuPDF would replace by
   the character code itself, except the one glyph of a cluster too many (SARA AA of
   สระอำ, drawn after NIKHAHIT): it is drawn under a code that is a Unicode format
   character, which pdf.js drops, with an empty entry, which pypdf, pdfminer and poppler
   read as nothing (``_silent_code``), and it ends its line's span, as MuPDF gives up a
   span's /ActualText at the first glyph that does not continue it.
3. When a glyph must read back differently from the text its glyph id already stands
   for, it is drawn under a second character code (a spare CID above the font's glyph
   count) that a ``CIDToGIDMap`` stream maps back to the same glyph, with the same width
   and its own ``ToUnicode`` entry.
4. Zero-width glyphs (marks) get a small width that the next kern takes back, so
   pdfminer's layout analysis, which ends a line at two zero-width characters in a row,
   keeps the line whole.
5. A raised glyph (a tone mark over an upper vowel: a text object of its own, with a
   text rise) ends its span, and PDFium skips it (``_show_skipped_by_pdfium``): PDFium
   gives a span's whole text to the span's first text object and sorts a line's objects
   by where they start, so a span running past a raised mark read "ส ำนักงาน".

The glyph map (items 2-4) lives in ``glyphmap``. The glyphs drawn and the pen's positions never change, so the page is pixel-identical;
only the text layer changes. ``tests/pdf/test_readers.py`` reads the result with every
one of those readers. The patch is installed once and enabled per rendering through a
context variable (``enabled()``), so ``render_pdf(..., fix_text_layer=False)`` can show
what WeasyPrint alone produces.
"""

import contextlib
import contextvars
from codecs import BOM_UTF16_BE
from collections.abc import Iterator
from io import BytesIO
from typing import Any
from xml.etree import ElementTree

import pydyf
from PIL import Image

from .glyphmap import (
    _MAX_CODE,
    _PAD,
    _build_vector_font_dictionary,
    _clean,
    _code_for,
    _display_clusters,
    _is_ellipsis,
    _silent_code,
    _spare_base,
)
from .internals import (
    FROM_UNITS,
    LOGGER,
    TO_UNITS,
    RasterImage,
    SVGImage,
    draw_text_module,
    ffi,
    get_hb_object_data,
    get_last_word_end,
    pango,
    pdf_fonts_module,
)

# The version guard, where the text layer has always exposed it.
from .upstream import WEASYPRINT_VERSION as WEASYPRINT_VERSION
from .upstream import UnsupportedWeasyPrint as UnsupportedWeasyPrint
from .upstream import check_version as check_version

_ENABLED = contextvars.ContextVar("iqa_pdf_text_layer_fix", default=False)
_installed = False


@contextlib.contextmanager
def enabled(active: bool = True) -> Iterator[None]:
    """Switch the text-layer fix on (or off) for renderings in this context."""
    install()
    token = _ENABLED.set(active)
    try:
        yield
    finally:
        _ENABLED.reset(token)


def install() -> None:
    """Install the patch into WeasyPrint (idempotent; inactive until ``enabled()``)."""
    global _installed
    if _installed:
        return
    draw_text_module.draw_first_line = _draw_first_line
    pdf_fonts_module._build_vector_font_dictionary = _build_vector_font_dictionary
    pdf_fonts_module.Font.clean = _clean
    _installed = True


_original_draw_first_line = draw_text_module.draw_first_line


# --- drawing (copy of WeasyPrint 70.0 draw.text.draw_first_line, text layer changed) ---


def _draw_first_line(
    stream: Any,
    textbox: Any,
    text_overflow: str,
    block_ellipsis: str | tuple[str, str],
    matrix: Any,
) -> list[list[Any]]:
    if not _ENABLED.get():
        emojis: list[list[Any]] = _original_draw_first_line(
            stream, textbox, text_overflow, block_ellipsis, matrix
        )
        return emojis

    if not textbox.text.strip():
        return []

    if textbox.style["font_size"] < 1e-6:
        return []

    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)

    if text_overflow == "ellipsis" or block_ellipsis != "none":
        assert textbox.pango_layout.max_width is not None
        max_width = textbox.pango_layout.max_width
        pango.pango_layout_set_width(textbox.pango_layout.layout, int(max_width * TO_UNITS))
        if text_overflow == "ellipsis":
            pango.pango_layout_set_ellipsize(textbox.pango_layout.layout, pango.PANGO_ELLIPSIZE_END)
        else:
            if block_ellipsis == "auto":
                ellipsis = "…"
            else:
                assert block_ellipsis[0] == "string"
                ellipsis = block_ellipsis[1]

            new_text = textbox.pango_layout.text
            if new_text.endswith(textbox.style["hyphenate_character"]):
                last_word_end = get_last_word_end(
                    new_text[: -len(textbox.style["hyphenate_character"])],
                    textbox.style["lang"],
                )
                if last_word_end:
                    new_text = new_text[:last_word_end]

            textbox.pango_layout.set_text(new_text + ellipsis)

    first_line, index = textbox.pango_layout.get_first_line()

    if block_ellipsis != "none":
        while index:
            last_word_end = get_last_word_end(
                textbox.pango_layout.text[: -len(ellipsis)], textbox.style["lang"]
            )
            if last_word_end is None:
                break
            new_text = textbox.pango_layout.text[:last_word_end]
            textbox.pango_layout.set_text(new_text + ellipsis)
            first_line, index = textbox.pango_layout.get_first_line()

    # Our change: the line goes into a marked-content span whose /ActualText is the line's
    # text (inserted here once the glyphs are known, see _close_actual_text).
    span_start = len(stream.stream)
    line_text: list[str] = []
    after_rise = False
    stream.set_text_matrix(*matrix.values)
    previous_pango_font = None
    string = ""
    x_advance = 0
    emojis = []
    utf8_text = textbox.pango_layout.text.encode()
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        glyphs_info = glyph_string.glyphs
        num_glyphs = glyph_string.num_glyphs
        clusters = glyph_string.log_clusters

        pango_font = glyph_item.item.analysis.font
        if pango_font != previous_pango_font:
            previous_pango_font = pango_font
            font, font_size = stream.add_font(pango_font)

            if pango.pango_version() < 14802 or font.png:
                font_size = textbox.style["font_size"]

            if string:
                stream.show_text(string)
                span_start, line_text = _end_span(stream, span_start, line_text)
                after_rise = False
            string = ""
            stream.set_font_size(font.hash, 1 if font.bitmap else font_size)

        # Our change: which text each glyph reads back as (see module docstring).
        rtl = glyph_item.item.analysis.level % 2
        fixable = not (rtl or font.bitmap) and _spare_base(font) <= _MAX_CODE
        cluster_texts: list[str | None] | None = None
        if fixable and _is_ellipsis(glyph_item.item.analysis):
            # Pango's "…" run stands for the whole elided text; it reads back as "…".
            cluster_texts = ["\u2026", *[None] * (num_glyphs - 1)]
        elif fixable:
            cluster_texts = _display_clusters(
                utf8_text,
                glyph_item.item.offset,
                glyph_item.item.length,
                ffi.unpack(clusters, num_glyphs),
                [info.glyph != pango.PANGO_GLYPH_EMPTY for info in glyphs_info[0:num_glyphs]],
            )

        # Per run, not per glyph (the loop below runs for every glyph drawn).
        padded: set[int] = font.__dict__.setdefault("iqa_padded_codes", set())
        to_unicode = font.to_unicode
        string += "<"
        for i, glyph_info in enumerate(glyphs_info[0:num_glyphs]):
            glyph_id = glyph_info.glyph
            width = glyph_info.geometry.width

            if glyph_id == pango.PANGO_GLYPH_EMPTY:
                string += f">{-width / font_size}<"
                continue

            if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                codepoint = glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG
                LOGGER.warning(
                    '.notdef glyph rendered for Unicode string unsupported by fonts: "%s" (U+%04X)',
                    chr(codepoint),
                    codepoint,
                )
                glyph_id = font.get_unused_glyph_id(codepoint)
                font.widths[glyph_id] = round(width * 1000 * FROM_UNITS / font_size)
                if 0 not in font.widths:
                    font.widths[0] = font.widths[glyph_id]

            glyph_text: str | None
            if cluster_texts is not None:
                glyph_text = cluster_texts[i]
                if glyph_text is None:
                    code = _silent_code(font, glyph_id) or _code_for(font, glyph_id, "")
                elif to_unicode.get(glyph_id) == glyph_text:
                    code = glyph_id  # _code_for's commonest answer, without the call
                else:
                    code = _code_for(font, glyph_id, glyph_text)
            else:
                code = glyph_id
                if glyph_id not in font.to_unicode:
                    offset = glyph_item.item.offset
                    t1 = clusters[i]
                    if rtl:
                        t2 = glyph_item.item.length if i == 0 else clusters[i - 1]
                    else:
                        t2 = glyph_item.item.length if i == num_glyphs - 1 else clusters[i + 1]
                    font.to_unicode[glyph_id] = utf8_text[offset + t1 : offset + t2].decode()
                glyph_text = font.to_unicode[glyph_id]

            offset = glyph_info.geometry.x_offset / font_size
            rise = glyph_info.geometry.y_offset / 1000
            if after_rise and not rise:
                # Our change: the span of a raised glyph's text object ends with it (see
                # _end_span); the next text object starts here.
                span_start, line_text = _end_span(stream, span_start, line_text)
            after_rise = bool(rise)
            if rise:
                if string[-1] == "<":
                    string = string[:-1]
                else:
                    string += ">"
                if string:
                    stream.show_text(string)
                stream.set_text_rise(-rise)
                string = ""
                if offset:
                    string = f"{-offset}"
                string += f"<{code:02x}>" if font.bitmap else f"<{code:04x}>"
                if cluster_texts is not None:
                    _show_skipped_by_pdfium(stream, string)
                else:
                    stream.show_text(string)
                if glyph_text is not None:
                    line_text.append(glyph_text)
                stream.set_text_rise(0)
                string = "<"
            else:
                if offset:
                    string += f">{-offset}<"
                string += f"{code:02x}" if font.bitmap else f"{code:04x}"
                if glyph_text is not None:
                    line_text.append(glyph_text)

            if glyph_id in font.widths:
                logical_width = font.widths[glyph_id] - (_PAD if glyph_id in padded else 0)
            else:
                pango.pango_font_get_glyph_extents(
                    pango_font, glyph_id, stream.ink_rect, stream.logical_rect
                )
                logical_width = font.widths[glyph_id] = round(
                    stream.logical_rect.width * 1000 * FROM_UNITS / font_size
                )
            # Our change: a zero-width glyph (a mark) is given a tiny width that the next
            # kern takes back, so the pen moves exactly as before; extractors that group
            # characters into lines by their boxes (pdfminer) never meet two zero-width
            # characters in a row, which they take for a line break.
            # (A silent glyph ends its /ActualText span, and PDFium reads a gap after a
            # span that looks wider than it is; no two silent glyphs are ever adjacent.)
            pad = 0
            if cluster_texts is not None and cluster_texts[i] is not None and not logical_width:
                pad = _PAD
            if code != glyph_id or pad:
                font.widths[code] = logical_width + pad
                if pad:
                    padded.add(code)

            kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
            if kerning or pad:
                string += f">{int(kerning) + pad}<"

            if font.svg:
                svg_data = get_hb_object_data(font.hb_face, "svg", glyph_id)
                if svg_data:
                    tree = ElementTree.fromstring(svg_data)  # noqa: S314 (font data)
                    if tree.get("id") != f"glyph{glyph_id}":
                        defs = ElementTree.Element("defs")
                        for child in list(tree):
                            defs.append(child)
                            tree.remove(child)
                        tree.append(defs)
                        ElementTree.SubElement(tree, "use", attrib={"href": f"#glyph{glyph_id}"})
                    if "viewBox" not in tree.attrib:
                        tree.attrib["viewBox"] = f"0 0 {font.upem} {font.upem}"
                    image = SVGImage(tree, None, None, None)
                    emojis.append([image, font, 1, 1, x_advance, 0])
            elif font.png:
                png_data = get_hb_object_data(font.hb_font, "png", glyph_id)
                if png_data:
                    pillow_image = Image.open(BytesIO(png_data))
                    image_id = f"{font.hash}{glyph_id}"
                    image = RasterImage(pillow_image, image_id, png_data)
                    d = logical_width / 1000
                    a = pillow_image.width / pillow_image.height * d
                    pango.pango_font_get_glyph_extents(
                        pango_font, glyph_id, stream.ink_rect, stream.logical_rect
                    )
                    f = -stream.logical_rect.y
                    f = f * FROM_UNITS / font_size - font_size
                    emojis.append([image, font, a, d, x_advance, f])
            elif font.colr:
                svg_data = get_hb_object_data(font.hb_font, "colr", glyph_id)
                if svg_data:
                    tree = ElementTree.fromstring(svg_data)  # noqa: S314 (font data)
                    image = SVGImage(tree, None, None, None)
                    e = x_advance - kerning
                    emojis.append([image, font, 1, 1, e, -textbox.baseline])

            x_advance += (logical_width + offset - kerning) / 1000

            if cluster_texts is not None and cluster_texts[i] is None and line_text:
                # MuPDF gives up a span's /ActualText at the first glyph whose text does
                # not continue it, and a silent glyph's never does: it ends its span.
                string = string[:-1] if string[-1] == "<" else string + ">"
                if string:
                    stream.show_text(string)
                _close_actual_text(stream, span_start, "".join(line_text))
                span_start, line_text, string = len(stream.stream), [], "<"

        if string[-1] == "<":
            string = string[:-1]
        else:
            string += ">"

    stream.show_text(string)
    _close_actual_text(stream, span_start, "".join(line_text))

    return emojis


def _end_span(stream: Any, start: int, texts: list[str]) -> tuple[int, list[str]]:
    """Close the span drawn since ``start`` (see _close_actual_text); a new one starts
    here, with a new text object. PDFium gives a span's whole /ActualText to its first
    text object and measures the gap to the next span from that object's last glyph, so
    a span must not run past the raised glyphs (each drawn as a text object of its own,
    with a text rise) that follow its first object: "ส ำนักงาน", a space where SARA
    AM's silent half ends the next span. Nor may a span hold only raised marks: poppler
    places a span's text at its glyphs' box and reads a mark above the line as a line
    of its own."""
    _close_actual_text(stream, start, "".join(texts))
    return len(stream.stream), []


# An /ActualText of one NUL character (written in hex): PDFium takes it for no text at
# all and skips the glyphs it covers, MuPDF reads nothing for them, poppler reads
# /ActualText on /Span only (the tag here is our own).
_PDFIUM_SKIP = b"<</ActualText <00>>>"


def _show_skipped_by_pdfium(stream: Any, string: str) -> None:
    """Show a raised glyph's text object so that PDFium passes over it.

    PDFium sorts the text objects of a line by where they start, and a raised mark
    starts where the glyph after it does (or a fraction of a unit off): whichever it
    sorts after, PDFium reads it with that object's span (and reads its own span again
    after another). Its text is in its span's /ActualText already, so PDFium must not
    read it at all; every other reader reads it as before."""
    stream.stream += [b"/IQAMark", _PDFIUM_SKIP, b"BDC"]
    stream.show_text(string)
    stream.end_marked_content()


def _close_actual_text(stream: Any, start: int, text: str) -> None:
    """Wrap what was drawn since ``start`` in ``/Span <</ActualText (text)>> BDC ... EMC``.

    The operator goes into the stream as the bytes pydyf would write for it (its items are
    joined by newlines), not as a ``pydyf.Dictionary`` serialised when the PDF is written:
    one span per line drawn made that a tenth of the text layer's cost."""
    if not text:
        return
    if text.isascii():
        string = pydyf.String(text).data
    else:
        string = b"<" + (BOM_UTF16_BE + text.encode("utf-16-be")).hex().encode() + b">"
    stream.stream.insert(start, b"/Span\n<</ActualText " + string + b">>\nBDC")
    stream.stream.append(b"EMC")
