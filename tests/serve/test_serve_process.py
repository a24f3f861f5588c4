"""`briefing serve` as a process: it joins the deck's sync group in any start order, pages hear
every move, a deck edit reaches them, bad input exits 2, and Ctrl+C or SIGTERM leave nothing."""

from __future__ import annotations

import asyncio
import http.client
import json
import signal
import socket
import sys

import aiohttp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.sync import runtime
from briefing.sync.link import SyncLink
from tests.processes import run_to_the_end
from tests.serve.decks import SECRETS, write_deck
from tests.serve.process import ServeProcess
from tests.tmux import wait_until


@pytest.fixture
def deck_path(tmp_path):
    return write_deck(tmp_path)


async def next_event(stream: aiohttp.ClientResponse, timeout: float = 20) -> dict:
    """The next position event's data (keep-alives and retry lines skipped)."""

    async def read() -> dict:
        while True:
            line = await stream.content.readline()
            if not line:
                raise AssertionError("the event stream ended")
            if line.startswith(b"data: "):
                return json.loads(line[6:])

    return await asyncio.wait_for(read(), timeout)


async def test_the_show_moves_the_pages_and_the_api_moves_the_show_in_any_start_order(deck_path):
    moved: asyncio.Queue = asyncio.Queue()
    console = SyncLink(deck_path, "console", moved.put_nowait)
    await console.start()
    console.publish(2, 0, False)  # the console was at slide 3 before the server started
    server = await asyncio.to_thread(ServeProcess, deck_path)
    try:
        async with aiohttp.ClientSession() as session, session.get(f"{server.url}/events") as stream:
            first = await next_event(stream)
            while first["slide"] != 3:  # the server may say slide 1 before it has joined
                first = await next_event(stream)
            console.publish(1, 1, False)
            event = await next_event(stream)
            assert (event["slide"], event["step"]) == (2, 2)
            console.publish(1, 1, True)
            assert (await next_event(stream))["blackout"] is True
            headers = {"Authorization": f"Bearer {server.token}"}
            async with session.post(f"{server.url}/api/goto", headers=headers, json={"slide": 1}) as response:
                assert response.status == 200
            state = await asyncio.wait_for(moved.get(), 20)
            assert (state.slide, state.step, state.blackout) == (0, 0, True)
            assert (await next_event(stream))["slide"] == 1
    finally:
        await console.stop()
        assert server.stop() == 0


async def test_a_restarted_console_adopts_the_servers_position(deck_path):
    server = await asyncio.to_thread(ServeProcess, deck_path)
    try:
        async with aiohttp.ClientSession() as session:
            headers = {"Authorization": f"Bearer {server.token}"}
            async with session.post(f"{server.url}/api/goto", headers=headers, json={"slide": 3}) as response:
                assert response.status == 200
        moved: asyncio.Queue = asyncio.Queue()
        console = SyncLink(deck_path, "console", moved.put_nowait)
        await console.start()
        try:
            state = await asyncio.wait_for(moved.get(), 20)
            assert state.slide == 2
        finally:
            await console.stop()
    finally:
        assert server.stop() == 0


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "ctrl-c"])
def test_a_signal_stops_it_cleanly_leaving_no_socket_lock_or_port(deck_path, signal_number):
    server = ServeProcess(deck_path)
    sock = runtime.socket_path(deck_path)
    assert wait_until(sock.exists, timeout=20)  # alone, the server is the group's hub
    # an open event stream must not hold the shutdown up
    stream = socket.create_connection(("127.0.0.1", server.port))
    stream.sendall(b"GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
    assert wait_until(lambda: any("1 page connected" in line for line in server.lines), timeout=20)
    stream.close()  # the count goes down as a page goes away
    assert wait_until(lambda: server.lines[-1] == "0 pages connected", timeout=20)
    stream = socket.create_connection(("127.0.0.1", server.port))
    stream.sendall(b"GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
    assert wait_until(lambda: server.lines[-1] == "1 page connected", timeout=20)
    assert server.stop(signal_number) == 0
    stream.close()
    assert not sock.exists()
    lock = runtime.try_lock(sock.with_suffix(".lock"))
    assert lock is not None  # nobody holds it
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", server.port))  # the port is free again
    assert server.lines[-1] == "stopped"
    assert not any("Traceback" in line for line in server.errors), server.errors


def test_a_deck_that_cannot_be_read_is_exit_2_with_file_and_line(tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n\n# A\n")
    result = run_to_the_end([sys.executable, "-m", "briefing", "serve", str(broken), "--port", "0"], timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"briefing: {broken}:")
    assert b"Traceback" not in result.stderr


def test_a_port_in_use_is_exit_2_in_one_line(deck_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_to_the_end(
            [sys.executable, "-m", "briefing", "serve", str(deck_path), "--port", str(port)], timeout=60
        )
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"briefing: cannot listen on 127.0.0.1:{port}")
    assert result.stderr.count(b"\n") == 1


def test_listening_on_every_interface_warns_that_anyone_can_watch(deck_path):
    with ServeProcess(deck_path, "--host", "0.0.0.0") as server:
        assert any("anyone on the network can watch" in line for line in server.lines)
        assert server.stop() == 0
    with ServeProcess(deck_path) as server:
        assert not any("warning" in line for line in server.lines)
        assert server.url.startswith("http://127.0.0.1:")
        assert server.stop() == 0


async def test_a_deck_edit_reaches_the_pages_as_a_new_version(deck_path):
    server = await asyncio.to_thread(ServeProcess, deck_path)
    try:
        async with aiohttp.ClientSession() as session, session.get(f"{server.url}/events") as stream:
            version = (await next_event(stream))["version"]
            deck_path.write_text(deck_path.read_text().replace("# Third", "# Third, edited"))
            event = await next_event(stream)
            assert event["version"] != version
            async with session.get(f"{server.url}/") as page:
                assert "Third, edited" in await page.text()
    finally:
        assert server.stop() == 0


@pytest.fixture
def fuzzed_server(tmp_path):
    """One server for all of a property's examples (Hypothesis runs them in one test call)."""
    server = ServeProcess(write_deck(tmp_path))
    yield server
    assert server.stop() == 0


PATHS = ["/api/next", "/api/prev", "/api/goto", "/api/blackout"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["slide", "on", "x"]) | st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=10,
)
bodies = st.one_of(st.binary(max_size=5000), json_values.map(lambda value: json.dumps(value).encode()))


@settings(max_examples=200)
@given(path=st.sampled_from(PATHS), body=bodies, with_token=st.booleans())
def test_no_body_makes_the_api_fail_or_leak(fuzzed_server, path, body, with_token):
    connection = http.client.HTTPConnection("127.0.0.1", fuzzed_server.port, timeout=20)
    try:
        headers = {"Content-Type": "application/json"}
        if with_token:
            headers["Authorization"] = f"Bearer {fuzzed_server.token}"
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    assert response.status in ((200, 400) if with_token else (401,))
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert isinstance(json.loads(data), dict)
    if not with_token:
        assert not any(secret.encode() in data for secret in SECRETS)
