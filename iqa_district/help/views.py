"""The guide's pages (any signed-in user reads every role's guide: a supervisor helps a
school by reading its page) and the import templates' downloads (district staff, who run
the imports)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_safe

from iqa_district.accounts.access import DISTRICT_STAFF, request_user, role_required
from iqa_district.downloads import XLSX_CONTENT_TYPE, file_download
from iqa_district.spreadsheets import table_workbook

from . import import_template, import_templates
from .guide import GUIDES, GUIDES_BY_KEY, SCREENSHOT_DIR, guide_for_role


@require_safe
@login_required
def help_index(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "help/index.html",
        {
            "guides": GUIDES,
            "mine": guide_for_role(user.role),
            "templates": import_templates() if user.is_district_staff else [],
        },
    )


@require_safe
@login_required
def help_guide(request: HttpRequest, key: str) -> HttpResponse:
    guide = GUIDES_BY_KEY.get(key)
    if guide is None:
        raise Http404
    user = request_user(request)
    return render(
        request,
        "help/guide.html",
        {
            "guide": guide,
            "guides": GUIDES,
            "screenshot_dir": SCREENSHOT_DIR,
            "templates": import_templates() if user.is_district_staff else [],
        },
    )


@require_safe
@role_required(*DISTRICT_STAFF)
def template_download(request: HttpRequest, key: str) -> HttpResponseBase:
    template = import_template(key)
    if template is None:
        raise Http404
    user = request_user(request)
    book = table_workbook(
        str(template.title),
        [str(h) for h in template.headers],
        [template.example(user)],
        widths=[22] * len(template.headers),
    )
    return file_download(
        book,
        f"แบบฟอร์มนำเข้า {template.title}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
        extension="xlsx",
    )
