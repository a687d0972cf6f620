"""The ๗.๓ benchmark runs (at small sizes here) and reports a constant query count."""

import pytest

from external_eval.benchmarks import bench_onesqa_synthesis

pytestmark = pytest.mark.django_db


def test_the_benchmark_reports_the_same_queries_at_two_sizes():
    lines = {}
    bench_onesqa_synthesis(lambda name, value, unit: lines.update({name: value}), counts=(5, 12))
    assert (
        lines["onesqa_synthesis_queries_5_schools"]
        == lines["onesqa_synthesis_queries_12_schools"]
        <= 6
    )
    assert lines["onesqa_synthesis_time_12_schools"] > 0
