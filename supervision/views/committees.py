"""A committee's appointment order (คำสั่ง) as a PDF."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from iqa_district.accounts.access import district_staff_required
from iqa_district.pdf import pdf_response

from .. import pdf
from ..models import Committee


@require_safe
@district_staff_required
def committee_order_pdf(request, pk):
    committee = get_object_or_404(
        Committee.objects.visible_to(request.user).select_related("area_office", "academic_year"),
        pk=pk,
    )
    number = committee.order_number.replace("/", "-") or str(committee.pk)
    return pdf_response(pdf.committee_order_pdf(committee), f"คำสั่ง {number}.pdf")
