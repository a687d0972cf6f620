"""The glyph map of the text layer (``textlayer``): which character code draws each
glyph and what it reads back as, and the font dictionaries that carry those codes.

Kept apart from the drawing so each module stays readable; ``textlayer``'s docstring
explains the whole fix.
"""

import sys
from collections.abc import Sequence
from typing import Any

import pydyf

from .internals import pdf_fonts_module

# Spare character codes start this far above a font's glyph count; WeasyPrint itself
# uses the codes just above the glyph count for glyphs missing from the font.
_SPARE_CODE_GAP = 0x1000
_MAX_CODE = 0xFFFF
# The width (in thousandths of the font size) a zero-width glyph is given and taken back.
_PAD = 100

# Unicode format characters (category Cf) above any font's glyph count, for glyphs that
# read back as nothing (see _silent_code).
_SILENT_CODES = (*range(0x200B, 0x2010), *range(0x2060, 0x2065), *range(0x2066, 0x2070))


_original_clean = pdf_fonts_module.Font.clean
_original_build_vector_font_dictionary = pdf_fonts_module._build_vector_font_dictionary


# --- glyph codes ----------------------------------------------------------------------


def _spare_base(font: Any) -> int:
    return int(font.glyph_count) + _SPARE_CODE_GAP


def _code_for(font: Any, glyph_id: int, text: str) -> int:
    """The character code that draws ``glyph_id`` and reads back as ``text``."""
    current = font.to_unicode.get(glyph_id)
    if current is None:
        font.to_unicode[glyph_id] = text
        return glyph_id
    if current == text:
        return glyph_id
    codes: dict[tuple[int, str], int] = font.__dict__.setdefault("iqa_spare_codes", {})
    key = (glyph_id, text)
    code = codes.get(key)
    if code is None:
        code = max(codes.values(), default=_spare_base(font) - 1) + 1
        while code in font.to_unicode:  # a silent code (_silent_code) already took it
            code += 1
        if code > _MAX_CODE:
            return glyph_id  # out of codes: read back as WeasyPrint would
        codes[key] = code
        font.__dict__.setdefault("iqa_code_to_glyph", {})[code] = glyph_id
        font.to_unicode[code] = text
    return code


def _silent_code(font: Any, glyph_id: int) -> int | None:
    """A character code that draws ``glyph_id`` and reads back as nothing in every reader.

    Its ``ToUnicode`` entry is empty (nothing for pypdf, pdfminer, poppler); pdf.js, PDFium
    and MuPDF read the code itself, a Unicode format character that pdf.js drops (PDFium
    and MuPDF read the /ActualText). None once the font has used all of them."""
    codes: dict[int, int] = font.__dict__.setdefault("iqa_silent_codes", {})
    code = codes.get(glyph_id)
    if code is None:
        free = [c for c in _SILENT_CODES if c >= font.glyph_count and c not in font.to_unicode]
        if not free:
            return None
        code = codes[glyph_id] = free[0]
        font.__dict__.setdefault("iqa_code_to_glyph", {})[code] = glyph_id
        font.to_unicode[code] = ""
    return code


def _cluster_texts(piece: str, count: int) -> list[str | None]:
    """How the text of one Pango cluster is shared by its ``count`` drawn glyphs.

    Every glyph reads back as at least one character, in drawing order, so readers that
    follow the content stream (pypdf, pdfminer, pdf.js) read the cluster text and none of
    them meets a glyph without text. The one glyph too many is SARA AM's: HarfBuzz draws
    it as NIKHAHIT, moved before the tone marks, plus SARA AA; SARA AA, the last, reads
    back as nothing (None, see ``_silent_code``) and ends its /ActualText span, where
    MuPDF would otherwise give up the span's text. A ligature reads back as all of it."""
    chars = list(piece)
    if count <= 1 or not chars:
        return [piece] + [None] * (count - 1)
    if len(chars) > 1 and chars[-1] == "\u0e33" and count == len(chars) + 1:
        return [*chars, None]
    if count <= len(chars):
        return [*chars[: count - 1], "".join(chars[count - 1 :])]
    return [*chars[:-1], *[None] * (count - len(chars)), chars[-1]]


