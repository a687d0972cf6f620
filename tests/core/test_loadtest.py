"""The load test's client against a small local server: statuses, errors, percentiles."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from iqa_district import loadtest
from iqa_district.loadtest import PageType


def serve(status_for):
    """An HTTP server on a free port answering each path with ``status_for(path)``."""
    seen = []

    async def handle(reader, writer):
        request = await reader.readuntil(b"\r\n\r\n")
        path = request.split(b" ")[1].decode()
        seen.append(request.decode())
        status = status_for(path)
        body = b"ok"
        writer.write(
            f"HTTP/1.1 {status} X\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + body
        )
        await writer.drain()
        writer.close()

    return handle, seen


def run(coroutine):
    """``asyncio.run`` on a thread of its own: a browser test that ran earlier in this
    worker (Playwright's sync API) can leave an event loop running on the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_users_and_closed_loop_count_requests_and_errors():
    handle, seen = serve(lambda path: 500 if path == "/broken/" else 200)

    async def scenario():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        good = PageType("good", "/good/?q=%E0%B8%81", "sessionid=abc")
        broken = PageType("broken", "/broken/", "")
        async with server:
            outcomes = await loadtest.users_phase(
                port, "localhost", [[good, broken]] * 3, duration=0.6, think=(0.01, 0.05), timeout=5
            )
            rate, closed = await loadtest.closed_loop(port, "localhost", good, 2, 0.3, 5)
        return outcomes, rate, closed

    outcomes, rate, closed = run(scenario())
    assert outcomes["good"].errors == 0 and outcomes["good"].latencies
    assert outcomes["broken"].errors == len(outcomes["broken"].latencies) > 0
    assert outcomes["broken"].error_examples[0] == "/broken/ -> 500"
    assert rate > 0 and closed.errors == 0
    assert any("Cookie: sessionid=abc" in r and "Host: localhost" in r for r in seen)


def test_a_refused_connection_is_an_error():
    port = loadtest.free_port()  # nothing listens there
    outcome = loadtest.Outcome()
    run(loadtest._timed(port, "localhost", PageType("x", "/", ""), 2, outcome))
    assert outcome.errors == 1


def test_percentile():
    values = list(range(1, 101))
    assert loadtest.percentile(values, 0.5) in (50, 51)
    assert loadtest.percentile(values, 0.95) == 95
    assert loadtest.percentile([], 0.95) == 0.0
