"""Benchmarks of project-wide code."""

import io
import os
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.test import Client

from iqa_district.accounts.models import User
from tests.factories import AreaOfficeFactory, UserFactory

# What every benchmark is given to print one "name: value unit" line.
Report = Callable[[str, float | int | str, str], None]


def bench_dashboard(report: Report) -> None:
    office = AreaOfficeFactory(code="BENCH")
    user = cast(
        User, UserFactory(username="bench_sup", role=User.Role.SUPERVISOR, area_office=office)
    )
    # The bench command runs outside the test runner, which is what allows "testserver".
    host = next(
        (h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")),
        "localhost",
    )
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    status = client.get("/").status_code
    if status != 200:
        raise RuntimeError(f"dashboard answered {status}, not 200: nothing to time")
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        client.get("/")
    report("dashboard_response_time", (time.perf_counter() - started) / runs * 1000, "ms")


def _render_specimen(sections: int, fix_text_layer: bool = True) -> bytes:
    from iqa_district.pdf import render_pdf
    from iqa_district.pdf.specimen import specimen_context

    return render_pdf(
        "pdf/_specimen.html", specimen_context(sections=sections), fix_text_layer=fix_text_layer
    )


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def bench_pdf_render_40_pages(report: Report) -> None:
    """A 40-page Thai report (cover, running header, Thai page numbers, tables over pages,
    signature) through the PDF engine, text-layer fix on; median of three runs.
    Goal (issue 7): under 4 s on the 2-core build machine."""
    sections, pages = 25, 0
    for _ in range(6):  # find how many report sections make 40 pages
        pages = _page_count(_render_specimen(sections))
        if pages == 40:
            break
        sections += 1 if pages < 40 else -1
    report("pdf_render_40_pages_pages", pages, "pages")

    # Runs with and without the text-layer fix alternate, so a busy machine slows both
    # alike; CPU time is reported too, as it depends less on other processes.
    wall: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(3):
        for fix in (True, False):
            started, started_cpu = time.perf_counter(), time.process_time()
            _render_specimen(sections, fix)
            wall[fix].append(time.perf_counter() - started)
            cpu[fix].append(time.process_time() - started_cpu)
    report("pdf_render_40_pages", statistics.median(wall[True]), "s")
    report("pdf_render_40_pages_cpu", statistics.median(cpu[True]), "s")
    report("pdf_render_40_pages_without_text_fix", statistics.median(wall[False]), "s")
    report("pdf_render_40_pages_without_text_fix_cpu", statistics.median(cpu[False]), "s")

    peak, rss_growth = _memory_mib(sections)
    report("pdf_render_40_pages_peak_memory", peak, "MiB")
    report("pdf_render_40_pages_rss_growth", rss_growth, "MiB")


def _memory_mib(sections: int) -> tuple[float, float]:
    """Memory of one rendering, measured in a forked child so the parent's history does
    not count: the peak of Python allocations (tracemalloc, which holds WeasyPrint's box
    tree and layout) and the growth of the resident high-water mark (ru_maxrss, which
    also counts Pango/HarfBuzz, but not memory the allocator reuses)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(read_end)
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            tracemalloc.start()
            _render_specimen(sections)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            os.write(write_end, f"{peak / 2**20} {(after - before) / 1024}".encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        peak_text, rss_text = pipe.read().split()
    os.waitpid(pid, 0)
    return float(peak_text), float(rss_text)


BENCHMARKS = [bench_dashboard, bench_pdf_render_40_pages]
