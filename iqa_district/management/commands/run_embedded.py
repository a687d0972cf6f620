"""`make run`: the web server and a Celery worker (with beat) side by side, as one command.

On the embedded default the broker is a folder (settings: Kombu's filesystem transport), so
the worker needs no server; long jobs such as the synthesis run in the worker and the page
polls their progress, as in production. Both are children of this process: Ctrl+C (or a
SIGTERM) stops both, and when one of them ends the other is stopped too, so nothing is
left running behind the terminal.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
GRACE_SECONDS = 15


def worker_command(schedule: Path) -> list[str]:
    """The worker with beat inside it (one process to start; the reconciler and the
    reminders need beat), two tasks at a time."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "iqa_district",
        "worker",
        "--beat",
        f"--schedule={schedule}",
        "--pool=prefork",
        "--concurrency=2",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=INFO",
    ]


class Command(BaseCommand):
    help = "Runs the development web server and a Celery worker with beat; Ctrl+C stops both."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_true", help="Do not restart the web server on changes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        broker_dir = Path(getattr(settings, "EMBEDDED_BROKER_DIR", settings.BASE_DIR / "var"))
        broker_dir.mkdir(parents=True, exist_ok=True)
        web = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "runserver"]
        if options["noreload"]:
            web.append("--noreload")
        web.append(options["addrport"])
        self.stdout.write(f"Celery broker: {settings.CELERY_BROKER_URL.split('@')[-1]}")
        # Each in a session of its own, so a signal reaches them only through here and
        # the web server's autoreloader child is stopped with its parent.
        children = [
            subprocess.Popen(
                worker_command(broker_dir / "celerybeat-schedule"), start_new_session=True
            ),
            subprocess.Popen(web, start_new_session=True),
        ]
        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.2)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self._stop(children)
        codes = [child.returncode for child in children]
        if not stopping and any(codes):
            raise SystemExit(next(code for code in codes if code))

    def _stop(self, children: list[subprocess.Popen[bytes]]) -> None:
        """SIGTERM to the worker (a warm shutdown: it stops its pool itself) and to the
        web server's whole group, then SIGKILL to every group still there after the grace
        time."""
        worker, web = children
        if worker.poll() is None:
            worker.terminate()
        _signal_group(web, signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(child, signal.SIGKILL)
                child.wait()
        # What the group leaders left behind (a pool process, the autoreloader's child).
        for child in children:
            _signal_group(child, signal.SIGKILL)


def _signal_group(child: "subprocess.Popen[bytes]", sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, sig)
