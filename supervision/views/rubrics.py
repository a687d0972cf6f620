"""The office's forms and the rubric editor of process 1 ๗.๒ (a Thai page, not only the
Django admin): saving makes a new version of the form, visits keep theirs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from iqa_district.accounts.access import district_staff_required, quality_manager_required

from ..models import FormTemplate, IQAComponent
from ..rubric_forms import RubricFormSet, initial_rows, rows_of
from ..rubric_services import is_rubric_form, rubric_items, rubric_new_version


@require_safe
@district_staff_required
def form_list(request):
    templates = (
        FormTemplate.objects.visible_to(request.user)
        .exclude(process=FormTemplate.Process.RESEARCH)
        .select_related("area_office")
        .annotate(visit_count=Count("visits"))
        .order_by("process", "form_no", "code", "-version", "pk")
    )
    page = Paginator(templates, 50).get_page(request.GET.get("page"))
    for template in page:
        template.is_rubric = is_rubric_form(template)
    return render(request, "supervision/form_list.html", {"page": page})


@require_http_methods(["GET", "HEAD", "POST"])
@quality_manager_required
def rubric_edit(request, pk):
    template = get_object_or_404(FormTemplate.objects.visible_to(request.user), pk=pk)
    if not is_rubric_form(template):
        raise Http404
    items = rubric_items(template)
    errors = []
    if request.method == "POST":
        formset = RubricFormSet(request.POST, initial=initial_rows(items))
        if formset.is_valid():
            try:
                copy = rubric_new_version(
                    template=template, rows=rows_of(formset), actor=request.user
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request,
                    _("บันทึกเกณฑ์เป็นแบบฟอร์มฉบับที่ %(v)s ของเขตแล้ว การนิเทศที่ใช้ฉบับเดิมยังคงใช้ฉบับเดิม")
                    % {"v": copy.version},
                )
                return redirect("supervision:form_list")
    else:
        formset = RubricFormSet(initial=initial_rows(items))
    return render(
        request,
        "supervision/rubric_edit.html",
        {
            "template": template,
            "formset": formset,
            "errors": errors,
            "components": IQAComponent.choices,
            "visit_count": template.visits.count(),
        },
    )
