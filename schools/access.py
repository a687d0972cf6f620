"""The area office a district page works on: the logged-in user's own."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from iqa_district.accounts.access import request_user

from .models import AreaOffice


def request_office(request: HttpRequest) -> AreaOffice:
    """The area office of the request's user, whose records the page shows; a 404 for an
    account that belongs to none (a superuser without an office)."""
    office = request_user(request).area_office
    if office is None:
        raise Http404(_("ผู้ใช้นี้ไม่ได้สังกัดสำนักงานเขตพื้นที่"))
    return office
