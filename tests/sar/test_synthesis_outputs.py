import pytest

from sar.models import SynthesisRun
from sar.synthesis import synthesize
from sar.synthesis.report import render_outputs
from tests.sar.synthesis_factories import make_district


@pytest.fixture
def district(office, cluster, other_office, academic_year):
    return make_district(office, cluster, other_office)


def test_smoke(district, office, tmp_path):
    run = SynthesisRun.objects.create(area_office=office, academic_year_id=2567)
    results = synthesize(office, 2567)
    pdf, xlsx = render_outputs(run, results)
    (tmp_path / "x.pdf").write_bytes(pdf)
    open("/tmp/synth.pdf", "wb").write(pdf)
    open("/tmp/synth.xlsx", "wb").write(xlsx)