def _display_clusters(
    utf8_text: bytes,
    offset: int,
    length: int,
    clusters: Sequence[int],
    drawn: Sequence[bool],
) -> list[str | None]:
    """For each glyph of a left-to-right run: the text it reads back as (None: nothing).

    ``clusters``: Pango's log_clusters (byte offsets, non-decreasing in a left-to-right
    run), ``drawn``: False for glyphs Pango leaves empty. Each Pango cluster's text is
    shared by its drawn glyphs (``_cluster_texts``). The text of a cluster Pango draws
    nothing for (a zero-width space) goes before the next glyph's text (at the end of a
    run: after the last one), so it is read back too."""
    num_glyphs = len(clusters)
    texts: list[str | None] = [None] * num_glyphs
    carried = ""
    last = None
    first = 0
    # One pass over the glyphs (this runs for every glyph drawn): most clusters are one
    # drawn glyph, which reads back as the cluster's text without _cluster_texts.
    while first < num_glyphs:
        start = clusters[first]
        stop = first + 1
        while stop < num_glyphs and clusters[stop] == start:
            stop += 1
        end = clusters[stop] if stop < num_glyphs else length
        piece = utf8_text[offset + start : offset + end].decode("utf-8", "replace")
        if stop == first + 1:
            if drawn[first]:
                texts[first] = carried + piece if carried else piece
                carried = ""
                last = first
            else:
                carried += piece
            first = stop
            continue
        indexes = [i for i in range(first, stop) if drawn[i]]
        first = stop
        if not indexes:
            carried += piece
            continue
        shared = _cluster_texts(piece, len(indexes))
        if carried:
            shared[0] = carried + (shared[0] or "")
            carried = ""
        for i, text in zip(indexes, shared, strict=True):
            texts[i] = text
        last = indexes[-1]
    if carried and last is not None:
        texts[last] = (texts[last] or "") + carried
    return texts


def _is_ellipsis(analysis: Any) -> bool:
    """Whether a Pango item is the "…" that replaces elided text (text-overflow).

    PangoAnalysis has four guint8 fields (level, gravity, flags, script) that WeasyPrint's
    cffi declaration reads as one ``level`` integer; flags is its third byte and
    PANGO_ANALYSIS_FLAG_IS_ELLIPSIS is 1 << 1.
    """
    return sys.byteorder == "little" and bool((analysis.level >> 16) & 0x02)


# --- font dictionaries ------------------------------------------------------------------


def _clean(self: Any, to_unicode: dict[int, str], hinting: bool) -> None:
    """Subset the font file on real glyph ids only, never on our own codes."""
    ours: dict[int, int] = self.__dict__.get("iqa_code_to_glyph", {})
    if ours:
        # The subset keeps the glyphs our codes draw, even one drawn only through them.
        kept = {code: text for code, text in to_unicode.items() if code not in ours}
        to_unicode = {**dict.fromkeys(ours.values(), ""), **kept}
    _original_clean(self, to_unicode, hinting)


def _build_vector_font_dictionary(
    font_dictionary: Any, pdf: Any, font: Any, widths: dict[int, int], compress: bool, *args: Any
) -> None:
    code_to_glyph: dict[int, int] | None = font.__dict__.get("iqa_code_to_glyph")
    if not code_to_glyph:
        _original_build_vector_font_dictionary(font_dictionary, pdf, font, widths, compress, *args)
        return
    added: list[Any] = []
    add_object = pdf.add_object

    def recording_add_object(obj: Any) -> Any:
        added.append(obj)
        return add_object(obj)

    pdf.add_object = recording_add_object
    try:
        _original_build_vector_font_dictionary(font_dictionary, pdf, font, widths, compress, *args)
    finally:
        del pdf.add_object
    (descendant,) = (
        obj
        for obj in added
        if isinstance(obj, pydyf.Dictionary) and obj.get("CIDToGIDMap") == "/Identity"
    )
    last = max(code_to_glyph)
    table = bytearray((last + 1) * 2)
    for cid in range(min(font.glyph_count, last + 1)):
        table[2 * cid : 2 * cid + 2] = cid.to_bytes(2, "big")
    for code, glyph_id in code_to_glyph.items():
        table[2 * code : 2 * code + 2] = glyph_id.to_bytes(2, "big")
    cid_to_gid = pydyf.Stream([bytes(table)], compress=compress)
    pdf.add_object(cid_to_gid)
    descendant["CIDToGIDMap"] = cid_to_gid.reference
