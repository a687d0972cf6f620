"""The synthesis job: start, claim, run, finish, fail, reconcile and publish.

The job's state lives in ``SynthesisRun``, not in the broker. A worker claims a pending
run with a conditional UPDATE that bumps ``attempts``; that number is the worker's
fencing token: progress, finish and fail only touch the row while it is still running
under the same attempt. So a task delivered twice, or a worker that wakes up after the
reconciler handed its run to another, changes nothing, and exactly one result is kept.
"""

import functools
import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from celery import current_app
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from schools.models import AcademicYear, AreaOffice

from .. import synthesis
from ..models import SynthesisRun
from ..notifications import synthesis_notify
from .pdf import render_appendix_pdf_bytes, render_pdf_bytes
from .xlsx import render_xlsx

logger = logging.getLogger(__name__)

Status = SynthesisRun.Status
ACTIVE = (Status.PENDING, Status.RUNNING)
# The Celery task that runs a synthesis (sar/tasks.py declares itself under this name).
RUN_TASK = "sar.tasks.synthesize_run"
# The one that renders a published run's appendix ahead of its first reader.
APPENDIX_TASK = "sar.tasks.render_synthesis_appendix"


class SynthesisError(ValidationError):
    pass


def _stale_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "SYNTHESIS_STALE_AFTER_SECONDS", 120))


def _pending_requeue_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "SYNTHESIS_REQUEUE_PENDING_SECONDS", 1800))


def _max_attempts() -> int:
    return int(getattr(settings, "SYNTHESIS_MAX_ATTEMPTS", 3))


def _queue(run_id: int) -> None:
    # By name: sar/tasks.py imports this module, so importing it back would be a circle
    # (SarConfig.ready imports it, so the name is registered in every process). The
    # task's delay(), unlike app.send_task, honours CELERY_TASK_ALWAYS_EAGER.
    current_app.tasks[RUN_TASK].delay(run_id)


def synthesis_start(
    *,
    office: AreaOffice,
    academic_year: AcademicYear,
    include_submitted: bool = False,
    actor: User | None = None,
    queue: bool = True,
) -> SynthesisRun:
    """Create a pending run and queue it once the transaction commits. Only one run per
    office and year may be pending or running (the database enforces it too).

    ``actor`` None is the system (the yearly beat, ``manage.py synthesize``); a person
    must be one of the office's quality managers.
    """
    if actor is not None and not SynthesisRun(area_office=office).can_be_managed_by(actor):
        raise PermissionDenied
    active = SynthesisRun.objects.filter(
        area_office=office, academic_year=academic_year, status__in=ACTIVE
    ).first()
    if active:
        raise SynthesisError(
            _(
                "กำลังสังเคราะห์ข้อมูลปีการศึกษา %(year)s ของสำนักงานเขตพื้นที่นี้อยู่แล้ว "
                "(รายการที่ %(pk)s) กรุณารอให้เสร็จก่อน"
            )
            % {"year": academic_year.year, "pk": active.pk},
            code="already_running",
        )
    try:
        with transaction.atomic():
            run = SynthesisRun.objects.create(
                area_office=office,
                academic_year=academic_year,
                include_submitted=include_submitted,
                requested_by=actor,
                progress_message=_("รอเครื่องประมวลผล"),
                heartbeat_at=timezone.now(),
            )
    except IntegrityError as exc:
        # Two starts at the same moment: the partial unique constraint let one through.
        raise SynthesisError(
            _("กำลังสังเคราะห์ข้อมูลปีการศึกษา %(year)s ของสำนักงานเขตพื้นที่นี้อยู่แล้ว")
            % {"year": academic_year.year},
            code="already_running",
        ) from exc
    if queue:
        transaction.on_commit(lambda: _queue(run.pk))
    return run


def synthesis_claim(*, run_id: int) -> int | None:
    """Take a pending run: returns the attempt number (the fencing token), or None when
    another worker has it or it is finished."""
    now = timezone.now()
    claimed = SynthesisRun.objects.filter(pk=run_id, status=Status.PENDING).update(
        status=Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        progress=1,
        progress_message=_("เริ่มสังเคราะห์"),
        failure_reason="",
    )
    if not claimed:
        return None
    return SynthesisRun.objects.values_list("attempts", flat=True).get(pk=run_id)


def _mine(run_id: int, attempt: int) -> QuerySet[SynthesisRun]:
    return SynthesisRun.objects.filter(pk=run_id, status=Status.RUNNING, attempts=attempt)


def synthesis_progress(*, run_id: int, attempt: int, percent: float, message: str = "") -> None:
    _mine(run_id, attempt).update(
        progress=min(max(int(percent), 0), 99),
        progress_message=str(message)[:255],
        heartbeat_at=timezone.now(),
    )


