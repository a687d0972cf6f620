"""What the SAR's view modules share: the report a user may see, and streaming a
stored file."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404

from iqa_district.downloads import file_download

from ..models import SelfAssessmentReport


def get_report(request, pk):
    """The report ``pk`` if ``request.user`` may see it, else a 404."""
    return get_object_or_404(
        SelfAssessmentReport.objects.visible_to(request.user).select_related(
            "school", "school__cluster", "academic_year"
        ),
        pk=pk,
    )


def file_response(
    field, filename, *, content_type, extension, inline=False
) -> HttpResponse | FileResponse:
    """Stream a stored file through the project's one download helper; a 404 if the
    file has gone from storage."""
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return file_download(
        handle, filename, content_type=content_type, extension=extension, inline=inline
    )
