"""The national batch: every area office of a year synthesised as one Celery group, one
task per office, spread over however many workers are running.

Nothing here is a new kind of job. Each office is an ordinary ``SynthesisRun`` (claim,
heartbeat, fencing by attempt, the reconciler re-queueing a dead worker's run); the
batch only ties the runs together, so its progress is counted from their rows and a
retry of the failed offices is an ordinary new run of each.
"""

import logging
from dataclasses import dataclass

from celery import current_app, group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from iqa_district.thai import academic_year_of
from schools.models import AcademicYear, AreaOffice

from ..models import NationalBatch, SynthesisRun
from .services import RUN_TASK, SynthesisError, synthesis_start

logger = logging.getLogger(__name__)

Status = SynthesisRun.Status


def _queue_group(run_ids: list[int]) -> None:
    # One message per office; a worker takes one at a time (prefetch 1, acks late), so
    # the offices spread over every worker that listens, on however many machines.
    if run_ids:
        group(current_app.signature(RUN_TASK, args=(pk,)) for pk in run_ids).apply_async()


def _start_runs(
    batch: NationalBatch, offices: list[AreaOffice], actor: User | None
) -> list[SynthesisRun]:
    runs = []
    for office in offices:
        try:
            run = synthesis_start(office=office, academic_year=batch.academic_year, queue=False)
        except SynthesisError:
            # The office's own run of that year is in progress: it is left to finish.
            logger.info("national batch %s: %s already running", batch.pk, office.code)
            continue
        runs.append(run)
    SynthesisRun.objects.filter(pk__in=[run.pk for run in runs]).update(
        batch=batch, requested_by=actor
    )
    ids = [run.pk for run in runs]
    transaction.on_commit(lambda: _queue_group(ids))
    return runs


def national_batch_start(
    *, academic_year: AcademicYear, actor: User | None = None
) -> NationalBatch:
    """Start a run for every area office of ``academic_year`` and queue them as one
    group once the transaction commits. ``actor`` None is the system (the yearly beat,
    the command); a person must be a superuser (the central office)."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied
    with transaction.atomic():
        batch = NationalBatch.objects.create(academic_year=academic_year, requested_by=actor)
        runs = _start_runs(batch, list(AreaOffice.objects.order_by("code")), actor)
        if actor is not None:
            audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=batch)
    logger.info("national batch %s: %s offices queued", batch.pk, len(runs))
    return batch


def national_batch_start_for_year(*, year: int | None = None) -> NationalBatch | None:
    """The yearly beat: the academic year that has just ended (or ``year``)."""
    year = year or academic_year_of(timezone.localdate()) - 1
    academic_year = AcademicYear.objects.filter(year=year).first()
    if academic_year is None:
        logger.warning("national batch: academic year %s does not exist", year)
        return None
    return national_batch_start(academic_year=academic_year)


def latest_runs(batch: NationalBatch):
    """The batch's latest run of each office (a retried office has more than one)."""
    latest = batch.runs.values("area_office").annotate(last=Max("pk")).values("last")
    return SynthesisRun.objects.filter(pk__in=latest)


def national_batch_retry_failed(
    *, batch: NationalBatch, actor: User | None = None
) -> list[SynthesisRun]:
    """A new run, in the same batch, for every office whose latest run failed.
    ``actor`` None is the system (the command); a person must be a superuser."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied
    with transaction.atomic():
        failed = list(
            AreaOffice.objects.filter(
                pk__in=latest_runs(batch).filter(status=Status.FAILED).values("area_office")
            ).order_by("code")
        )
        runs = _start_runs(batch, failed, actor)
        if actor is not None:
            audit_record(
                actor=actor,
                action=AuditEntry.Action.CHANGE,
                obj=batch,
                detail="retry: " + " ".join(office.code for office in failed),
            )
    logger.info("national batch %s: %s failed offices re-queued", batch.pk, len(runs))
    return runs


@dataclass(frozen=True)
class BatchProgress:
    offices: int
    pending: int
    running: int
    done: int
    failed: int

    @property
    def finished(self) -> bool:
        return self.pending == 0 and self.running == 0

    @property
    def percent(self) -> int:
        if not self.offices:
            return 100
        return int(100 * (self.done + self.failed) / self.offices)


def national_batch_progress(batch: NationalBatch) -> BatchProgress:
    """Offices done, failed, running and waiting, from the latest run of each: one query."""
    counts = dict(
        latest_runs(batch)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return BatchProgress(
        offices=sum(counts.values()),
        pending=counts.get(Status.PENDING, 0),
        running=counts.get(Status.RUNNING, 0),
        done=counts.get(Status.DONE, 0),
        failed=counts.get(Status.FAILED, 0),
    )
