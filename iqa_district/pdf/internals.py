"""The WeasyPrint internals ``textlayer`` and ``styles`` use, imported only once the
installed WeasyPrint and pydyf are known to be the pinned versions.

The engine imports them from here, never from WeasyPrint directly: another version may
have moved them, and that must read as "wrong version, re-diff" (``UnsupportedWeasyPrint``
here, and ``manage.py check`` before the first PDF), never as a bare ImportError.
``upstream.INTERNALS`` lists each of them for the system check.
"""

# The version check comes before the imports, on purpose.
# ruff: noqa: E402

from .upstream import check_version

check_version()

from weasyprint.css import StyleFor, declaration_precedence
from weasyprint.css.validation import preprocess_declarations
from weasyprint.draw import text as draw_text_module
from weasyprint.html import UA, UA_COUNTER_STYLE, UA_STYLESHEET
from weasyprint.images import RasterImage, SVGImage
from weasyprint.logger import LOGGER
from weasyprint.pdf import fonts as pdf_fonts_module
from weasyprint.text.ffi import FROM_UNITS, TO_UNITS, ffi, pango
from weasyprint.text.fonts import get_hb_object_data
from weasyprint.text.line_break import get_last_word_end

__all__ = [
    "FROM_UNITS",
    "LOGGER",
    "TO_UNITS",
    "UA",
    "UA_COUNTER_STYLE",
    "UA_STYLESHEET",
    "RasterImage",
    "SVGImage",
    "StyleFor",
    "declaration_precedence",
    "draw_text_module",
    "ffi",
    "get_hb_object_data",
    "get_last_word_end",
    "pango",
    "pdf_fonts_module",
    "preprocess_declarations",
]
