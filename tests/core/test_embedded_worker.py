"""`make run` on the embedded default: `manage.py run_embedded` serves the site and runs a
real Celery worker on the folder broker (no Redis), so starting a synthesis answers at once
and the page's progress fragment follows the run to its end; Ctrl+C stops both.

The runner is started as `make run` starts it, in a process of its own with no REDIS_URL
and no CELERY_* variables, on a copy of the test database (SQLite: a file made with VACUUM
INTO; PostgreSQL: the test database itself).
"""

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from sar.models import SynthesisRun
from tests.sar.factories import make_district

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 180  # two shared cores under load: Django and Celery take a while to import


def _database_url(tmp_path):
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        copy = tmp_path / "embedded.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(copy)])
        return f"sqlite:///{copy}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{db['NAME']}"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended; only its parent has not collected it yet.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


class Runner:
    """`manage.py run_embedded` as `make run` starts it, its output in a file."""

    def __init__(self, tmp_path, database_url):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / "run_embedded.log"
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_"))
        }
        env.update(
            DATABASE_URL=database_url,
            DJANGO_SECRET_KEY=settings.SECRET_KEY,
            DJANGO_BROKER_DIR=str(tmp_path / "broker"),
            DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
            AXES_ENABLED="false",
        )
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "run_embedded",
                    f"127.0.0.1:{self.port}",
                    "--noreload",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self):
        return self.log.read_text(errors="replace")

    def wait_ready(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            if "ready." in self.output():
                try:
                    with urllib.request.urlopen(f"{self.base}/healthz", timeout=5):
                        return
                except OSError:
                    pass
            time.sleep(0.5)
        raise AssertionError(f"run_embedded not ready in {STARTUP_SECONDS} s:\n{self.output()}")

    def worker_pid(self):
        for pid in _children(self.process.pid):
            if b"celery" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        raise AssertionError(f"no worker under run_embedded:\n{self.output()}")

    def every_pid(self):
        found, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(_children(pid))
        return found

    def kill(self):
        for pid in self.every_pid():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)


class Browser:
    """Just enough of a browser: cookies, and the CSRF token from the page's form."""

    def __init__(self, base, session_key):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.jar.set_cookie(_cookie(settings.SESSION_COOKIE_NAME, session_key))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, path, data, referer):
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": self.base + referer},
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers
        except urllib.error.HTTPError as redirect:
            return redirect.code, redirect.headers


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _cookie(name, value):
    return http.cookiejar.Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True, False,
        None, False, None, None, {},
    )  # fmt: skip


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
    runner = Runner(tmp_path, _database_url(tmp_path))
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
            status, headers = browser.post(
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
        _, detail = browser.get(f"/sar/synthesis/{run_id}/")
        assert "กลุ่มเครือข่ายพิบูลมังสาหาร" in detail  # the report, made by the worker
        if connection.vendor == "postgresql":
            run = SynthesisRun.objects.get(pk=run_id)
            assert run.status == "done" and run.attempts == 1

        # Ctrl+C: the runner stops the web server and the worker, and nothing is left.
        pids = runner.every_pid()
        assert len(pids) >= 3  # the runner, the worker (and its pool), the web server
        os.kill(runner.process.pid, signal.SIGINT)
        runner.process.wait(timeout=60)
        time.sleep(0.5)
        assert [pid for pid in pids if _alive(pid)] == []
        with pytest.raises(OSError):
            urllib.request.urlopen(f"{runner.base}/healthz", timeout=2)
    finally:
        runner.kill()