def synthesis_finish(
    *, run_id: int, attempt: int, results: dict[str, Any], pdf: bytes, xlsx: bytes
) -> bool:
    """Store the results and both files and mark the run done, all in one transaction;
    False (and nothing stored) when this attempt no longer owns the run."""
    with transaction.atomic():
        run = _mine(run_id, attempt).select_for_update().first()
        if run is None:
            return False
        stem = f"a{attempt}-synthesis-{run.academic_year_id}"
        run.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        run.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
        # save() has named both files.
        files = [name for name in (run.pdf.name, run.xlsx.name) if name]
        try:
            run.results = results
            run.school_count = results["coverage"]["schools"]
            run.status = Status.DONE
            run.progress = 100
            run.progress_message = _("เสร็จสิ้น")
            run.finished_at = timezone.now()
            run.heartbeat_at = run.finished_at
            run.save()
        except Exception:
            for name in files:
                run.pdf.storage.delete(name)
            raise
        synthesis_notify(run.pk)  # who asked for it, once per run
    return True


def synthesis_fail(*, run_id: int, attempt: int, reason: str) -> bool:
    failed = bool(
        _mine(run_id, attempt).update(
            status=Status.FAILED,
            failure_reason=str(reason)[:2000],
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
    )
    if failed:
        synthesis_notify(run_id)  # who asked for it, once per run
    return failed


class _Heartbeat(threading.Thread):
    """Touches ``heartbeat_at`` while a long step (the PDF) runs, so the reconciler only
    re-queues runs whose worker is really gone."""

    def __init__(self, run_id: int, attempt: int, every: float) -> None:
        super().__init__(daemon=True)
        self.run_id, self.attempt, self.every = run_id, attempt, every
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                _mine(self.run_id, self.attempt).update(heartbeat_at=timezone.now())
        except Exception:
            logger.exception("synthesis heartbeat of run %s stopped", self.run_id)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


def synthesis_execute(
    *,
    run_id: int,
    heartbeat: bool = False,
    on_progress: Callable[[int, str], None] | None = None,
) -> bool:
    """Claim and run one synthesis; what the Celery task and the demo call. Returns True
    when this call produced the result; False when the run was not ours to run."""
    attempt = synthesis_claim(run_id=run_id)
    if attempt is None:
        logger.info("synthesis run %s: not pending, nothing to do", run_id)
        return False
    beat: _Heartbeat | None = None
    if heartbeat:
        beat = _Heartbeat(run_id, attempt, getattr(settings, "SYNTHESIS_HEARTBEAT_SECONDS", 10))
        beat.start()
    try:
        run = SynthesisRun.objects.select_related("area_office", "academic_year").get(pk=run_id)

        def progress(percent: float, message: str) -> None:
            synthesis_progress(run_id=run_id, attempt=attempt, percent=percent, message=message)
            if on_progress:
                on_progress(int(percent), str(message))

        results = synthesis.synthesize(
            run.area_office,
            run.academic_year_id,
            include_submitted=run.include_submitted,
            progress=progress,
        )
        results["run"] = {"id": run.pk, "attempt": attempt}
        progress(80, _("จัดทำเอกสาร PDF และ XLSX"))
        return synthesis_finish(
            run_id=run_id,
            attempt=attempt,
            results=results,
            pdf=render_pdf_bytes(run, results),
            xlsx=render_xlsx(run, results),
        )
    except Exception as exc:
        logger.exception("synthesis run %s failed", run_id)
        synthesis_fail(run_id=run_id, attempt=attempt, reason=f"{exc.__class__.__name__}: {exc}")
        return False
    finally:
        if beat:
            beat.stop()


def synthesis_reconcile(*, now: datetime | None = None) -> list[int]:
    """Re-queue runs whose worker died: running with a stale heartbeat (set back to
    pending), or pending and not queued for SYNTHESIS_REQUEUE_PENDING_SECONDS (the
    message was lost). A run that has used up its attempts is marked failed instead."""
    now = now or timezone.now()
    stale = now - _stale_after()
    requeue: list[int] = []
    with transaction.atomic():
        dead = SynthesisRun.objects.select_for_update(skip_locked=True).filter(
            Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True, started_at__lt=stale),
            status=Status.RUNNING,
        )
        for run in dead:
            if run.attempts >= _max_attempts():
                SynthesisRun.objects.filter(pk=run.pk, status=Status.RUNNING).update(
                    status=Status.FAILED,
                    failure_reason=_("เครื่องประมวลผลหยุดทำงานระหว่างสังเคราะห์ %(n)s ครั้ง")
                    % {"n": run.attempts},
                    finished_at=now,
                )
                synthesis_notify(run.pk)  # who asked for it, once per run
                continue
            SynthesisRun.objects.filter(pk=run.pk, status=Status.RUNNING).update(
                status=Status.PENDING,
                progress=0,
                progress_message=_("เครื่องประมวลผลหยุดทำงาน กำลังเริ่มใหม่"),
                heartbeat_at=now,
            )
            requeue.append(run.pk)
        # A pending run's heartbeat is when it was last queued: a queue that is merely
        # long (the yearly run of every office) is not flooded with duplicates.
        lost = SynthesisRun.objects.filter(
            Q(heartbeat_at__lt=now - _pending_requeue_after())
            | Q(heartbeat_at__isnull=True, created_at__lt=now - _pending_requeue_after()),
            status=Status.PENDING,
        ).exclude(pk__in=requeue)
        lost_ids = list(lost.values_list("pk", flat=True))
        SynthesisRun.objects.filter(pk__in=lost_ids).update(heartbeat_at=now)
        requeue += lost_ids
        for pk in requeue:
            transaction.on_commit(functools.partial(_queue, pk))
    if requeue:
        logger.warning("synthesis reconciler re-queued runs %s", requeue)
    return requeue


