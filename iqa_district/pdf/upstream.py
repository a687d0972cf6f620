"""What the PDF engine relies on in WeasyPrint and pydyf.

``textlayer`` and ``styles`` copy, wrap and patch private parts of WeasyPrint (and wrap
one pydyf method), so they are written against exact versions, pinned here and in
requirements.txt (a test keeps the two equal). ``internals`` imports those private
parts only after ``check_version()``, so a WeasyPrint that moved them is reported as the
wrong version, never as a bare ImportError; ``checks`` reports all of it at
``manage.py check`` (and so at every ``migrate`` of a deploy), before the first PDF.

Upgrading WeasyPrint or pydyf: re-diff the functions the engine copies or wraps
(``tests/pdf/test_upstream.py`` fingerprints them and names each), then update both pins.

Nothing here imports WeasyPrint at import time: importing it loads Pango and HarfBuzz,
whose absence the system check reports instead of crashing on.
"""

import importlib
import re

WEASYPRINT_VERSION = "70.0"
PYDYF_VERSION = "0.13.0"
PINS = {"weasyprint": WEASYPRINT_VERSION, "pydyf": PYDYF_VERSION}
# WeasyPrint 70's documented minimum.
PANGO_MIN_VERSION = (1, 44, 0)

# Everything the engine imports from WeasyPrint's internals, patches or wraps, as
# (module, attribute path); the system check looks each one up.
INTERNALS = (
    ("weasyprint", "HTML._ua_stylesheets"),
    ("weasyprint.css", "StyleFor.__call__"),
    ("weasyprint.css", "StyleFor.get_cascaded_styles"),
    ("weasyprint.css", "StyleFor.get_computed_styles"),
    ("weasyprint.css", "StyleFor.set_computed_styles"),
    ("weasyprint.css", "declaration_precedence"),
    ("weasyprint.css.validation", "preprocess_declarations"),
    ("weasyprint.draw.text", "draw_first_line"),
    ("weasyprint.html", "UA"),
    ("weasyprint.html", "UA_COUNTER_STYLE"),
    ("weasyprint.html", "UA_STYLESHEET"),
    ("weasyprint.images", "RasterImage"),
    ("weasyprint.images", "SVGImage"),
    ("weasyprint.logger", "LOGGER"),
    ("weasyprint.pdf.fonts", "Font.clean"),
    ("weasyprint.pdf.fonts", "_build_vector_font_dictionary"),
    ("weasyprint.text.ffi", "FROM_UNITS"),
    ("weasyprint.text.ffi", "TO_UNITS"),
    ("weasyprint.text.ffi", "ffi"),
    ("weasyprint.text.ffi", "pango"),
    ("weasyprint.text.fonts", "get_hb_object_data"),
    ("weasyprint.text.line_break", "get_last_word_end"),
    ("pydyf", "PDF.add_object"),
    ("pydyf", "Stream.begin_marked_content"),
    ("pydyf", "Stream.end_marked_content"),
)

# The universal pseudo-element rules of the UA stylesheet that ``styles`` takes out of
# selector matching, each one a line there: "::marker { ... }".
LAZY_PSEUDO_TYPES = frozenset(
    {"marker", "footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"}
)
_UNIVERSAL_RULE = re.compile(r"^::([a-z-]+) \{([^}]*)\}[ \t]*$", re.M)


class UnsupportedWeasyPrint(RuntimeError):
    """The installed WeasyPrint or pydyf is not the version the engine was written against."""


def installed_version(package: str) -> str:
    """The version an installed package reports, as imported (whatever pip's metadata says)."""
    return str(importlib.import_module(package).__version__)


def check_version() -> None:
    """Refuse to patch a WeasyPrint (or pydyf) other than the pinned one."""
    wrong = [
        f"{package} {installed_version(package)}"
        for package, pin in PINS.items()
        if installed_version(package) != pin
    ]
    if wrong:
        raise UnsupportedWeasyPrint(
            f"iqa_district.pdf patches internals of WeasyPrint {WEASYPRINT_VERSION} and pydyf "
            f"{PYDYF_VERSION}, but {' and '.join(wrong)} is installed. Re-diff the functions "
            "tests/pdf/test_upstream.py fingerprints against the new version, then update the "
            "pins in requirements.txt and iqa_district/pdf/upstream.py."
        )


def take_lazy_rules(ua: str) -> tuple[str, dict[str, str]]:
    """The UA stylesheet without its universal rules for ``LAZY_PSEUDO_TYPES``, and the
    declarations of the rules taken out, by pseudo-element."""
    taken: dict[str, str] = {}

    def take(match: re.Match[str]) -> str:
        if match.group(1) not in LAZY_PSEUDO_TYPES:
            return match.group(0)
        taken[match.group(1)] = match.group(2)
        return ""

    return _UNIVERSAL_RULE.sub(take, ua), taken
