"""The demo leaves a finished, published synthesis of 2568 and is idempotent."""

import io

from sar.models import EvaluationIssue, SynthesisDispatch, SynthesisRun
from sar.synthesis import demo as synthesis_demo
from tests.factories import AcademicYearFactory
from tests.sar.factories import make_district


def test_demo_publishes_a_finished_synthesis_of_2568_once(
    office, cluster, other_office, supervisor
):
    AcademicYearFactory(year=2568)
    make_district(office, cluster, other_office, year=2568)
    out = io.StringIO()
    synthesis_demo.seed(office, stdout=out)
    run = SynthesisRun.objects.get()
    assert (run.status, run.is_published, run.academic_year_id) == ("done", True, 2568)
    assert run.published_by == supervisor and run.requested_by == supervisor
    assert run.school_count == 3 and run.pdf and run.xlsx
    assert "2568 published" in out.getvalue()
    # The issues to be evaluated were in before the run, so its PDF prints them; the
    # sending to OBEC is recorded with a copy of that PDF.
    # Five schools here: two issues of the first, one of the third, none beyond.
    assert EvaluationIssue.objects.filter(academic_year=2568).count() == 3
    dispatch = SynthesisDispatch.objects.get()
    assert (dispatch.run, dispatch.recipient, dispatch.recorded_by) == (run, "obec", supervisor)
    assert dispatch.file.read() == run.pdf.open("rb").read()
    synthesis_demo.seed(office, stdout=out)
    assert SynthesisRun.objects.count() == 1
    assert SynthesisDispatch.objects.count() == 1
    assert EvaluationIssue.objects.count() == 3
    assert "already published" in out.getvalue()


def test_demo_without_sars_says_so(office, academic_year):
    AcademicYearFactory(year=2568)
    out = io.StringIO()
    synthesis_demo.seed(office, stdout=out)
    assert not SynthesisRun.objects.exists()
    assert "no accepted SARs for 2568" in out.getvalue()
