"""The PDPA rights in the admin (issue 11 item 17): two actions on the user list.

"Export" downloads a ZIP holding each selected person's JSON and PDF export; "erase"
asks for confirmation on a page of its own, then pseudonymises each selected person. Both
go through the services of ``privacy``, which check that the actor may act on each person
and write the audit log, so the admin and ``manage.py personal_data`` keep one rule."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from iqa_district.downloads import file_download

from .access import request_user
from .models import User
from .privacy import person_pseudonymise, personal_data_export, personal_data_pdf

ZIP_CONTENT_TYPE = "application/zip"


def personal_data_zip(people: list[User], actor: User) -> bytes:
    """One ZIP with ``<username>.json`` and ``<username>.pdf`` per person."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for person in people:
            data = personal_data_export(person=person, actor=actor)
            archive.writestr(
                f"{person.username}.json",
                json.dumps(data.as_json(), ensure_ascii=False, indent=2),
            )
            archive.writestr(f"{person.username}.pdf", personal_data_pdf(data))
    return buffer.getvalue()


@admin.action(description=gettext_lazy("ส่งออกข้อมูลส่วนบุคคลของผู้ใช้ที่เลือก (PDPA)"))
def export_personal_data(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> HttpResponseBase | None:
    people = list(queryset.order_by("username"))
    try:
        content = personal_data_zip(people, request_user(request))
    except PermissionDenied:
        modeladmin.message_user(request, _("ไม่มีสิทธิ์ส่งออกข้อมูลของผู้ใช้บางรายที่เลือก"), messages.ERROR)
        return None
    stamp = timezone.localdate().strftime("%Y%m%d")
    name = f"personal-data-{people[0].username}" if len(people) == 1 else "personal-data"
    return file_download(content, f"{name}-{stamp}", content_type=ZIP_CONTENT_TYPE, extension="zip")


@admin.action(description=gettext_lazy("ลบข้อมูลส่วนบุคคลของผู้ใช้ที่ออกไปแล้ว (PDPA)"))
def erase_personal_data(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> HttpResponseBase | None:
    actor = request_user(request)
    people = list(queryset.order_by("username"))
    if request.POST.get("confirm") != "yes":
        context: dict[str, Any] = {
            **modeladmin.admin_site.each_context(request),
            "title": _("ยืนยันการลบข้อมูลส่วนบุคคล"),
            "people": people,
            "queryset": queryset,
            "opts": modeladmin.model._meta,
            "action_name": "erase_personal_data",
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/user/erase_personal_data.html", context)
    erased = refused = 0
    for person in people:
        try:
            person_pseudonymise(person=person, actor=actor)
        except PermissionDenied:
            refused += 1
        else:
            erased += 1
    if erased:
        modeladmin.message_user(
            request,
            _("ลบข้อมูลส่วนบุคคลแล้ว %(n)s บัญชี เอกสารราชการที่ลงนามไว้ยังคงอยู่") % {"n": erased},
            messages.SUCCESS,
        )
    if refused:
        modeladmin.message_user(
            request,
            _("ไม่ได้ลบ %(n)s บัญชี: ไม่มีสิทธิ์ หรือเป็นบัญชีของผู้ดำเนินการเอง") % {"n": refused},
            messages.ERROR,
        )
    return None