def synthesis_publish(*, run: SynthesisRun, actor: User) -> SynthesisRun:
    """Publish a finished run; the office's previously published run of that year is
    withdrawn in the same transaction (one published per office and year)."""
    if not run.can_be_managed_by(actor):
        raise PermissionDenied
    if run.status != Status.DONE:
        raise SynthesisError(_("เผยแพร่ได้เฉพาะการสังเคราะห์ที่เสร็จสิ้นแล้ว"), code="not_done")
    with transaction.atomic():
        SynthesisRun.objects.filter(
            area_office=run.area_office_id, academic_year=run.academic_year_id, is_published=True
        ).exclude(pk=run.pk).update(is_published=False)
        run.is_published = True
        run.published_at = timezone.now()
        run.published_by = actor
        run.save(update_fields=["is_published", "published_at", "published_by"])
        audit_record(actor=actor, action=AuditEntry.Action.PUBLISH, obj=run)
        # Anyone may now open its appendix: a worker renders it first, so no visitor's
        # request does (at 3,000 schools that is ~16 s). robust: a broker that is down
        # only leaves the rendering to the first request.
        transaction.on_commit(
            functools.partial(current_app.tasks[APPENDIX_TASK].delay, run.pk), robust=True
        )
    logger.info("synthesis run %s published by %s", run.pk, actor)
    return run


def synthesis_unpublish(*, run: SynthesisRun, actor: User) -> SynthesisRun:
    if not run.can_be_managed_by(actor):
        raise PermissionDenied
    with transaction.atomic():
        run.is_published = False
        run.published_by = actor
        run.published_at = None
        run.save(update_fields=["is_published", "published_at", "published_by"])
        audit_record(actor=actor, action=AuditEntry.Action.UNPUBLISH, obj=run)
    logger.info("synthesis run %s withdrawn by %s", run.pk, actor)
    return run


def synthesis_appendix(*, run: SynthesisRun, user: User | AnonymousUser) -> SynthesisRun:
    """``run`` with its per-school appendix PDF, rendered now if nobody has asked for it
    before. Anyone who may read the run may ask: its office's staff, and everyone once
    it is published. The run's row is locked while the appendix renders, so a
    double-click or a second PC waits for the first rendering and gets its file instead
    of rendering it again."""
    readable = SynthesisRun.objects.visible_to(user) | SynthesisRun.objects.published()
    if not readable.filter(pk=run.pk).exists():
        raise PermissionDenied
    if run.status == Status.DONE and _has_appendix(run):
        return run  # the usual case, without reading the results
    return synthesis_appendix_render(run_id=run.pk)


def synthesis_appendix_render(*, run_id: int) -> SynthesisRun:
    """The system's part of ``synthesis_appendix`` (the task after publishing calls it
    too): render and keep the appendix unless it is there already."""
    with transaction.atomic():
        run = (
            SynthesisRun.objects.select_for_update()
            .select_related("area_office", "academic_year")
            .get(pk=run_id)
        )
        if run.status != Status.DONE:
            raise SynthesisError(_("การสังเคราะห์นี้ยังไม่เสร็จ จึงยังไม่มีภาคผนวก"), code="not_done")
        if _has_appendix(run):
            return run
        pdf = render_appendix_pdf_bytes(run, run.results)
        run.appendix_pdf.save(
            f"a{run.attempts}-appendix-{run.academic_year_id}.pdf", ContentFile(pdf), save=False
        )
        try:
            run.save(update_fields=["appendix_pdf"])
        except Exception:
            run.appendix_pdf.storage.delete(str(run.appendix_pdf.name))
            raise
    logger.info("synthesis run %s: appendix rendered (%s bytes)", run.pk, len(pdf))
    return run


def _has_appendix(run: SynthesisRun) -> bool:
    name = run.appendix_pdf.name
    return bool(name) and run.appendix_pdf.storage.exists(str(name))
