"""What the SAR's view modules share: the report a user may see, and streaming a
stored file."""

from urllib.parse import quote

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from ..models import SelfAssessmentReport


def get_report(request, pk):
    """The report ``pk`` if ``request.user`` may see it, else a 404."""
    return get_object_or_404(
        SelfAssessmentReport.objects.visible_to(request.user).select_related(
            "school", "school__cluster", "academic_year"
        ),
        pk=pk,
    )


def file_response(field, filename, *, content_type, inline=False):
    """Stream a stored file with a safe RFC 6266 name; never sniffed, never cached."""
    safe = "".join(c for c in filename if c not in '\\/:*?"<>|\r\n\x00').strip() or "file"
    ascii_fallback = safe.encode("ascii", "ignore").decode().strip() or "file"
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(safe)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
