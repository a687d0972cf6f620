"""A small national batch (three generated offices) on a real Celery worker on Redis,
the worker SIGKILLed mid-batch and started again: the batch still ends with exactly
one result per office, the killed office's run finished by the new worker."""

import os
import time
import uuid

import pytest
from django.core.management import call_command

from sar.models import SynthesisRun
from sar.synthesis import national, services
from schools.models import AcademicYear
from tests.conftest import redis_url_or_skip
from tests.sar.synthesis.test_faults import Worker, _database_url

STALE_SECONDS = 2


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what}: not reached in {timeout} s")


@pytest.mark.celery_worker
def test_a_national_batch_survives_a_killed_worker(transactional_db, settings):
    from iqa_district.celery import app

    url = redis_url_or_skip()
    queue = f"h_national_{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SYNTHESIS_HEARTBEAT_SECONDS": "1",
    }
    settings.SYNTHESIS_STALE_AFTER_SECONDS = STALE_SECONDS
    call_command("generate_national", "--offices", "3", "--schools", "45", "--years", "1")
    saved = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    app.conf.update(broker_url=url, task_always_eager=False, task_default_queue=queue)
    app._pool = None
    app.amqp._producer_pool = None
    worker = Worker(queue, env)
    try:
        batch = national.national_batch_start(academic_year=AcademicYear.objects.get(year=2568))
        runs = batch.runs.all()
        assert runs.count() == 3
        _wait(lambda: runs.filter(status="running").exists(), 90, "an office running")
        victim = runs.get(status="running")
        worker.kill()
        victim.refresh_from_db()
        assert victim.status == "running"  # killed mid-run, not after it
        worker = Worker(queue, env)

        def ended():
            if national.national_batch_progress(batch).finished:
                return True
            services.synthesis_reconcile()  # what beat does every minute
            return False

        _wait(ended, 180, "the batch finished")
    finally:
        worker.stop()
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None
    progress = national.national_batch_progress(batch)
    assert (progress.offices, progress.done, progress.failed) == (3, 3, 0)
    done = SynthesisRun.objects.filter(batch=batch, status="done")
    assert sorted(done.values_list("area_office__code", flat=True)) == ["N-001", "N-002", "N-003"]
    victim.refresh_from_db()
    assert victim.status == "done" and victim.attempts >= 2, victim.failure_reason
    assert victim.results["run"]["attempt"] == victim.attempts
    assert all(run.pdf and run.xlsx for run in done)
