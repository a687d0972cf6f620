"""Benchmarks of project-wide code."""

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

from django.conf import settings
from django.db import connection
from django.test import Client

from iqa_district.accounts.models import User

# What every benchmark is given to print one "name: value unit" line.
Report = Callable[[str, float | int | str, str], None]


def bench_dashboard(report: Report) -> None:
    # Here, not at the top: the PDF children import this module and measure their peak
    # RSS, which factory_boy and Faker (7 MB) must not inflate.
    from tests.factories import AreaOfficeFactory, UserFactory

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

    # Peak RSS of a whole fresh process (Django, WeasyPrint, fonts and the rendering),
    # read from the kernel's accounting of the child, beside bare WeasyPrint's render of
    # the same HTML (no text-layer fix, no style patches) in a process of its own.
    for engine in ("ours", "bare"):
        child_cpu, peak, pages = _render_in_child(engine, sections)
        suffix = "" if engine == "ours" else "_bare_weasyprint"
        report(f"pdf_render_40_pages{suffix}_child_cpu", child_cpu, "s")
        report(f"pdf_render_40_pages{suffix}_peak_rss", peak, "MiB")
        report(f"pdf_render_40_pages{suffix}_child_pages", pages, "pages")


def _render_in_child(engine: str, sections: int) -> tuple[float, float, int]:
    """(CPU seconds of the rendering, peak RSS in MiB of the whole process, pages) of one
    rendering of the specimen in a fresh Python process."""
    return render_in_child("iqa_district.benchmarks", "child_render", engine, sections)


def render_in_child(module: str, function: str, *args: object) -> tuple[float, float, int]:
    """Run ``module.function(pdf_path, *args)`` in a fresh Python process (Django set up on
    the database this process uses, e.g. the benchmark's test database): it renders one PDF
    into ``pdf_path`` and prints the CPU seconds of the rendering. Returns (those seconds,
    the peak RSS in MiB of the whole child, and the pages).

    The peak is the child's VmHWM, the high-water mark of its own memory since exec:
    ``wait4``'s ru_maxrss also counts what the child inherited at fork from this process
    (Linux keeps the largest RSS across exec), so it read as this process's own peak
    whenever that was larger. The pages are counted here, so the PDF reader's memory is
    not the child's."""
    with tempfile.TemporaryDirectory(prefix="iqa-bench-") as directory:
        pdf_path = Path(directory) / "out.pdf"
        call = ", ".join(repr(a) for a in (str(pdf_path), *args))
        code = (
            "import django, sys; django.setup(); "
            "from django.db import connection; "
            "connection.settings_dict['NAME'] = sys.argv[1]; "
            f"from {module} import {function}; {function}({call})"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "iqa_district.settings"
            ),
        }
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and code)
            [sys.executable, "-c", code, str(connection.settings_dict["NAME"])],
            stdout=subprocess.PIPE,
            env=env,
            cwd=settings.BASE_DIR,
        )
        assert process.stdout is not None
        out = process.stdout.read().decode()
        if process.wait():
            raise RuntimeError(f"{module}.{function}{args} failed ({process.returncode})")
        cpu, peak_kib = out.split()[-2:]
        return float(cpu), int(peak_kib) / 1024, _page_count(pdf_path.read_bytes())


def child_report(cpu: float) -> None:
    """In a child of ``render_in_child``, last: print the rendering's CPU seconds and the
    process's peak RSS (KiB)."""
    status = Path("/proc/self/status").read_text()
    peak_kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    print(cpu, peak_kib)


def child_render(pdf_path: str, engine: str, sections: int) -> None:
    """In the child: render the specimen once into ``pdf_path``, print its CPU seconds."""
    from django.template.loader import render_to_string

    from iqa_district.pdf import render_pdf
    from iqa_district.pdf.render import _template_context
    from iqa_district.pdf.specimen import render_bare_weasyprint, specimen_context

    context = specimen_context(sections=sections)
    started = time.process_time()
    if engine == "ours":
        pdf = render_pdf("pdf/_specimen.html", context)
    else:
        html = render_to_string("pdf/_specimen.html", _template_context(context, None))
        pdf = render_bare_weasyprint(html)
    cpu = time.process_time() - started
    Path(pdf_path).write_bytes(pdf)
    child_report(cpu)


BENCHMARKS = [bench_dashboard, bench_pdf_render_40_pages]
