"""The one PDF engine of the project: every official document is rendered here.

    from iqa_district.pdf import render_pdf, pdf_response
    pdf = render_pdf("pdf/supervision/form_7_2.html", {"visit": visit})
    return pdf_response(pdf, "แบบ 7.2 โรงเรียนบ้านหนองไผ่.pdf", inline=True)

Templates extend ``pdf/base.html`` (A4, Sarabun 16 pt, margins 3 cm / 2 cm, Thai page
numbers). WeasyPrint fetches only through ``fetcher.safe_url_fetcher``: our own static
files and media the caller passes explicitly; nothing else.
"""

from .render import pdf_response, render_pdf

__all__ = ["pdf_response", "render_pdf"]
