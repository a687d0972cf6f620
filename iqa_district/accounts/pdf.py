"""The printed sheet that hands a one-time code to a school (or a person) without
e-mail: one A4 page each, with the login address, the user name and the code."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class LoginSheet:
    username: str
    name: str
    code: str
    school_name: str = ""


def login_sheets_pdf(*, sheets: Iterable[LoginSheet], office_name: str, login_url: str) -> bytes:
    from iqa_district.pdf import render_pdf

    return render_pdf(
        "pdf/accounts/login_sheets.html",
        {
            "sheets": list(sheets),
            "office_name": office_name,
            "login_url": login_url,
            "printed_on": timezone.localdate(),
        },
        metadata={"title": _("ข้อมูลการเข้าใช้ระบบครั้งแรก"), "author": office_name},
    )
