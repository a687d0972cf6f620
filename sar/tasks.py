"""Celery tasks of the SAR app. Tasks take ids and call services; the job row in
PostgreSQL, not the broker, holds the state (see sar/synthesis/services.py)."""

from celery import shared_task

from .synthesis import national
from .synthesis import services as synthesis_services


@shared_task(
    name=synthesis_services.RUN_TASK, acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def synthesize_run(run_id):
    """Run one synthesis. Safe to deliver twice: the second claim finds the run taken."""
    return synthesis_services.synthesis_execute(
        run_id=run_id, heartbeat=not synthesize_run.request.is_eager
    )


@shared_task(ignore_result=True)
def reconcile_synthesis_runs():
    """Periodic: re-queue runs whose worker died (stale heartbeat) or whose message was lost."""
    return synthesis_services.synthesis_reconcile()


@shared_task(ignore_result=True)
def synthesize_all_offices(year=None):
    """Yearly (beat): the national batch, a synthesis per office for the academic year
    just ended, queued as one group over the workers."""
    batch = national.national_batch_start_for_year(year=year)
    return batch.pk if batch else None


@shared_task(name=synthesis_services.APPENDIX_TASK, ignore_result=True)
def render_synthesis_appendix(run_id):
    """After publishing: the run's per-school appendix, ready before its first reader.
    Safe twice: the second finds it rendered."""
    synthesis_services.synthesis_appendix_render(run_id=run_id)
