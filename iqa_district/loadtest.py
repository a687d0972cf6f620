"""A load test of the real server: gunicorn on PostgreSQL, driven by a bounded asyncio
client (issue 19 item 5).

Two phases, per page type:
- users: ``users`` simulated people, each fetching a random page type of their role and
  then thinking for a random 1-3 s, for ``duration`` seconds; p50, p95 and errors.
- closed loop: ``closed_clients`` clients fetching one page type back to back for
  ``closed_seconds``; requests per second.

The client speaks plain HTTP/1.1 over asyncio streams (one connection a request, as
gunicorn's sync workers close them anyway), so it needs no library. This module knows
nothing of the apps: the benchmark that calls it builds the data and the sessions.
"""

import asyncio
import dataclasses
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path

Report = Callable[[str, float | int | str, str], None]


@dataclasses.dataclass(frozen=True)
class PageType:
    name: str
    path: str  # with its query string, already encoded
    cookie: str  # the session cookie of the role that visits it ("" for the public)


@dataclasses.dataclass
class Outcome:
    latencies: list[float] = dataclasses.field(default_factory=list)  # ms
    errors: int = 0
    error_examples: list[str] = dataclasses.field(default_factory=list)


def url(path: str, params: dict[str, object] | None = None) -> str:
    return f"{path}?{urllib.parse.urlencode(params)}" if params else path


def percentile(values: Sequence[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


async def fetch(port: int, host: str, page: PageType, timeout: float) -> int:
    """GET one page; its status code (0 when the connection failed or timed out)."""
    headers = [f"GET {page.path} HTTP/1.1", f"Host: {host}", "Accept-Language: th"]
    headers.append("Connection: close")
    if page.cookie:
        headers.append(f"Cookie: {page.cookie}")
    request = "\r\n".join(headers) + "\r\n\r\n"
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        writer.write(request.encode("ascii"))
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    status_line = data.split(b"\r\n", 1)[0].split()
    return int(status_line[1]) if len(status_line) > 1 else 0


async def _timed(port: int, host: str, page: PageType, timeout: float, outcome: Outcome) -> None:
    started = time.perf_counter()
    try:
        status = await fetch(port, host, page, timeout)
    except (OSError, TimeoutError) as exc:
        status, detail = 0, exc.__class__.__name__
    else:
        detail = str(status)
    outcome.latencies.append((time.perf_counter() - started) * 1000)
    if status != 200:
        outcome.errors += 1
        if len(outcome.error_examples) < 3:
            outcome.error_examples.append(f"{page.path} -> {detail}")


async def users_phase(
    port: int,
    host: str,
    pages_by_user: Sequence[Sequence[PageType]],
    duration: float,
    think: tuple[float, float],
    timeout: float,
    seed: int = 1,
) -> dict[str, Outcome]:
    """Each user fetches a random page of its own, thinks, and repeats until the end."""
    outcomes: dict[str, Outcome] = {}
    deadline = time.perf_counter() + duration

    async def user(number: int, pages: Sequence[PageType]) -> None:
        rng = random.Random(seed * 1000 + number)
        await asyncio.sleep(rng.uniform(0, think[1]))  # users arrive spread out
        while time.perf_counter() < deadline:
            page = rng.choice(pages)
            await _timed(port, host, page, timeout, outcomes.setdefault(page.name, Outcome()))
            await asyncio.sleep(rng.uniform(*think))

    await asyncio.gather(*(user(n, pages) for n, pages in enumerate(pages_by_user)))
    return outcomes


async def closed_loop(
    port: int, host: str, page: PageType, clients: int, seconds: float, timeout: float
) -> tuple[float, Outcome]:
    """Requests per second of ``clients`` fetching ``page`` back to back."""
    outcome = Outcome()
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()

    async def client() -> None:
        while time.perf_counter() < deadline:
            await _timed(port, host, page, timeout, outcome)

    await asyncio.gather(*(client() for _ in range(clients)))
    return len(outcome.latencies) / (time.perf_counter() - started), outcome


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Gunicorn:
    """gunicorn serving the project on a free local port with the given environment, as
    the Dockerfile runs it (sync workers)."""

    def __init__(self, env: dict[str, str], workers: int, cwd: Path):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603 (our interpreter, our app)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "iqa_district.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            env={**os.environ, **env},
            cwd=cwd,
            start_new_session=True,
        )

    def wait_ready(self, host: str, seconds: float = 90) -> None:
        page = PageType("healthz", "/healthz", "")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                if asyncio.run(fetch(self.port, host, page, 5)) in (200, 503):
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def run(
    report: Report,
    *,
    server: Gunicorn,
    host: str,
    pages: Sequence[PageType],
    pages_by_user: Sequence[Sequence[PageType]],
    duration: float,
    think: tuple[float, float],
    closed_clients: int,
    closed_seconds: float,
    timeout: float = 30,
    prefix: str = "load",
) -> dict[str, float]:
    """The users phase (and, with ``closed_clients``, the closed-loop phase), reported
    as ``<prefix>_...`` lines; returns the p95 of every page type and of all ("all")."""
    report(f"{prefix}_users", len(pages_by_user), "users")
    report(f"{prefix}_think_time", f"{think[0]:g}-{think[1]:g}", "s")
    report(f"{prefix}_duration", duration, "s")
    report(f"{prefix}_machine_load_before", os.getloadavg()[0], "(1-min load average)")
    # One pass first, so every worker has imported its templates and warmed up.
    for page in pages:
        asyncio.run(fetch(server.port, host, page, timeout))
    outcomes = asyncio.run(users_phase(server.port, host, pages_by_user, duration, think, timeout))
    every: list[float] = []
    errors = 0
    for page in pages:
        outcome = outcomes.get(page.name, Outcome())
        every.extend(outcome.latencies)
        errors += outcome.errors
        report(f"{prefix}_{page.name}_requests", len(outcome.latencies), "requests")
        report(f"{prefix}_{page.name}_p50", percentile(outcome.latencies, 0.5), "ms")
        report(f"{prefix}_{page.name}_p95", percentile(outcome.latencies, 0.95), "ms")
        report(f"{prefix}_{page.name}_errors", outcome.errors, "errors")
        for example in outcome.error_examples:
            report(f"{prefix}_{page.name}_error_example", example, "")
    report(f"{prefix}_all_requests", len(every), "requests")
    report(f"{prefix}_all_p50", percentile(every, 0.5), "ms")
    report(f"{prefix}_all_p95", percentile(every, 0.95), "ms")
    report(f"{prefix}_all_errors", errors, "errors")
    report(f"{prefix}_machine_load_after_users", os.getloadavg()[0], "(1-min load average)")
    p95 = {
        page.name: percentile(outcomes.get(page.name, Outcome()).latencies, 0.95) for page in pages
    }
    p95["all"] = percentile(every, 0.95)
    if not closed_clients:
        return p95
    for page in pages:
        rate, outcome = asyncio.run(
            closed_loop(server.port, host, page, closed_clients, closed_seconds, timeout)
        )
        report(f"{prefix}_{page.name}_closed_loop", rate, "req/s")
        report(f"{prefix}_{page.name}_closed_loop_p95", percentile(outcome.latencies, 0.95), "ms")
        if outcome.errors:
            report(f"{prefix}_{page.name}_closed_loop_errors", outcome.errors, "errors")
    report(f"{prefix}_machine_load_after", os.getloadavg()[0], "(1-min load average)")
    return p95
