"""Measure one PDF rendering in a fresh process (used by every app's benchmarks).

Its own module so that app benchmarks can use it without importing
``iqa_district.benchmarks``, which imports them (no import circle)."""

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


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
