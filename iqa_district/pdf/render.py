"""Template + context -> PDF bytes, and the HTTP responses that carry them."""

import contextlib
import gc
import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from iqa_district import downloads

if TYPE_CHECKING:
    from .fetcher import SafeURLFetcher

logger = logging.getLogger(__name__)

# The only font family official documents may embed (domain.md §9.2).
OFFICIAL_FONT_FAMILY = "Sarabun"


class PDFMetadata(TypedDict, total=False):
    """The document information ``render_pdf`` writes; any other key is refused."""

    title: str
    author: str | Sequence[str]
    subject: str
    keywords: Sequence[str]


def render_pdf(
    template_name: str,
    context: Mapping[str, Any] | None = None,
    *,
    allowed_media: Iterable[str | os.PathLike[str]] = (),
    metadata: PDFMetadata | None = None,
    fix_text_layer: bool = True,
    fetcher: "SafeURLFetcher | None" = None,
    request: HttpRequest | None = None,
    language: str | None = "th",
) -> bytes:
    """Render a Django template (autoescaped) to PDF bytes with WeasyPrint.

    ``allowed_media``: absolute paths under MEDIA_ROOT the template may draw, referred to
    as ``media:<path relative to MEDIA_ROOT>``. ``metadata``: a dict with any of
    ``title``, ``author`` (a string or a list), ``subject`` and ``keywords`` (a list),
    written to the PDF's document information. ``fix_text_layer``: keep True; False
    renders WeasyPrint's own text layer, for tests that prove the fix matters.
    ``fetcher``: a ``fetcher.SafeURLFetcher`` to use (tests read its ``refused`` list).
    ``language``: official documents are Thai whatever language the user reads the site
    in, so ``{% translate %}`` renders Thai by default; None keeps the active language.
    """
    # WeasyPrint and the engine's patches load here, behind the version check
    # (internals.py), so importing the engine (as the URLconf does) never fails on a
    # wrong installation; `manage.py check` reports one before the first PDF.
    import weasyprint

    from . import styles, textlayer
    from .fetcher import make_url_fetcher

    _check_metadata(metadata or {})
    with translation.override(language) if language else contextlib.nullcontext():
        html = render_to_string(
            template_name, _template_context(context, metadata), request=request
        )
    url_fetcher = fetcher if fetcher is not None else make_url_fetcher(allowed_media)
    styles.install()
    with textlayer.enabled(fix_text_layer), _collector_paused():
        document = weasyprint.HTML(
            string=html, base_url="static:/", url_fetcher=url_fetcher
        ).render()
        _drop_attachments(document)
        _apply_metadata(document.metadata, metadata or {})
        # Subsetting must stay on: the text-layer fix writes its extra character codes
        # only into subset fonts.
        pdf: bytes = document.write_pdf(attachments=None, full_fonts=False)
    fallback = sorted({font.family for font in document.fonts.values()} - {OFFICIAL_FONT_FAMILY})
    if fallback:
        # Text with characters Sarabun lacks (emoji, symbols) drew in a system font.
        logger.warning(
            "PDF %s used fallback fonts %s for characters missing from %s",
            template_name,
            ", ".join(fallback),
            OFFICIAL_FONT_FAMILY,
        )
    return pdf


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while WeasyPrint lays out and writes a document.

    A rendering allocates millions of long-lived objects (boxes, styles, PDF objects), so
    the collector's full passes, each scanning the whole heap, ran again and again: 19 %
    of the CPU of a 136-page synthesis. WeasyPrint's objects are freed by reference
    counting when the rendering ends; a document makes little cyclic garbage (+3 % peak
    RSS measured), which the collector frees on its next pass after this. Re-entrant:
    the collector is switched back on only if it was on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _template_context(
    context: Mapping[str, Any] | None, metadata: PDFMetadata | None
) -> dict[str, Any]:
    """The caller's context plus what pdf/base.html needs.

    ``numerals="arabic"`` in the context switches page numbers to Arabic digits (the
    default is Thai digits, domain.md §9.3); ``pdf_title`` defaults to the metadata title.
    """
    context = dict(context or {})
    context.setdefault("pdf_title", (metadata or {}).get("title", ""))
    # Goes into CSS unescaped, so only ever one of our two values.
    context["pdf_counter_style"] = "decimal" if context.get("numerals") == "arabic" else "thai"
    return context


def _drop_attachments(document: Any) -> None:
    """No file is ever embedded: ``<link rel=attachment>`` and ``<a rel=attachment>``."""
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]


def _check_metadata(metadata: Mapping[str, object]) -> None:
    unknown = set(metadata) - {"title", "author", "subject", "keywords"}
    if unknown:
        raise ValueError(f"Unknown PDF metadata: {', '.join(sorted(unknown))}")


def _apply_metadata(document_metadata: Any, metadata: PDFMetadata) -> None:
    if metadata.get("title"):
        document_metadata.title = str(metadata["title"])
    author = metadata.get("author")
    if author:
        document_metadata.authors = [author] if isinstance(author, str) else list(author)
    if metadata.get("subject"):
        document_metadata.description = str(metadata["subject"])
    if metadata.get("keywords"):
        document_metadata.keywords = [str(k) for k in metadata["keywords"]]
    document_metadata.generator = "IQA District"


def safe_filename(filename: str) -> str:
    """A download name with no path, quote or control characters, ending in .pdf."""
    return downloads.safe_filename(filename, extension="pdf")


def pdf_response(pdf_bytes: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """An HTTP response for a PDF: shown in the browser (``inline``) or downloaded,
    through the project's one download helper (RFC 6266 name, nosniff, no-store,
    sandbox)."""
    response = downloads.file_download(
        pdf_bytes, filename, content_type="application/pdf", extension="pdf", inline=inline
    )
    assert isinstance(response, HttpResponse)  # bytes in, a plain response out
    return response
