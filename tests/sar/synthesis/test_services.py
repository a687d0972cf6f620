"""The synthesis job: start, claim, run once, fail with a reason, reconcile, publish,
the command, and a real Celery worker on Redis."""

import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from sar.models import SynthesisRun
from sar.synthesis import services
from tests.conftest import redis_url_or_skip
from tests.sar.factories import make_district


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks queued here run in-process, even when REDIS_URL is set; the worker tests
    below switch this off for themselves."""
    from iqa_district.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def district(office, cluster, other_office, academic_year):
    return make_district(office, cluster, other_office)


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_start_queues_after_commit_and_the_task_finishes_the_run(
    district, office, academic_year, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = services.synthesis_start(office=office, academic_year=academic_year, actor=supervisor)
    assert len(callbacks) == 1
    run.refresh_from_db()
    assert run.status == SynthesisRun.Status.DONE
    assert run.attempts == 1
    assert run.progress == 100
    assert run.school_count == 3
    assert run.results["coverage"]["schools"] == 3
    assert run.results["run"] == {"id": run.pk, "attempt": 1}
    assert run.requested_by == supervisor
    assert run.pdf.name.endswith(f"run-{run.pk}-a1-synthesis-2567.pdf")
    assert run.xlsx.name.endswith(f"run-{run.pk}-a1-synthesis-2567.xlsx")
    assert run.pdf.read(5) == b"%PDF-"
    assert run.started_at <= run.finished_at


def test_only_one_active_run_per_office_and_year(district, office, academic_year, other_office):
    first = services.synthesis_start(office=office, academic_year=academic_year)
    with pytest.raises(services.SynthesisError) as error:
        services.synthesis_start(office=office, academic_year=academic_year)
    assert "กำลังสังเคราะห์ข้อมูลปีการศึกษา 2567" in error.value.messages[0]
    assert f"รายการที่ {first.pk}" in error.value.messages[0]
    # Another office, or the same office once the run has ended, may start.
    services.synthesis_start(office=other_office, academic_year=academic_year)
    SynthesisRun.objects.filter(pk=first.pk).update(status="done")
    services.synthesis_start(office=office, academic_year=academic_year)
    assert SynthesisRun.objects.filter(area_office=office).count() == 2


def test_running_twice_yields_one_result(district, office, academic_year):
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert services.synthesis_execute(run_id=run.pk) is True
    done = SynthesisRun.objects.get(pk=run.pk)
    assert services.synthesis_execute(run_id=run.pk) is False
    again = SynthesisRun.objects.get(pk=run.pk)
    assert again.attempts == 1
    assert again.finished_at == done.finished_at
    assert again.results == done.results
    assert media_files() == [
        f"run-{run.pk}-a1-synthesis-2567.pdf",
        f"run-{run.pk}-a1-synthesis-2567.xlsx",
    ]


def test_a_failing_computation_marks_the_job_failed_with_its_reason(
    district, office, academic_year, monkeypatch
):
    def broken(*args, **kwargs):
        raise ValueError("ข้อมูลมาตรฐานไม่ครบ")

    monkeypatch.setattr("sar.synthesis.synthesize", broken)
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert services.synthesis_execute(run_id=run.pk) is False
    run.refresh_from_db()
    assert run.status == SynthesisRun.Status.FAILED
    assert run.failure_reason == "ValueError: ข้อมูลมาตรฐานไม่ครบ"
    assert run.results == {}
    assert not run.pdf and not run.xlsx
    assert media_files() == []
    # A failed run no longer blocks a new one.
    services.synthesis_start(office=office, academic_year=academic_year, queue=False)


def test_a_superseded_attempt_cannot_finish_or_fail(district, office, academic_year):
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert services.synthesis_claim(run_id=run.pk) == 1
    assert services.synthesis_claim(run_id=run.pk) is None
    # The reconciler hands the run to attempt 2; attempt 1 wakes up late.
    SynthesisRun.objects.filter(pk=run.pk).update(status="pending")
    assert services.synthesis_claim(run_id=run.pk) == 2
    assert not services.synthesis_finish(
        run_id=run.pk, attempt=1, results={"coverage": {"schools": 0}}, pdf=b"x", xlsx=b"y"
    )
    assert not services.synthesis_fail(run_id=run.pk, attempt=1, reason="late")
    run.refresh_from_db()
    assert (run.status, run.attempts, run.results) == ("running", 2, {})
    assert media_files() == []


def test_reconciler_requeues_a_stale_run_and_exactly_one_result_results(
    district, office, academic_year, django_capture_on_commit_callbacks
):
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    # A worker claimed it and died: running, attempt 1, heartbeat ten minutes old.
    assert services.synthesis_claim(run_id=run.pk) == 1
    old = timezone.now() - timedelta(minutes=10)
    SynthesisRun.objects.filter(pk=run.pk).update(heartbeat_at=old, started_at=old)
    fresh = services.synthesis_start(
        office=district["far"].area_office, academic_year=academic_year, queue=False
    )
    assert services.synthesis_claim(run_id=fresh.pk) == 1  # alive: heartbeat just now

    with django_capture_on_commit_callbacks(execute=True):
        assert services.synthesis_reconcile() == [run.pk]
    run.refresh_from_db()
    assert run.status == SynthesisRun.Status.DONE
    assert run.attempts == 2
    assert run.results["run"]["attempt"] == 2
    assert SynthesisRun.objects.get(pk=fresh.pk).status == "running"
    assert media_files() == [
        f"run-{run.pk}-a2-synthesis-2567.pdf",
        f"run-{run.pk}-a2-synthesis-2567.xlsx",
    ]
    # Reconciling again finds nothing to do.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.synthesis_reconcile() == []


def test_reconciler_gives_up_after_the_maximum_attempts(district, office, academic_year, settings):
    settings.SYNTHESIS_MAX_ATTEMPTS = 2
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    old = timezone.now() - timedelta(minutes=10)
    SynthesisRun.objects.filter(pk=run.pk).update(status="running", attempts=2, heartbeat_at=old)
    assert services.synthesis_reconcile() == []
    run.refresh_from_db()
    assert run.status == "failed"
    assert "หยุดทำงานระหว่างสังเคราะห์ 2 ครั้ง" in run.failure_reason


def test_reconciler_requeues_a_pending_run_whose_message_was_lost(district, office, academic_year):
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    # Queued ten minutes ago: merely waiting in a long queue, left alone.
    SynthesisRun.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone.now() - timedelta(minutes=10)
    )
    assert services.synthesis_reconcile() == []
    SynthesisRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert services.synthesis_reconcile() == [run.pk]
    # Re-queued just now: not again on the next pass.
    assert services.synthesis_reconcile() == []


def test_publish_keeps_one_published_run_per_office_and_year(
    district, office, academic_year, supervisor
):
    first = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    services.synthesis_execute(run_id=first.pk)
    second = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    with pytest.raises(services.SynthesisError):
        services.synthesis_publish(run=second, actor=supervisor)
    services.synthesis_execute(run_id=second.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    services.synthesis_publish(run=first, actor=supervisor)
    services.synthesis_publish(run=second, actor=supervisor)
    assert list(SynthesisRun.objects.published().values_list("pk", flat=True)) == [second.pk]
    second.refresh_from_db()
    assert second.published_by == supervisor and second.published_at
    services.synthesis_unpublish(run=second, actor=supervisor)
    assert not SynthesisRun.objects.published().exists()


def test_yearly_beat_starts_a_run_per_office_for_the_year_just_ended(
    district, office, other_office, academic_year
):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["sar-synthesis-yearly"]["task"] == "sar.tasks.synthesize_all_offices"
    assert schedule["sar-synthesis-reconcile"]["task"] == "sar.tasks.reconcile_synthesis_runs"
    yearly = schedule["sar-synthesis-yearly"]["schedule"]
    assert yearly.month_of_year == {6} and yearly.day_of_month == {15}
    from sar.synthesis import national

    services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    batch = national.national_batch_start_for_year(year=2567)
    # UBN5 already has a run in progress; SSK1 gets one, in the national batch.
    assert [r.area_office.code for r in batch.runs.all()] == ["SSK1"]
    assert national.national_batch_start_for_year(year=2599) is None


def test_command_waits_and_prints_progress_and_summary(district, office, capsys):
    call_command("synthesize", "--office", "UBN5", "--year", "2567", "--wait")
    out = capsys.readouterr().out
    run = SynthesisRun.objects.get()
    assert run.status == "done"
    assert f"การสังเคราะห์รายการที่ {run.pk}: กำลังสังเคราะห์" in out
    assert "อ่านข้อมูล SAR" in out and "100% เสร็จสิ้น" in out
    assert "สถานศึกษา 3 จาก 5 แห่ง (ร้อยละ 60.0)" in out
    assert "มาตรฐานที่ 1: 3 แห่ง ดีเลิศขึ้นไปร้อยละ 66.67 บรรลุเป้าหมายร้อยละ 33.33 ยังไม่บรรลุ 2 แห่ง" in out


def test_command_without_wait_queues_and_can_include_submitted(district, office):
    call_command("synthesize", "--office", "UBN5", "--year", "2567", "--include-submitted")
    run = SynthesisRun.objects.get()
    assert run.status == "pending" and run.include_submitted
    with pytest.raises(CommandError, match="กำลังสังเคราะห์"):
        call_command("synthesize", "--office", "UBN5", "--year", "2567")
    with pytest.raises(CommandError, match="ไม่พบสำนักงานเขตพื้นที่"):
        call_command("synthesize", "--office", "NOPE", "--year", "2567")


# A real worker on Redis. The worker runs in a thread of this process with its own
# database connection, so the data must be committed (transactional_db). Each test uses
# a queue of its own so no other worker on the same Redis can take its messages.


@pytest.fixture
def celery_worker_on_redis(transactional_db):
    from celery.contrib.testing.worker import start_worker

    from iqa_district.celery import app

    url = redis_url_or_skip()
    queue = f"h_synth_test_{uuid.uuid4().hex[:8]}"
    saved = {
        key: app.conf[key]
        for key in ("broker_url", "task_always_eager", "task_default_queue", "result_backend")
    }
    app.conf.update(
        broker_url=url, task_always_eager=False, task_default_queue=queue, result_backend=None
    )
    _reset_pool(app)
    try:
        with start_worker(app, perform_ping_check=False, queues=[queue], pool="solo"):
            yield app
    finally:
        app.conf.update(saved)
        _reset_pool(app)


def _reset_pool(app):
    # The producer pool was made for the broker configured before; drop it so the next
    # message goes to the broker configured now.
    app._pool = None
    app.amqp._producer_pool = None


def wait_for(run_id, statuses=("done", "failed"), timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = SynthesisRun.objects.get(pk=run_id)
        if run.status in statuses:
            return run
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} still {run.status} after {timeout} s")


@pytest.mark.celery_worker
def test_real_worker_runs_the_task_and_a_second_delivery_is_a_no_op(
    office, cluster, other_office, academic_year, celery_worker_on_redis
):
    from sar.tasks import synthesize_run

    make_district(office, cluster, other_office)
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    synthesize_run.delay(run.pk)
    synthesize_run.delay(run.pk)  # delivered twice
    run = wait_for(run.pk)
    assert run.status == "done", run.failure_reason
    assert run.results["coverage"]["schools"] == 3
    time.sleep(1)  # let the second message be consumed
    run.refresh_from_db()
    assert run.attempts == 1
    assert len(media_files()) == 2


@pytest.mark.celery_worker
def test_real_worker_reconciler_requeues_a_dead_workers_run(
    office, cluster, other_office, academic_year, celery_worker_on_redis
):
    from sar.tasks import reconcile_synthesis_runs

    make_district(office, cluster, other_office)
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    services.synthesis_claim(run_id=run.pk)
    SynthesisRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    reconcile_synthesis_runs.delay()
    run = wait_for(run.pk)
    assert run.status == "done", run.failure_reason
    assert run.attempts == 2
    assert SynthesisRun.objects.exclude(results={}).count() == 1
    assert len(media_files()) == 2
