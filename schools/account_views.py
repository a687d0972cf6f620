"""Accounts for the office in one step: from the registry (all schools, a cluster, a
selection) or from a file of people (school staff, supervisors, executives, committee
members), with the one-time codes shown once and printable as a PDF sheet per person."""

import time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import role_required
from iqa_district.accounts.models import User
from iqa_district.accounts.pdf import LoginSheet, login_sheets_pdf
from iqa_district.accounts.services import (
    SchoolAccounts,
    accounts_import_create,
    school_accounts_create,
)
from iqa_district.downloads import file_download

from .account_import import ImportFileError, check_account_file
from .forms import AccountImportForm, SchoolAccountsForm
from .models import AreaOffice
from .uploads import pending_import_forget, pending_import_get, pending_import_store

CREATED_ACCOUNTS_KEY = "school_accounts_created"
SHEETS_KEY = "school_accounts_sheets"
SHEETS_SECONDS = 30 * 60  # the printable codes stay this long after the page showed them
UPLOAD_KIND = "account_imports"
ROWS_PER_PAGE = 100


def _remember(request, result: SchoolAccounts) -> None:
    # Shown once, then gone: the one-time codes are not kept in clear anywhere else.
    request.session[CREATED_ACCOUNTS_KEY] = {
        "invited": [[u.username, u.display_name, u.email] for u in result.invited],
        "codes": [
            [u.username, u.display_name, code, u.school.name if u.school else ""]
            for u, code in result.with_code
        ],
        "skipped": len(result.skipped),
    }


@role_required(User.Role.DISTRICT_ADMIN)
def school_accounts(request):
    """Create the QA staff account of every chosen school in one step."""
    form = SchoolAccountsForm(request.POST or None, user=request.user, initial={"scope": "all"})
    if request.method == "POST" and form.is_valid():
        result = school_accounts_create(
            schools=form.chosen_schools().select_related("area_office"),
            actor=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        _remember(request, result)
        return redirect("schools:accounts_created")
    return render(request, "schools/accounts_create.html", {"form": form})


def _login_url(request) -> str:
    return request.build_absolute_uri(reverse("accounts:login"))


@require_safe
@role_required(User.Role.DISTRICT_ADMIN)
def school_accounts_created(request):
    created = request.session.pop(CREATED_ACCOUNTS_KEY, None)
    if created is None:
        return redirect("accounts:users")
    if created["codes"]:
        request.session[SHEETS_KEY] = {"codes": created["codes"], "at": time.time()}
    response = render(
        request,
        "schools/accounts_created.html",
        {"created": created, "login_url": _login_url(request)},
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@require_safe
@role_required(User.Role.DISTRICT_ADMIN)
def school_accounts_sheets(request):
    """The one-time codes just shown, as a PDF with one page per account."""
    kept = request.session.get(SHEETS_KEY)
    if not kept or time.time() - kept["at"] > SHEETS_SECONDS:
        request.session.pop(SHEETS_KEY, None)
        raise Http404(_("หมดเวลาพิมพ์รหัสครั้งเดียวแล้ว กรุณาส่งคำเชิญใหม่จากหน้าผู้ใช้ของเขต"))
    sheets = [
        LoginSheet(username=u, name=name, code=code, school_name=school)
        for u, name, code, school in kept["codes"]
    ]
    office = request.user.area_office
    pdf = login_sheets_pdf(
        sheets=sheets, office_name=office.name if office else "", login_url=_login_url(request)
    )
    response = file_download(
        pdf,
        f"login-codes-{timezone.localdate():%Y%m%d}",
        content_type="application/pdf",
        extension="pdf",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# --- From a file ---------------------------------------------------------------------------


def _own_office(request) -> AreaOffice:
    if not request.user.area_office_id:
        raise PermissionDenied  # a superuser imports as an office's admin
    return request.user.area_office


@role_required(User.Role.DISTRICT_ADMIN)
def accounts_import(request):
    office = _own_office(request)
    form = AccountImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        pending = pending_import_store(
            request.session, upload=form.cleaned_data["file"], office=office, kind=UPLOAD_KIND
        )
        return redirect("schools:accounts_import_preview", token=pending.token)
    return render(request, "schools/accounts_import.html", {"form": form})


def _pending_or_404(request, token):
    pending = pending_import_get(request.session, token, kind=UPLOAD_KIND)
    if pending is None:
        raise Http404(_("ไม่พบไฟล์ที่อัปโหลด (อาจหมดเวลาแล้ว) กรุณาอัปโหลดใหม่"))
    office = get_object_or_404(AreaOffice.objects.visible_to(request.user), pk=pending.office_id)
    return pending, office


@require_safe
@role_required(User.Role.DISTRICT_ADMIN)
def accounts_import_preview(request, token):
    pending, office = _pending_or_404(request, token)
    check, file_error = None, None
    try:
        check = check_account_file(office, pending.read(), pending.name)
    except ImportFileError as exc:
        file_error = str(exc)
    rows = sorted(check.rows, key=lambda r: (r.status != "error", r.number)) if check else []
    return render(
        request,
        "schools/accounts_import_preview.html",
        {
            "token": token,
            "entry": pending,
            "check": check,
            "counts": check.counts if check else None,
            "file_error": file_error,
            "page": Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
        },
    )


@require_POST
@role_required(User.Role.DISTRICT_ADMIN)
def accounts_import_confirm(request, token):
    pending, office = _pending_or_404(request, token)
    if request.POST.get("action") == "cancel":
        pending_import_forget(request.session, pending)
        messages.info(request, _("ยกเลิกการนำเข้าแล้ว"))
        return redirect("schools:accounts_import")
    try:
        # Checked again now: what is written is what the rows say at this moment.
        check = check_account_file(office, pending.read(), pending.name)
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("schools:accounts_import_preview", token=token)
    if check.has_errors and request.POST.get("skip_errors") != "1":
        messages.error(
            request,
            _("ไฟล์มีแถวที่ผิดพลาด %(n)s แถว จึงยังไม่สร้างบัญชีใด ๆ กรุณาแก้ไขไฟล์")
            % {"n": check.counts["error"]},
        )
        return redirect("schools:accounts_import_preview", token=token)
    try:
        result = accounts_import_create(
            accounts=check.accounts(),
            actor=request.user,
            base_url=request.build_absolute_uri("/"),
        )
    except (ValueError, IntegrityError):
        messages.error(request, _("มีบัญชีที่ใช้อีเมลเดียวกันถูกสร้างระหว่างนี้ กรุณาตรวจสอบไฟล์อีกครั้ง"))
        return redirect("schools:accounts_import_preview", token=token)
    pending_import_forget(request.session, pending)
    result.skipped = [r for r in check.rows if r.status == "exists"]
    _remember(request, result)
    return redirect("schools:accounts_created")
