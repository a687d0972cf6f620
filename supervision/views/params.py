"""What the list and report pages read from their query string."""

from schools.models import AcademicYear

PAGE_SIZE = 50


def year_from(request):
    """The academic year asked for in ?year=, else the current one."""
    value = request.GET.get("year", "")
    if value.isdigit():
        year = AcademicYear.objects.filter(pk=int(value)).first()
        if year:
            return year
    return AcademicYear.objects.current()


def semester_from(request):
    value = request.GET.get("semester", "")
    return int(value) if value in ("1", "2") else None
