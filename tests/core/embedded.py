"""Helpers of the embedded-default tests: a copy of the test database the child processes
can open, `manage.py run_embedded` / `runserver` as child processes, and a small HTTP
client with cookies."""

import contextlib
import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 180  # two shared cores under load: Django and Celery take a while to import


def database_url(tmp_path, *, sqlite_only=False):
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        copy = tmp_path / "embedded.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(copy)])
        return f"sqlite:///{copy}"
    if sqlite_only:
        pytest.skip("needs the test database on SQLite (make test's default)")
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


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended; only its parent has not collected it yet.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


class Runner:
    """`manage.py run_embedded` as `make run` starts it (or another manage.py command that
    serves, e.g. `runserver`), with the embedded default's environment: no REDIS_URL, no
    CELERY_* variables. Its output goes to a file."""

    def __init__(self, tmp_path, database_url, *, command="run_embedded", **extra_env):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.with_worker = command == "run_embedded"
        self.log = tmp_path / f"{command}-{self.port}.log"
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
            **extra_env,
        )
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", command, f"127.0.0.1:{self.port}", "--noreload"],
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
            if not self.with_worker or "ready." in self.output():
                try:
                    with urllib.request.urlopen(f"{self.base}/healthz", timeout=5):
                        return
                except OSError:
                    pass
            time.sleep(0.5)
        raise AssertionError(f"server not ready in {STARTUP_SECONDS} s:\n{self.output()}")

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

    def csrf_token(self):
        return next(c.value for c in self.jar if c.name == settings.CSRF_COOKIE_NAME)

    def post(self, path, data, referer, headers=None):
        """(status, headers, body); a redirect is returned, not followed."""
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": self.base + referer, **(headers or {})},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _cookie(name, value):
    return http.cookiejar.Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True, False,
        None, False, None, None, {},
    )  # fmt: skip
