"""`make bench`: run every app's benchmarks on a throwaway database and print figures.

Each app may define ``benchmarks.py`` with a ``BENCHMARKS`` list of callables taking a
``report(name, value, unit)`` function. Figures print as ``name: value unit``, one a line.
A benchmark measures; it does not pass or fail. ``--quick`` runs only each module's
``QUICK_BENCHMARKS`` (day-to-day, under 3 minutes); ``--national`` lets the national
benchmarks use all 245 offices. Benchmarks read the mode as ``settings.BENCH_MODE``.
"""

import importlib
import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

APPS = [
    "iqa_district",
    "schools",
    "standards",
    "sar",
    "sar.synthesis",
    "supervision",
    "external_eval",
    "research",
]


class Command(BaseCommand):
    help = "Run the benchmarks and print one 'name: value unit' line per figure."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--only", help="run only benchmarks whose name contains this")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--quick", action="store_true", help="the quick set, under 3 minutes")
        mode.add_argument("--national", action="store_true", help="national scale (245 offices)")

    def handle(self, *args: Any, **options: Any) -> None:
        def report(name: str, value: float | int | str, unit: str) -> None:
            shown = f"{value:.3f}" if isinstance(value, float) else value
            self.stdout.write(f"{name}: {shown} {unit}")
            self.stdout.flush()

        old_name = connection.settings_dict["NAME"]
        # A fresh test database, so benchmarks never touch the demo data.
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        settings.CELERY_TASK_ALWAYS_EAGER = True
        modes = ("quick", "national")
        settings.BENCH_MODE = next((m for m in modes if options[m]), "default")
        report("database", connection.vendor, "")
        try:
            for app in APPS:
                try:
                    module = importlib.import_module(f"{app}.benchmarks")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.benchmarks":
                        raise
                    continue
                benchmarks = module.BENCHMARKS
                if options["quick"]:
                    benchmarks = getattr(module, "QUICK_BENCHMARKS", [])
                for bench in benchmarks:
                    if options["only"] and options["only"] not in bench.__name__:
                        continue
                    started = time.perf_counter()
                    bench(report)
                    self.stderr.write(
                        f"  ({bench.__module__}.{bench.__name__} took {time.perf_counter() - started:.1f} s)"
                    )
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
