"""The figures of process 4 for district staff and the school: an instrument's statistics
(page with SVG charts, and XLSX)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from iqa_district.accounts.access import role_required
from iqa_district.downloads import file_download

from . import analysis, charts
from .views import READERS, _visible_instrument
from .xlsx import statistics_workbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
@role_required(*READERS)
def instrument_statistics(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = _visible_instrument(request, pk)
    figures = analysis.figures(instrument)
    item_chart = charts.likert_bars(
        [(f"{r.item.code} {r.item.text}", r.summary) for s in figures.sections for r in s.items],
        title=f"ร้อยละของผู้ตอบแต่ละระดับ รายข้อ: {instrument.title}",
    )
    comparison_chart = None
    if (comparison := figures.comparison) is not None:
        comparison_chart = charts.mean_pairs(
            [(row.label, row.before.mean, row.after.mean) for row in comparison.rows],
            title="ค่าเฉลี่ยก่อนและหลัง",
            legend=(
                f"ครั้งที่ {comparison.before.occasion} (ก่อน)",
                f"ครั้งที่ {comparison.after.occasion} (หลัง)",
            ),
        )
    return render(
        request,
        "research/statistics.html",
        {
            "instrument": instrument,
            "f": figures,
            "responses": instrument.responses.count(),
            "item_chart": item_chart,
            "comparison_chart": comparison_chart,
            "respond_url": request.build_absolute_uri(
                reverse("public:research_respond", args=[instrument.token])
            ),
        },
    )


@require_safe
@role_required(*READERS)
def instrument_statistics_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = _visible_instrument(request, pk)
    content = statistics_workbook(
        instrument, analysis.figures(instrument, shown=analysis.OPEN_ANSWERS_MINED)
    )
    return file_download(  # type: ignore[return-value]
        content, f"สถิติ {instrument.title}", content_type=XLSX_CONTENT_TYPE, extension="xlsx"
    )
