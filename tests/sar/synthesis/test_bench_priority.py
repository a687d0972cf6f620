"""The national benchmark's workers at a lower CPU priority while pages are measured
(bench_load with LOAD_DURING_BATCH): the process's nice value and, where the kernel
groups sessions (autogroups), its new session's too, or nice alone changes nothing."""

import subprocess
import sys
from pathlib import Path

from sar.synthesis.benchmarks import _lower_priority

PROBE = (
    "import os, pathlib\n"
    "print(os.nice(0))\n"
    "p = pathlib.Path('/proc/self/autogroup')\n"
    "print(p.read_text().split()[-1] if p.exists() else 'none')\n"
)


def test_a_worker_session_runs_at_the_given_priority():
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        preexec_fn=_lower_priority(7),  # noqa: PLW1509 - a single-threaded probe
        start_new_session=True,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[0] == "7"
    autogroups = Path("/proc/sys/kernel/sched_autogroup_enabled")
    if autogroups.exists() and autogroups.read_text().strip() == "1":
        assert out[1] == "7"
