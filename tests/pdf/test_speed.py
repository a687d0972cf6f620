"""What keeps the engine fast and its benchmark honest: no cyclic garbage collection while
WeasyPrint renders (switched back on after, also after a failure), and a benchmark child's
peak RSS that is its own, not the parent's."""

import gc

import pytest
import weasyprint

from iqa_district.benchmarks import _render_in_child
from iqa_district.pdf import render_pdf
from iqa_district.pdf.specimen import specimen_context


@pytest.fixture
def collector_seen(monkeypatch):
    """Whether the collector was on when WeasyPrint rendered and wrote, per call."""
    seen = []
    original_render = weasyprint.HTML.render

    def render(self, *args, **kwargs):
        seen.append(("render", gc.isenabled()))
        document = original_render(self, *args, **kwargs)
        original_write = document.write_pdf

        def write_pdf(*args, **kwargs):
            seen.append(("write_pdf", gc.isenabled()))
            return original_write(*args, **kwargs)

        document.write_pdf = write_pdf
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", render)
    return seen


def test_the_collector_is_paused_while_weasyprint_renders_and_back_on_after(collector_seen):
    assert gc.isenabled()
    render_pdf("pdf/_specimen.html", specimen_context(sections=0, cover=False))
    assert collector_seen == [("render", False), ("write_pdf", False)]
    assert gc.isenabled()


def test_the_collector_is_back_on_after_a_failed_rendering(monkeypatch):
    def fail(self, *args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(weasyprint.HTML, "render", fail)
    with pytest.raises(RuntimeError, match="layout failed"):
        render_pdf("pdf/_specimen.html", specimen_context(sections=0, cover=False))
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(collector_seen):
    gc.disable()
    try:
        render_pdf("pdf/_specimen.html", specimen_context(sections=0, cover=False))
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert collector_seen == [("render", False), ("write_pdf", False)]


def test_a_benchmark_child_reports_its_own_peak_rss_not_its_parents():
    ballast = bytearray(400 * 2**20)  # the parent's RSS grows by 400 MiB
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so resident
    cpu, peak_mib, pages = _render_in_child("ours", 1)
    del ballast
    assert pages >= 2
    assert cpu > 0
    # Django, WeasyPrint and a few pages: far below the parent's 400 MiB of ballast.
    assert 40 < peak_mib < 300
