"""The one PDF engine of the project: every official document is rendered here.

    from iqa_district.pdf import render_pdf, pdf_response
    pdf = render_pdf(
        "pdf/supervision/form_7_2.html",
        {"visit": visit},
        metadata={"title": "แบบ ๗.๒ ...", "author": office.name},
    )
    return pdf_response(pdf, "แบบ 7.2 โรงเรียนบ้านหนองไผ่.pdf", inline=True)  # or inline=False

Templates extend ``pdf/base.html`` (A4, Sarabun 16 pt embedded, margins 3 cm left /
2 cm right, running header block ``pdf_header``, page numbers "หน้า ๓ จาก ๑๒" in Thai
numerals or Arabic with ``numerals="arabic"`` in the context, ``.cover-page``, tables with
repeated headers and unsplittable rows) and may include ``pdf/_signature.html`` or extend
``pdf/_order.html`` (คำสั่ง). Context values are autoescaped as in every Django template.

WeasyPrint fetches only through ``fetcher.SafeURLFetcher``: our own static fonts,
stylesheets and images (``static:fonts/...``) and media the caller passes in
``allowed_media`` (``media:<path>``); nothing else, no attachments.

``textlayer`` fixes WeasyPrint's text layer for Thai so that copy, search, pdftotext and
pypdf read the source text; it patches pinned WeasyPrint 70.0 internals and refuses to run
on another version. ``styles`` (same pinned version) computes the UA's universal
pseudo-element styles (``::marker``, footnote and note calls) only when the box builder
asks for one: same styles, much less work on long tables. Never call WeasyPrint
directly (a test checks that).

Both reach WeasyPrint's internals through ``internals``, which imports them only after
``upstream.check_version()``, and load with the first PDF: importing the engine never
fails, whatever WeasyPrint is installed. ``checks`` is the system check that makes
``manage.py check`` (and every ``migrate``) refuse a WeasyPrint, pydyf or Pango the
engine was not written for; ``upstream`` holds the pins and the list of internals.
"""

from .render import pdf_response, render_pdf

__all__ = ["pdf_response", "render_pdf"]
