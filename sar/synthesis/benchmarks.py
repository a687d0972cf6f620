"""National benchmarks (`make bench`; registered as "sar.synthesis" in bench.py).

On data from ``generate_national`` (3 offices with --quick, 10 by default, all 245 with
--national):

- per office, the synthesis's figures (read + compute; the phrase mining and the texts
  only it reads taken out and measured apart) beside the plain SQL of the same groupings (``baseline``), and the
  ratio; the best of three after a warm-up, wall time (the database works in another
  process);
- the phrase mining alone, per 1,000 schools' texts (CPU);
- one office's job step by step (read, figures, phrase mining, PDF, XLSX, saving the
  run), CPU and wall seconds, at an office of typical size (~120 schools) and at the
  largest, with the PDF's share of the whole: what a national batch spends per office;
- the national batch with the PDFs on N = 1 and 2 real ``celery worker`` processes
  against Redis (PostgreSQL and REDIS_URL only), wall time from the start to the last
  office done.
"""

import contextlib
import io
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from schools.models import AcademicYear, AreaOffice

from ..models import SynthesisRun
from . import fetch_input, national
from . import figures as figures_module
from .baseline import sql_aggregate
from .phrases import PhraseMiner

ROOT = Path(__file__).resolve().parents[2]
YEAR = 2568
PREFIX = "NB"
SCALES = {"quick": (2, 60, 1), "default": (10, None, 2), "national": (245, None, 2)}


def best_of(fn, runs=3):
    fn()  # warm-up: caches, the dictionary, the plan
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _texts(data):
    by_standard = {}
    for _school, standard_id, _level, strengths, improvements in data.standard_results:
        pair = by_standard.setdefault(standard_id, ([], []))
        if strengths.strip():
            pair[0].append(("", strengths))
        if improvements.strip():
            pair[1].append(("", improvements))
    return [texts for pair in by_standard.values() for texts in pair]


class _NoMining(PhraseMiner):
    """The figures without the mining, which is measured on its own below."""

    def mine(self, texts):
        return []


def figures_only(office, year=YEAR):
    """The synthesis's figures of ``office`` (read + compute) without the phrase mining
    and without reading the texts only the mining needs."""
    saved = figures_module.PhraseMiner
    figures_module.PhraseMiner = _NoMining
    try:
        figures_module.compute(fetch_input(office, year, narratives=False))
    finally:
        figures_module.PhraseMiner = saved


def _generate(mode, report):
    offices, schools, years = SCALES[mode]
    args = ["--offices", str(offices), "--years", str(years), "--prefix", PREFIX, "--seed", "1"]
    if schools:
        args += ["--schools", str(schools)]
    started = time.perf_counter()
    call_command("generate_national", *args, stdout=io.StringIO())
    report("national_generate", time.perf_counter() - started, "s")
    return list(AreaOffice.objects.filter(code__startswith=f"{PREFIX}-").order_by("code"))


def _per_office(offices, report):
    ratios, mining = [], []
    for office in offices:
        figures = best_of(lambda office=office: figures_only(office))
        sql = best_of(lambda office=office: sql_aggregate(office, YEAR))
        ratios.append(figures / sql)
        report(f"national_office_{office.code}_figures", figures, "s")
        report(f"national_office_{office.code}_sql", sql, "s")
        report(f"national_office_{office.code}_ratio", figures / sql, "x")
        data = fetch_input(office, YEAR)
        texts = _texts(data)
        miner = PhraseMiner()
        if texts:
            miner.mine(texts[0])  # warm-up: pythainlp loads its dictionary once a process
        started = time.process_time()
        for group in texts:
            miner.mine(group)
        if data.schools:
            mining.append((time.process_time() - started) * 1000 / len(data.schools))
    report("national_office_ratio_median", statistics.median(ratios), "x")
    report("national_office_ratio_max", max(ratios), "x")
    if mining:
        report("national_phrase_mining_per_1000_schools_cpu", max(mining), "s")


TYPICAL_SCHOOLS = 120  # 29,449 schools / 245 offices


def _office_sizes(offices):
    counts = dict(
        AreaOffice.objects.filter(pk__in=[o.pk for o in offices])
        .annotate(n=Count("schools"))
        .values_list("pk", "n")
    )
    return [(counts[o.pk], o) for o in offices]


def _breakdown(label, office, report):
    """One office's job step by step, as synthesis_execute runs it on a worker."""
    from .pdf import render_pdf_bytes
    from .services import synthesis_claim, synthesis_finish, synthesis_start
    from .xlsx import render_xlsx

    run = synthesis_start(
        office=office, academic_year=AcademicYear.objects.get(year=YEAR), queue=False
    )
    attempt = synthesis_claim(run_id=run.pk)
    run = SynthesisRun.objects.select_related("area_office", "academic_year").get(pk=run.pk)
    steps = {}

    def step(name, fn):
        wall, cpu = time.perf_counter(), time.process_time()
        value = fn()
        steps[name] = (time.process_time() - cpu, time.perf_counter() - wall)
        return value

    data = step("fetch", lambda: fetch_input(office, YEAR))
    saved = figures_module.PhraseMiner
    figures_module.PhraseMiner = _NoMining
    try:
        step("compute", lambda: figures_module.compute(data))
    finally:
        figures_module.PhraseMiner = saved
    miner = PhraseMiner()
    step("mining", lambda: [miner.mine(texts) for texts in _texts(data)])
    results = figures_module.compute(data)  # with the phrases, as the PDF shows them
    results["run"] = {"id": run.pk, "attempt": attempt}
    pdf = step("pdf", lambda: render_pdf_bytes(run, results))
    xlsx = step("xlsx", lambda: render_xlsx(run, results))
    step(
        "save",
        lambda: synthesis_finish(
            run_id=run.pk, attempt=attempt, results=results, pdf=pdf, xlsx=xlsx
        ),
    )
    name = f"national_office_{label}"
    report(f"{name}_schools", len(data.schools), "")
    for step_name, (cpu, wall) in steps.items():
        report(f"{name}_{step_name}_cpu", cpu, "s")
        report(f"{name}_{step_name}_wall", wall, "s")
    total_cpu = sum(cpu for cpu, _wall in steps.values())
    total_wall = sum(wall for _cpu, wall in steps.values())
    report(f"{name}_total_cpu", total_cpu, "s")
    report(f"{name}_total_wall", total_wall, "s")
    report(f"{name}_pdf_share_cpu", 100 * steps["pdf"][0] / total_cpu, "%")
    report(f"{name}_pdf_share_wall", 100 * steps["pdf"][1] / total_wall, "%")
    report(f"{name}_without_pdf_wall", total_wall - steps["pdf"][1], "s")


