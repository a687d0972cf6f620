"""Autosave on the embedded SQLite does not lock (issue 17 item 6): a real, threaded
development server on a file database with the embedded default's options (WAL,
BEGIN IMMEDIATE, a busy timeout) takes a burst of concurrent autosaves from two people in
several tabs while another process (what the Celery worker is) keeps taking the write
lock; every save answers 200 and every row ends with its last text and version.

The same burst against a server whose busy timeout is 0 gets "database is locked" 500s:
the check would see the failure the options prevent.
"""

import sqlite3
import threading
import time
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from supervision.models import VisitAnswer
from tests.core.embedded import Browser, Runner, database_url
from tests.supervision.factories import VisitFactory, full_committee, standard_set

SAVES_PER_TAB = 8
HX = {"HX-Request": "true"}


class OtherWriter(threading.Thread):
    """Another process's write transactions on the same file, 150 ms each, back to back
    with 50 ms gaps: what the worker does while it stores a synthesis."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path = path
        self.stop = threading.Event()
        self.commits = 0

    def run(self):
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("CREATE TABLE IF NOT EXISTS worker_probe (n INTEGER)")
        while not self.stop.is_set():
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO worker_probe VALUES (?)", [self.commits])
            time.sleep(0.15)
            db.execute("COMMIT")
            self.commits += 1
            time.sleep(0.05)
        db.close()


def _session(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _burst(server, sessions, visit, answers):
    """One tab per answer row, alternating the two people; each tab saves its row
    SAVES_PER_TAB times in a row, on the version the previous reply gave, as autosave.js
    does. Returns every (status, body) and each row's last text and version."""
    fill = reverse("supervision:visit_fill", args=[visit.pk])
    results, last = [], {}
    lock = threading.Lock()

    def tab(index, answer):
        browser = Browser(server.base, sessions[index % len(sessions)])
        status, _ = browser.get(fill)
        assert status == 200
        url = reverse("supervision:answer_save", args=[visit.pk, answer.pk])
        version = 0
        for n in range(1, SAVES_PER_TAB + 1):
            text = f"หลักฐานของแท็บ {index} ครั้งที่ {n}"
            status, headers, body = browser.post(
                url,
                {f"a{answer.pk}-evidence": text, f"a{answer.pk}-lock_version": version},
                referer=fill,
                headers={**HX, "X-CSRFToken": browser.csrf_token()},
            )
            with lock:
                results.append((status, body))
            if status != 200:
                continue
            version = int(headers["X-Lock-Version"])
            last[answer.pk] = (text, version)

    threads = [threading.Thread(target=tab, args=(i, a)) for i, a in enumerate(answers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results, last


@pytest.fixture
def filled_visit(transactional_db, office, school, academic_year, committee_member, supervisor):
    committee = full_committee(
        office=office, year=academic_year, users=[committee_member, supervisor]
    )
    standard_set(school, items_per_standard=3, standards=2)
    visit = VisitFactory(school=school, academic_year=academic_year, committee=committee)
    return visit, [_session(committee_member), _session(supervisor)]


def test_concurrent_autosaves_on_the_embedded_sqlite_all_land(filled_visit, tmp_path):
    visit, sessions = filled_visit
    answers = list(visit.answers.order_by("order")[:6])
    assert len(answers) == 6
    tuned_dir, control_dir = tmp_path / "tuned", tmp_path / "control"
    tuned_dir.mkdir()
    control_dir.mkdir()
    tuned_url = database_url(tuned_dir, sqlite_only=True)
    control_url = database_url(control_dir, sqlite_only=True)
    servers = [
        Runner(tuned_dir, tuned_url, command="runserver"),
        Runner(control_dir, control_url, command="runserver", DJANGO_SQLITE_TIMEOUT="0"),
    ]
    try:
        for server in servers:
            server.wait_ready()
        outcomes = []
        for server, url in zip(servers, (tuned_url, control_url), strict=True):
            path = urlparse(url).path
            writer = OtherWriter(path)
            writer.start()
            try:
                results, last = _burst(server, sessions, visit, answers)
            finally:
                writer.stop.set()
                writer.join(timeout=10)
            assert writer.commits > 5  # the other writer really held the lock meanwhile
            outcomes.append((path, results, last))

        path, results, last = outcomes[0]
        statuses = [status for status, _ in results]
        assert statuses == [200] * (len(answers) * SAVES_PER_TAB), [
            body[:300] for status, body in results if status != 200
        ]
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        for answer in answers:
            evidence, version = db.execute(
                f"SELECT evidence, lock_version FROM {VisitAnswer._meta.db_table} WHERE id = ?",  # noqa: S608
                [answer.pk],
            ).fetchone()
            assert (evidence, version) == last[answer.pk]
            assert version == SAVES_PER_TAB
        db.close()

        # Without the busy timeout the same burst fails: the check above can fail.
        _, control_results, _ = outcomes[1]
        locked = [body for status, body in control_results if status == 500]
        assert locked, "the control server never hit the lock"
        assert any("database is locked" in body for body in locked)
    finally:
        for server in servers:
            server.kill()
