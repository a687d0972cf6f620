from urllib.parse import quote

from django.http import HttpResponse
from django.template.loader import render_to_string

from .fetcher import make_url_fetcher


def render_pdf(template_name, context=None, *, allowed_media=()):
    """Render a Django template to PDF bytes with WeasyPrint."""
    import weasyprint

    html = render_to_string(template_name, context or {})
    document = weasyprint.HTML(
        string=html, base_url="static:/", url_fetcher=make_url_fetcher(allowed_media)
    )
    return document.write_pdf()


def pdf_response(pdf_bytes, filename, *, inline=True):
    """An HTTP response for a PDF with a safe (RFC 6266) Thai file name."""
    safe = "".join(c for c in filename if c not in '\\/:*?"<>|\r\n').strip() or "document.pdf"
    if not safe.lower().endswith(".pdf"):
        safe += ".pdf"
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    ascii_fallback = safe.encode("ascii", "ignore").decode() or "document.pdf"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(safe)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
