"""Benchmarks of project-wide code."""

import functools
import io
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.db import connection, models
from django.test import Client

from iqa_district.accounts.models import User
from iqa_district.bench_child import _page_count, child_report, render_in_child

# What every benchmark is given to print one "name: value unit" line.
Report = Callable[[str, float | int | str, str], None]


def bench_dashboard(report: Report) -> None:
    # Here, not at the top: the PDF children import this module and measure their peak
    # RSS, which factory_boy and Faker (7 MB) must not inflate.
    from tests.factories import AreaOfficeFactory, UserFactory

    office = AreaOfficeFactory(code="BENCH")
    user = cast(
        User, UserFactory(username="bench_sup", role=User.Role.SUPERVISOR, area_office=office)
    )
    # The bench command runs outside the test runner, which is what allows "testserver".
    host = next(
        (h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")),
        "localhost",
    )
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    status = client.get("/").status_code
    if status != 200:
        raise RuntimeError(f"dashboard answered {status}, not 200: nothing to time")
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        client.get("/")
    report("dashboard_response_time", (time.perf_counter() - started) / runs * 1000, "ms")


def _render_specimen(sections: int, fix_text_layer: bool = True) -> bytes:
    from iqa_district.pdf import render_pdf
    from iqa_district.pdf.specimen import specimen_context

    return render_pdf(
        "pdf/_specimen.html", specimen_context(sections=sections), fix_text_layer=fix_text_layer
    )


def bench_pdf_render_40_pages(report: Report) -> None:
    """A 40-page Thai report (cover, running header, Thai page numbers, tables over pages,
    signature) through the PDF engine, text-layer fix on; median of three runs.
    Goal (issue 7): under 4 s on the 2-core build machine."""
    sections, pages = 25, 0
    for _ in range(6):  # find how many report sections make 40 pages
        pages = _page_count(_render_specimen(sections))
        if pages == 40:
            break
        sections += 1 if pages < 40 else -1
    report("pdf_render_40_pages_pages", pages, "pages")

    # Runs with and without the text-layer fix alternate, so a busy machine slows both
    # alike; CPU time is reported too, as it depends less on other processes.
    wall: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(3):
        for fix in (True, False):
            started, started_cpu = time.perf_counter(), time.process_time()
            _render_specimen(sections, fix)
            wall[fix].append(time.perf_counter() - started)
            cpu[fix].append(time.process_time() - started_cpu)
    report("pdf_render_40_pages", statistics.median(wall[True]), "s")
    report("pdf_render_40_pages_cpu", statistics.median(cpu[True]), "s")
    report("pdf_render_40_pages_without_text_fix", statistics.median(wall[False]), "s")
    report("pdf_render_40_pages_without_text_fix_cpu", statistics.median(cpu[False]), "s")

    # Peak RSS of a whole fresh process (Django, WeasyPrint, fonts and the rendering),
    # read from the kernel's accounting of the child, beside bare WeasyPrint's render of
    # the same HTML (no text-layer fix, no style patches) in a process of its own.
    for engine in ("ours", "bare"):
        child_cpu, peak, pages = _render_in_child(engine, sections)
        suffix = "" if engine == "ours" else "_bare_weasyprint"
        report(f"pdf_render_40_pages{suffix}_child_cpu", child_cpu, "s")
        report(f"pdf_render_40_pages{suffix}_peak_rss", peak, "MiB")
        report(f"pdf_render_40_pages{suffix}_child_pages", pages, "pages")


def _render_in_child(engine: str, sections: int) -> tuple[float, float, int]:
    """(CPU seconds of the rendering, peak RSS in MiB of the whole process, pages) of one
    rendering of the specimen in a fresh Python process."""
    return render_in_child("iqa_district.benchmarks", "child_render", engine, sections)


def child_render(pdf_path: str, engine: str, sections: int) -> None:
    """In the child: render the specimen once into ``pdf_path``, print its CPU seconds."""
    from django.template.loader import render_to_string

    from iqa_district.pdf import render_pdf
    from iqa_district.pdf.render import _template_context
    from iqa_district.pdf.specimen import render_bare_weasyprint, specimen_context

    context = specimen_context(sections=sections)
    started = time.process_time()
    if engine == "ours":
        pdf = render_pdf("pdf/_specimen.html", context)
    else:
        html = render_to_string("pdf/_specimen.html", _template_context(context, None))
        pdf = render_bare_weasyprint(html)
    cpu = time.process_time() - started
    Path(pdf_path).write_bytes(pdf)
    child_report(cpu)


def _load_settings() -> dict[str, float | int]:
    """The load test's size, small by default so ``make bench --only load`` takes
    minutes; LOAD_SCHOOLS, LOAD_USERS, LOAD_SECONDS, LOAD_WORKERS change it."""
    return {
        "schools": int(os.environ.get("LOAD_SCHOOLS", "254")),
        "users": int(os.environ.get("LOAD_USERS", "50")),
        "seconds": float(os.environ.get("LOAD_SECONDS", "60")),
        "workers": int(os.environ.get("LOAD_WORKERS", "3")),
        "closed_clients": int(os.environ.get("LOAD_CLOSED_CLIENTS", "4")),
        "closed_seconds": float(os.environ.get("LOAD_CLOSED_SECONDS", "5")),
        # A fraction of the nation from generate_national (1.0: 29,449 schools) instead
        # of the benchmark's own office; the load test then uses its largest office.
        "national": float(os.environ.get("LOAD_NATIONAL", "0")),
        # Then the users phase again while a national batch runs on this many worker
        # processes (PostgreSQL and REDIS_URL), at CPU priority LOAD_BATCH_NICE.
        "during_batch": int(os.environ.get("LOAD_DURING_BATCH", "0")),
        "batch_nice": int(os.environ.get("LOAD_BATCH_NICE", "19")),
    }


def _database_url() -> str:

    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _load_office(report: Report, size: dict[str, float | int]) -> tuple[Any, Any, str]:
    """(office, supervisor, a school-search term) of the load test: the benchmark's own
    office of LOAD_SCHOOLS schools, or the largest office of a generate_national data
    set of LOAD_NATIONAL of the nation."""
    from django.core.management import call_command

    from schools.models import AcademicYear, AreaOffice
    from supervision.benchmarks import office_for_pages
    from tests.factories import UserFactory

    if not size["national"]:
        office, supervisor = office_for_pages("LOAD", int(size["schools"]))
        return office, supervisor, "ทดสอบ 1"
    started = time.perf_counter()
    call_command("generate_national", scale=size["national"], prefix="L", stdout=io.StringIO())
    report("load_generate_national", time.perf_counter() - started, "s")
    latest = AcademicYear.objects.order_by("-year").first()
    assert latest is not None, "generate_national made no academic year"
    AcademicYear.objects.update(is_current=False)
    AcademicYear.objects.filter(pk=latest.pk).update(is_current=True)
    office = (
        AreaOffice.objects.filter(code__startswith="L-")
        .annotate(n=models.Count("schools"))
        .order_by("-n")
        .first()
    )
    supervisor = UserFactory(
        username="load_supervisor", role=User.Role.SUPERVISOR, area_office=office
    )
    return office, supervisor, "หนองบัว"


def bench_load(report: Report) -> None:
    """Issue 19 item 5: gunicorn on this benchmark's PostgreSQL database, every page type
    under N users with think time, then closed-loop throughput per page type."""

    from iqa_district import loadtest
    from iqa_district.loadtest import PageType, url
    from schools.models import School
    from supervision.benchmarks import synthesis_run_without_files
    from tests.factories import UserFactory

    if connection.vendor != "postgresql":
        report("load_skipped", "the load test runs on PostgreSQL only", "")
        return
    size = _load_settings()
    office, supervisor, search = _load_office(report, size)
    run = synthesis_run_without_files(office)
    school = School.objects.filter(area_office=office).order_by("code").first()
    assert school is not None
    users = {
        "supervisor": supervisor,
        "executive": UserFactory(
            username="load_executive", role=User.Role.EXECUTIVE, area_office=office
        ),
        "school": UserFactory(
            username="load_school", role=User.Role.SCHOOL_STAFF, area_office=office, school=school
        ),
        "committee": UserFactory(
            username="load_committee", role=User.Role.COMMITTEE, area_office=office
        ),
    }
    host = next(
        (h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")),
        "localhost",
    )
    cookies = {}
    for role, user in users.items():
        client = Client(HTTP_HOST=host)
        client.force_login(cast(User, user))
        cookies[role] = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    district = [
        PageType("dashboard_supervisor", "/", cookies["supervisor"]),
        PageType("dashboard_executive", "/", cookies["executive"]),
        PageType("school_list", "/schools/", cookies["supervisor"]),
        PageType("school_search", url("/schools/", {"q": search}), cookies["supervisor"]),
        PageType("school_page", f"/schools/{school.pk}/", cookies["supervisor"]),
        PageType("review_queue", "/sar/review/", cookies["supervisor"]),
        PageType("tracker", "/sar/tracker/", cookies["supervisor"]),
        PageType("target_matrix", "/standards/targets/matrix/", cookies["supervisor"]),
        PageType("calendar", "/supervision/", cookies["supervisor"]),
        PageType("compliance", "/supervision/compliance/", cookies["supervisor"]),
        PageType("synthesis_report", f"/sar/synthesis/{run.pk}/", cookies["supervisor"]),
    ]
    school_pages = [
        PageType("dashboard_school", "/", cookies["school"]),
        PageType("school_page_own", f"/schools/{school.pk}/", cookies["school"]),
    ]
    committee_pages = [PageType("dashboard_committee", "/", cookies["committee"])]
    public = [
        PageType("public_index", "/public/", ""),
        PageType("public_sar_list", "/public/sar/", ""),
        PageType("public_synthesis_list", "/public/synthesis/", ""),
    ]
    pages = [*district, *school_pages, *committee_pages, *public]
    # Who the users are: most of them district staff, then schools, the public, committees.
    mix = [district] * 5 + [school_pages] * 2 + [public] * 2 + [committee_pages]
    pages_by_user = [mix[n % len(mix)] for n in range(int(size["users"]))]
    report("load_office_schools", School.objects.filter(area_office=office).count(), "schools")
    report("load_database_schools", School.objects.count(), "schools")
    report("load_gunicorn_workers", int(size["workers"]), "workers")
    server = loadtest.Gunicorn(
        {"DATABASE_URL": _database_url()}, workers=int(size["workers"]), cwd=settings.BASE_DIR
    )
    try:
        server.wait_ready(host)
        phase = functools.partial(
            loadtest.run,
            report,
            server=server,
            host=host,
            pages=pages,
            pages_by_user=pages_by_user,
            duration=size["seconds"],
            think=(1.0, 3.0),
            closed_seconds=size["closed_seconds"],
        )
        quiet = phase(closed_clients=int(size["closed_clients"]))
        if size["during_batch"]:
            _during_batch(report, size, phase, quiet, run.academic_year_id)
    finally:
        server.stop()


def _during_batch(
    report: Report,
    size: dict[str, float | int],
    phase: Callable[..., dict[str, float]],
    quiet: dict[str, float],
    year: int,
) -> None:
    """The users phase again while a national batch of ``year`` runs on real workers at a
    lower CPU priority (the compose file's cpu_shares): the p95 rise per page type."""
    from sar.synthesis import national
    from sar.synthesis.benchmarks import batch_running

    if not settings.REDIS_URL:
        report("load_during_batch", "skipped (needs REDIS_URL)", "")
        return
    workers, nice = int(size["during_batch"]), int(size["batch_nice"])
    report("load_during_batch_workers", workers, "workers")
    report("load_during_batch_worker_nice", nice, "")
    with batch_running(workers, year=year, nice=nice, clear=False) as batch:
        time.sleep(15)  # the workers start and take their first offices
        before = national.national_batch_progress(batch).done
        busy = phase(closed_clients=0, prefix="load_during_batch")
        progress = national.national_batch_progress(batch)
    report("load_during_batch_offices_done_meanwhile", progress.done - before, "offices")
    report("load_during_batch_offices_running_at_end", progress.running, "offices")
    for name, p95 in busy.items():
        if quiet.get(name):
            report(f"load_during_batch_{name}_p95_rise", 100 * (p95 / quiet[name] - 1), "%")


BENCHMARKS = [bench_dashboard, bench_pdf_render_40_pages, bench_load]
