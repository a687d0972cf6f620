"""Finished synthesis runs for the page tests (test_views, test_appendix, the download
headers), without rendering the report's PDF."""

from sar.synthesis import services, synthesize
from sar.synthesis.xlsx import render_xlsx

FAKE_PDF = b"%PDF-1.7 synthesis test"


def finished_run(office, academic_year):
    """A done run with real results and XLSX; the PDF bytes are a stand-in (the PDF
    itself is tested in test_outputs)."""
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    attempt = services.synthesis_claim(run_id=run.pk)
    results = synthesize(office, academic_year.year)
    assert services.synthesis_finish(
        run_id=run.pk,
        attempt=attempt,
        results=results,
        pdf=FAKE_PDF,
        xlsx=render_xlsx(run, results),
    )
    run.refresh_from_db()
    return run