def _breakdowns(offices, report):
    sizes = _office_sizes(offices)
    typical = min(sizes, key=lambda pair: abs(pair[0] - TYPICAL_SCHOOLS))[1]
    largest = max(sizes, key=lambda pair: pair[0])[1]
    # What a worker loads once, at its first office: the dictionary, the URLconf.
    PhraseMiner().mine([("", "อุ่นเครื่อง")] * 2)
    reverse("sar:synthesis_detail", args=[1])
    media = tempfile.mkdtemp(prefix="bench-breakdown-")
    try:
        with override_settings(MEDIA_ROOT=media):
            report("load_average_1min", os.getloadavg()[0], "")
            _breakdown("typical", typical, report)
            if largest != typical:
                _breakdown("largest", largest, report)
            report("load_average_1min", os.getloadavg()[0], "")
    finally:
        shutil.rmtree(media, ignore_errors=True)


def _database_url():
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _lower_priority(nice):
    """In the worker's new session, before it starts: ``nice`` for the process and for
    the session's scheduler autogroup. With autogroups on (Linux's default on desktops
    and many servers) the kernel shares the CPU fairly between sessions, so a process's
    own nice value alone does nothing against the web server in another session."""

    def lower():
        os.nice(nice)
        with contextlib.suppress(OSError), open("/proc/self/autogroup", "w") as handle:
            handle.write(str(nice))

    return lower


def _worker(queue, env, nice=0):
    # ``nice``: the worker's CPU priority below the web server's, as the compose file's
    # cpu_shares gives it, so pages stay fast while a batch runs (bench_load).
    return subprocess.Popen(
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
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        start_new_session=True,
        preexec_fn=_lower_priority(nice) if nice else None,  # noqa: PLW1509 - no threads yet
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@contextlib.contextmanager
def batch_running(n_workers, *, year=YEAR, nice=0, clear=True):
    """A national batch of ``year`` on ``n_workers`` real worker processes (at CPU
    priority ``nice``) against Redis, after deleting the year's runs (``clear``): yields
    the batch once queued; the workers stop when the block ends, whether or not the
    batch has finished."""
    from iqa_district.celery import app

    queue = f"bench_national_{uuid.uuid4().hex[:8]}"
    media = tempfile.mkdtemp(prefix="bench-national-")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_MEDIA_ROOT": media,
    }
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "task_default_queue")}
    app.conf.update(
        broker_url=settings.REDIS_URL, task_always_eager=False, task_default_queue=queue
    )
    app._pool = None
    app.amqp._producer_pool = None
    workers = [_worker(queue, env, nice) for _ in range(n_workers)]
    try:
        if clear:
            SynthesisRun.objects.filter(academic_year=year).delete()
        yield national.national_batch_start(academic_year=AcademicYear.objects.get(year=year))
    finally:
        for worker in workers:
            _stop(worker)
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None
        shutil.rmtree(media, ignore_errors=True)


def _batch(n_workers, offices, report):
    with batch_running(n_workers) as batch:
        deadline = time.perf_counter() + 3600
        while not (progress := national.national_batch_progress(batch)).finished:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"national batch on {n_workers} workers: over an hour")
            time.sleep(0.5)
        # From the batch's row, written before its offices were queued.
        wall = (timezone.now() - batch.created_at).total_seconds()
    schools = sum(batch.runs.filter(status="done").values_list("school_count", flat=True))
    report(f"national_batch_{n_workers}_workers", wall, "s")
    report(f"national_batch_{n_workers}_workers_offices_done", progress.done, "")
    report(f"national_batch_{n_workers}_workers_offices_failed", progress.failed, "")
    report(f"national_batch_{n_workers}_workers_schools", schools, "")


def bench_national(report):
    mode = getattr(settings, "BENCH_MODE", "default")
    offices = _generate(mode, report)
    report("national_offices", len(offices), "")
    _per_office(offices if mode != "national" else offices[::10], report)
    _breakdowns(offices, report)
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        report("national_batch", "skipped (needs PostgreSQL and REDIS_URL)", "")
        return
    # BENCH_NATIONAL_WORKERS=2 runs only the 2-worker batch (the 1-worker one of all 245
    # offices takes twice as long).
    workers = os.environ.get("BENCH_NATIONAL_WORKERS", "1,2")
    for n in (int(part) for part in workers.split(",")):
        _batch(n, offices, report)


BENCHMARKS = [bench_national]
QUICK_BENCHMARKS = [bench_national]
