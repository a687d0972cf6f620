"""Queued jobs survive a Redis restart and a Redis crash with the flags docker-compose.yml
gives the production Redis: a private redis-server on a free loopback port, its data in a
temporary folder, 25 synthesis messages queued, the server killed, started again."""

import json
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis

from tests.conftest import UNDER_CI

ROOT = Path(__file__).resolve().parents[2]
QUEUE = "durability_test"
MESSAGES = 25


def compose_redis_flags():
    # The redis service's `command:` is a flow sequence of quoted strings: valid JSON.
    text = (ROOT / "docker-compose.yml").read_text()
    service = re.search(r"^  redis:\n(.*?)(?=^  \S|\Z)", text, re.M | re.S).group(1)
    command = json.loads(re.search(r"^    command: (\[.*\])$", service, re.M).group(1))
    assert command[0] == "redis-server"
    return command[1:]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    def __init__(self, folder):
        self.folder, self.port, self.process = folder, _free_port(), None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                *compose_redis_flags(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder),
                "--save",
                "",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return client
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self, sig):
        self.process.send_signal(sig)
        self.process.wait(timeout=10)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


@pytest.fixture
def private_redis(tmp_path):
    if not shutil.which("redis-server"):
        if UNDER_CI:
            pytest.fail("CI needs redis-server on the PATH")
        pytest.skip("needs redis-server")
    server = PrivateRedis(tmp_path)
    yield server
    if server.process and server.process.poll() is None:
        server.stop(signal.SIGKILL)


def _queue_synthesis_messages(url, monkeypatch):
    from iqa_district.celery import app
    from sar.tasks import synthesize_run

    monkeypatch.setitem(app.conf, "task_always_eager", False)  # send, never run here
    with app.connection_for_write(url) as connection:
        for run_id in range(1, MESSAGES + 1):
            synthesize_run.apply_async(args=[run_id], queue=QUEUE, connection=connection)


def test_the_compose_redis_is_append_only_fsynced_and_never_evicts():
    flags = compose_redis_flags()
    pairs = dict(zip(flags[::2], flags[1::2], strict=True))
    assert pairs == {
        "--appendonly": "yes",
        "--appendfsync": "always",
        "--maxmemory-policy": "noeviction",
    }


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["restart", "crash"])
def test_queued_jobs_survive(private_redis, how, monkeypatch):
    client = private_redis.start()
    _queue_synthesis_messages(private_redis.url, monkeypatch)
    assert client.llen(QUEUE) == MESSAGES
    private_redis.stop(how)  # SIGKILL right after the last write: nothing had time to flush
    client = private_redis.start()
    assert client.llen(QUEUE) == MESSAGES
