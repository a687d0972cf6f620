"""`make run` on the embedded default: `manage.py run_embedded` serves the site and runs a
real Celery worker on the folder broker (no Redis), so starting a synthesis answers at once
and the page's progress fragment follows the run to its end; Ctrl+C stops both.

The runner is started as `make run` starts it, in a process of its own with no REDIS_URL
and no CELERY_* variables, on a copy of the test database (SQLite: a file made with VACUUM
INTO; PostgreSQL: the test database itself).
"""

import os
import re
import signal
import time
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from sar.models import SynthesisRun
from tests.core.embedded import Browser, Runner, alive, database_url
from tests.sar.factories import make_district


def _progress(browser, run_id):
    status, body = browser.get(f"/sar/synthesis/{run_id}/progress/")
    assert status == 200
    state = re.search(r'data-status="(\w+)"', body).group(1)
    percent = re.search(r'data-progress="(\d+)"', body)
    return state, int(percent.group(1)) if percent else None


@pytest.mark.celery_worker
def test_make_run_answers_a_synthesis_at_once_and_its_worker_shows_the_progress(
    transactional_db, office, cluster, other_office, academic_year, supervisor, tmp_path
):
    make_district(office, cluster, other_office)
    client = Client()
    client.force_login(supervisor)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    runner = Runner(tmp_path, database_url(tmp_path))
    try:
        runner.wait_ready()
        browser = Browser(runner.base, session_key)
        status, page = browser.get("/sar/synthesis/")
        assert status == 200, page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

        # The worker is frozen while the synthesis is started: the request cannot have
        # waited for it, and the run is still pending when the page first polls.
        worker = runner.worker_pid()
        os.killpg(worker, signal.SIGSTOP)
        try:
            started = time.monotonic()
            status, headers, _ = browser.post(
                "/sar/synthesis/start/",
                {"csrfmiddlewaretoken": token, "academic_year": "2567", "include_submitted": "on"},
                referer="/sar/synthesis/",
            )
            answered = time.monotonic() - started
            assert status == 302, runner.output()
            run_id = int(re.search(r"/synthesis/(\d+)/$", headers["Location"]).group(1))
            assert _progress(browser, run_id) == ("pending", 0)
        finally:
            os.killpg(worker, signal.SIGCONT)
        print(f"synthesis start answered in {answered:.3f} s")
        assert answered < 1.0

        seen = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            state = _progress(browser, run_id)
            if not seen or seen[-1] != state:
                seen.append(state)
            if state[0] in ("done", "failed"):
                break
            time.sleep(0.1)
        print("progress seen:", seen)
        assert seen[-1] == ("done", 100), runner.output()
        # It moves: the worker's steps show up one after the other, never going back.
        percents = [percent for _, percent in seen]
        assert len(seen) >= 2 and percents == sorted(percents)
        # The report, made by the worker: the page links its per-school appendix, whose
        # own URL (loaded by htmx, or opened without JavaScript) names the cluster.
        _, detail = browser.get(f"/sar/synthesis/{run_id}/")
        assert f"/sar/synthesis/{run_id}/schools/" in detail
        status, appendix = browser.get(f"/sar/synthesis/{run_id}/schools/")
        assert status == 200 and "กลุ่มเครือข่ายพิบูลมังสาหาร" in appendix
        if connection.vendor == "postgresql":
            run = SynthesisRun.objects.get(pk=run_id)
            assert run.status == "done" and run.attempts == 1

        # Ctrl+C: the runner stops the web server and the worker, and nothing is left.
        pids = runner.every_pid()
        assert len(pids) >= 3  # the runner, the worker (and its pool), the web server
        os.kill(runner.process.pid, signal.SIGINT)
        runner.process.wait(timeout=60)
        time.sleep(0.5)
        assert [pid for pid in pids if alive(pid)] == []
        with pytest.raises(OSError):
            urllib.request.urlopen(f"{runner.base}/healthz", timeout=2)
    finally:
        runner.kill()
