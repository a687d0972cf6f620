"""Every official PDF the demo data can produce, rendered as the application renders it:
the synthesis of the demo year, each committee's appointment order, one visit report per
visit form (forms ๗.๑ of process 1 and ๗.๒ of process 2), the district reports (๗.๓) of
both processes and the cover memo sending the synthesis to OBEC.

Used by test_demo_documents.py (on a freshly seeded demo) and handy from a shell:

    from tests.pdf.demo_documents import demo_documents
    for name, pdf in demo_documents(office): ...
"""

from collections.abc import Iterator

from research import documents as research_documents
from research.models import Instrument, ResearchSynthesis
from sar.models import SynthesisRun
from sar.synthesis import pdf as synthesis_pdf
from supervision import pdf as supervision_pdf
from supervision import reports
from supervision.models import Committee, Visit


def demo_documents(office) -> Iterator[tuple[str, bytes]]:
    """(artifact name, PDF bytes) of each official document of ``office``."""
    for run in SynthesisRun.objects.published().filter(area_office=office):
        yield (
            f"demo-synthesis-{run.academic_year_id}",
            synthesis_pdf.render_pdf_bytes(run, run.results),
        )
        yield f"demo-synthesis-memo-{run.academic_year_id}", synthesis_pdf.cover_memo_pdf(run)
    for committee in Committee.objects.filter(area_office=office).order_by("pk"):
        yield f"demo-committee-order-{committee.pk}", supervision_pdf.committee_order_pdf(committee)
    published = Visit.objects.filter(
        school__area_office=office, status=Visit.Status.PUBLISHED
    ).order_by("template_id", "pk")
    seen = set()
    for visit in published:
        if visit.template_id in seen:
            continue
        seen.add(visit.template_id)
        yield (
            f"demo-visit-report-p{visit.template.process}-{visit.template.form_no.replace('.', '_')}",
            (supervision_pdf.visit_report_pdf(visit)),
        )
    years = sorted({visit.academic_year for visit in published}, key=lambda y: y.year)
    for year in years:
        for process, build in (
            (1, reports.process1_district_report),
            (2, reports.process2_district_report),
        ):
            yield (
                f"demo-district-report-p{process}-{year.year}",
                (supervision_pdf.district_report_pdf(process, build(office=office, year=year))),
            )
    for synthesis in ResearchSynthesis.objects.filter(area_office=office).order_by("pk"):
        yield (
            f"demo-research-synthesis-{synthesis.academic_year_id}",
            research_documents.synthesis_pdf(office, synthesis.academic_year),
        )
    instrument = Instrument.objects.filter(project__area_office=office).order_by("pk").first()
    if instrument is not None:
        yield "demo-research-instrument-7_2", research_documents.instrument_pdf(instrument)
