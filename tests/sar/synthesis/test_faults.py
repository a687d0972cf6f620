"""The synthesis under a worker's death: real Celery worker processes on Redis, SIGKILLed
(the whole process group, as when a container or machine dies) while a run is being
computed, ten times; each run still ends with exactly one result, made by the next worker
after the reconciler finds the stale heartbeat.

The stale time is 2 s here (SYNTHESIS_STALE_AFTER_SECONDS) so the trials take seconds;
recovery is measured from the kill to the finished run and printed. With the defaults
(120 s stale, reconciler every 60 s) the same recovery takes 2–3 minutes plus the run.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from sar.models import SynthesisRun
from sar.synthesis import services
from tests.conftest import redis_url_or_skip
from tests.sar.factories import make_district

ROOT = Path(__file__).resolve().parents[3]
TRIALS = 10
STALE_SECONDS = 2


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("worker processes share the database only on PostgreSQL")
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{db['NAME']}"


class Worker:
    """`celery worker` in a process group of its own, on a queue of the test's own."""

    def __init__(self, queue, env):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "iqa_district",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                f"--queues={queue}",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def _wait(run_id, predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = SynthesisRun.objects.get(pk=run_id)
        if predicate(run):
            return run
        time.sleep(0.05)
    raise AssertionError(f"run {run_id}: {what} not reached in {timeout} s ({run.status})")


@pytest.mark.celery_worker
def test_a_worker_killed_mid_synthesis_ten_times_leaves_one_result_each_time(
    transactional_db, office, cluster, other_office, academic_year, settings, tmp_path
):
    from iqa_district.celery import app

    url = redis_url_or_skip()
    queue = f"h_synth_faults_{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SYNTHESIS_HEARTBEAT_SECONDS": "1",
    }
    settings.SYNTHESIS_STALE_AFTER_SECONDS = STALE_SECONDS
    saved = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    app.conf.update(broker_url=url, task_always_eager=False, task_default_queue=queue)
    app._pool = None
    app.amqp._producer_pool = None
    make_district(office, cluster, other_office)
    worker = Worker(queue, env)
    killed, recoveries = 0, []
    try:
        while killed < TRIALS:
            SynthesisRun.objects.filter(area_office=office).delete()
            run = services.synthesis_start(office=office, academic_year=academic_year)
            _wait(run.pk, lambda r: r.status == "running", 60, "running")
            worker.kill()
            killed_at = time.monotonic()
            if SynthesisRun.objects.get(pk=run.pk).status != "running":
                continue  # it finished before the kill landed: not a trial
            killed += 1
            worker = Worker(queue, env)
            # What beat does every minute: the reconciler, until the heartbeat is stale.
            _wait(
                run.pk,
                lambda r: r.status != "running" or bool(services.synthesis_reconcile()),
                30,
                "re-queued",
            )
            done = _wait(run.pk, lambda r: r.status in {"done", "failed"}, 60, "finished")
            recoveries.append(time.monotonic() - killed_at)
            assert done.status == "done", done.failure_reason
            assert done.attempts == 2
            assert done.results["run"]["attempt"] == 2
            assert SynthesisRun.objects.filter(area_office=office).count() == 1
            assert done.pdf and done.xlsx
    finally:
        worker.stop()
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None
    assert killed == TRIALS
    print(
        f"\nworker kills: {killed}, one result each; recovery after kill "
        f"(stale {STALE_SECONDS} s): min {min(recoveries):.1f} s, max {max(recoveries):.1f} s"
    )
    assert max(recoveries) < STALE_SECONDS + 30
