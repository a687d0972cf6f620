"""Visits planned in bulk: choose, preview with the clashes flagged, confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from iqa_district.accounts.access import quality_manager_required

from .. import planning, services
from ..forms import BulkPlanForm


@quality_manager_required
def visit_bulk_plan(request):
    """GET: the choices. POST ``preview``: each school's date and its clashes, the clean
    rows ticked. POST ``confirm``: the ticked rows planned, all or none."""
    form = BulkPlanForm(request.POST or None, user=request.user)
    context = {"form": form, "rows": None}
    if request.method != "POST" or not form.is_valid():
        return render(request, "supervision/visit_bulk_plan.html", context)
    data = form.cleaned_data
    schools = form.chosen_schools()
    if len(schools) > planning.MAX_SCHOOLS:
        form.add_error(None, _("วางแผนได้ครั้งละไม่เกิน %(n)s แห่ง") % {"n": planning.MAX_SCHOOLS})
        return render(request, "supervision/visit_bulk_plan.html", context)
    try:
        year_id = services.academic_year_for(data["start"])[0].pk
    except ValidationError:
        year_id = None
    rows = planning.bulk_plan_preview(
        schools=schools,
        start=data["start"],
        end=data["end"],
        per_day=data["per_day"],
        kind=data["kind"],
        committee=data["committee"],
        academic_year_id=year_id,
    )
    context.update({"rows": rows, "conflicts": sum(1 for r in rows if r.conflicts)})
    if request.POST.get("action") != "confirm":
        return render(request, "supervision/visit_bulk_plan.html", context)
    try:
        chosen = planning.parse_rows(request.POST.getlist("row"), {s.pk: s for s in schools})
        visits = planning.visits_plan_bulk(
            rows=chosen,
            kind=data["kind"],
            template=data["template"],
            committee=data["committee"],
            supervisors=data["supervisors"],
            actor=request.user,
            submission_key=data["submission_key"],
        )
    except services.DuplicateSubmissionError:
        messages.info(request, _("แผนการนิเทศชุดนี้บันทึกไว้แล้วจากการกดยืนยันครั้งแรก ระบบจึงไม่สร้างรายการซ้ำ"))
        return redirect("supervision:visit_list")
    except ValidationError as exc:
        form.add_error(None, exc)
        return render(request, "supervision/visit_bulk_plan.html", context, status=400)
    messages.success(request, _("วางแผนการนิเทศ %(n)s แห่งแล้ว") % {"n": len(visits)})
    year = visits[0].academic_year_id
    return redirect(f"{reverse('supervision:visit_list')}?year={year}&status=planned")
