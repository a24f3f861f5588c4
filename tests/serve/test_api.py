"""The HTTP API and the files the server hands out, through aiohttp's test client against the
real application (the sync link is not started: moves stay in this process).

Every status code the issue names: 200, 401 (and nothing moves), 400 with a JSON error, 404.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp.test_utils import TestClient, TestServer

from briefing.load import load
from briefing.serve.api import MAX_BODY
from briefing.serve.live import LiveShow
from briefing.serve.pages import serve_deck
from briefing.serve.web import make_app
from briefing.ui.navigation import Position
from tests.serve.decks import SECRETS, write_deck

TOKEN = "t0ken-for-the-tests-only"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def deck_path(tmp_path):
    return write_deck(tmp_path)


@pytest.fixture
async def served(deck_path):
    show = LiveShow(serve_deck(load(deck_path)), deck_path)
    client = TestClient(TestServer(make_app(show, TOKEN)))
    await client.start_server()
    try:
        yield client, show
    finally:
        await client.close()


async def state(client) -> dict:
    response = await client.get("/api/state")
    assert response.status == 200
    return await response.json()


def assert_secure(response) -> None:
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert not any(name.lower().startswith("access-control-") for name in headers)  # no CORS


async def test_the_public_state_says_where_the_show_is_and_nothing_of_the_notes(served):
    client, _ = served
    response = await client.get("/api/state")
    assert response.status == 200
    assert_secure(response)
    data = await response.json()
    assert {key: data[key] for key in ("slide", "step", "count", "title", "blackout")} == {
        "slide": 1,
        "step": 1,
        "count": 3,
        "title": "First <img src=x onerror=window.__pwned=1>",
        "blackout": False,
    }
    assert "notes" not in data


async def test_next_and_prev_with_the_token_move_through_steps_and_slides(served):
    client, _ = served
    for path, expected in [
        ("/api/next", (2, 1)),
        ("/api/next", (2, 2)),
        ("/api/next", (3, 1)),
        ("/api/next", (3, 1)),  # the end: stays
        ("/api/prev", (2, 2)),  # back to a slide whole, as in the terminal
    ]:
        response = await client.post(path, headers=AUTH)
        assert response.status == 200, await response.text()
        assert_secure(response)
        data = await response.json()
        assert (data["slide"], data["step"]) == expected
        current = await state(client)
        assert (current["slide"], current["step"]) == expected


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},
        {"Authorization": TOKEN},
    ],
    ids=["missing", "wrong", "basic", "longer", "shorter", "no-scheme"],
)
async def test_a_missing_or_wrong_token_is_401_and_nothing_moves(served, headers):
    client, _ = served
    before = await state(client)
    for method, path, body in [
        ("POST", "/api/next", None),
        ("POST", "/api/prev", None),
        ("POST", "/api/goto", {"slide": 3}),
        ("POST", "/api/blackout", None),
        ("GET", "/api/notes", None),
    ]:
        response = await client.request(method, path, headers=headers, json=body)
        assert response.status == 401, path
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert_secure(response)
        assert "error" in await response.json()
        text = await response.text()
        assert not any(secret in text for secret in SECRETS)
    assert await state(client) == before


async def test_goto_jumps_to_a_slide(served):
    client, _ = served
    response = await client.post("/api/goto", headers=AUTH, json={"slide": 3})
    assert response.status == 200
    assert (await state(client))["slide"] == 3
    response = await client.post("/api/goto", headers=AUTH, json={"slide": 2})
    assert (await response.json())["step"] == 2  # coming back: the slide whole


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"\xff\xfe",
        b"[1]",
        b'"slide"',
        b"{}",
        b'{"slide": 0}',
        b'{"slide": 4}',
        b'{"slide": -1}',
        b'{"slide": "2"}',
        b'{"slide": 2.0}',
        b'{"slide": true}',
        b'{"slide": 2, "step": 1}',
        b'{"slide": 99999999999999999999999}',
        b"[" * 100_000,
    ],
)
async def test_goto_with_a_bad_body_is_400_with_a_json_error_and_nothing_moves(served, body):
    client, _ = served
    before = await state(client)
    response = await client.post("/api/goto", headers={**AUTH, "Content-Type": "application/json"}, data=body)
    assert response.status == 400
    assert_secure(response)
    error = await response.json()
    assert isinstance(error["error"], str) and error["error"]
    assert await state(client) == before


async def test_a_body_over_4_kib_is_400_even_if_it_is_good_json(served):
    client, _ = served
    padded = b'{"slide": 2}' + b" " * (MAX_BODY - 11)
    assert len(padded) == MAX_BODY + 1
    response = await client.post("/api/goto", headers=AUTH, data=padded)
    assert response.status == 400
    assert "4096" in (await response.json())["error"]
    exactly = b'{"slide": 2}' + b" " * (MAX_BODY - 12)
    response = await client.post("/api/goto", headers=AUTH, data=exactly)
    assert response.status == 200


async def test_a_body_over_4_kib_sent_in_chunks_without_a_length_is_400(served):
    client, _ = served

    async def chunks():
        for _ in range(10):
            yield b" " * 1000

    response = await client.post("/api/next", headers=AUTH, data=chunks())
    assert response.status == 400
    assert (await state(client))["slide"] == 1


async def test_next_and_prev_refuse_arguments(served):
    client, _ = served
    response = await client.post("/api/next", headers=AUTH, json={"slide": 2})
    assert response.status == 400
    response = await client.post("/api/next", headers=AUTH, json={})
    assert response.status == 200


async def test_blackout_toggles_or_is_set(served):
    client, _ = served
    assert (await (await client.post("/api/blackout", headers=AUTH)).json())["blackout"] is True
    assert (await state(client))["blackout"] is True
    assert (await (await client.post("/api/blackout", headers=AUTH)).json())["blackout"] is False
    assert (await (await client.post("/api/blackout", headers=AUTH, json={"on": True})).json())["blackout"] is True
    assert (await (await client.post("/api/blackout", headers=AUTH, json={"on": True})).json())["blackout"] is True
    response = await client.post("/api/blackout", headers=AUTH, json={"on": "yes"})
    assert response.status == 400


async def test_the_notes_need_the_token(served):
    client, _ = served
    response = await client.get("/api/notes", headers=AUTH)
    assert response.status == 200
    data = await response.json()
    assert SECRETS[0] in data["notes"]
    assert data["next_title"] == "Second"
    assert data["duration"] == 180
    await client.post("/api/next", headers=AUTH)
    assert SECRETS[1] in (await (await client.get("/api/notes", headers=AUTH)).json())["notes"]


async def test_no_response_made_without_the_token_holds_a_note(served):
    client, show = served
    seen = []
    for number in (1, 2, 3):
        show.move(Position(number - 1, 0), False)
        for path in [
            "/",
            "/control",
            "/api/state",
            "/api/notes",
            "/favicon.ico",
            "/talk.md",
            "/pictures/red%20dot.png",
        ]:
            response = await client.get(path)
            seen.append(await response.read())
        for path in ["/api/next", "/api/prev", "/api/goto", "/api/blackout"]:
            seen.append(await (await client.post(path)).read())
        async with client.get("/events") as stream:
            seen.append(await _first_event(stream))
    everything = b"\n".join(seen).decode("utf-8", "replace")
    assert "Second" in everything  # the pages were read
    for secret in SECRETS:
        assert secret not in everything


async def _first_event(stream) -> bytes:
    data = b""
    while b"data:" not in data or not data.endswith(b"\n\n"):
        data += await stream.content.readline()
    return data


async def test_the_event_stream_sends_the_position_at_once_and_then_each_move(served):
    client, _ = served
    async with client.get("/events") as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        assert_secure(stream)
        first = await _first_event(stream)
        assert b"retry: 1000" in first
        assert json.loads(first.split(b"data: ")[1])["slide"] == 1
        await client.post("/api/next", headers=AUTH)
        moved = json.loads((await _first_event(stream)).split(b"data: ")[1])
        assert (moved["slide"], moved["step"]) == (2, 1)


async def test_pages_carry_a_policy_that_allows_only_their_own_inline_code(served):
    client, _ = served
    for path in ("/", "/control"):
        response = await client.get(path)
        assert response.status == 200
        assert_secure(response)
        policy = response.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert "script-src 'sha256-" in policy
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"


async def test_the_deck_text_is_escaped_on_the_audience_page(served):
    client, _ = served
    page = await (await client.get("/")).text()
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned" in page


async def test_an_image_the_slides_name_is_served(served):
    client, _ = served
    response = await client.get("/pictures/red%20dot.png")
    assert response.status == 200
    assert response.headers["Content-Type"] == "image/png"
    assert_secure(response)
    assert (await response.read()).startswith(b"\x89PNG")
    head, body = await raw_get(client, "/pictures/red%20dot.png")  # the 404 tests' way reaches it
    assert head.startswith(b"HTTP/1.1 200 ") and body.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "path",
    [
        "/talk.md",  # the deck's own source: not an image it names
        "/unreferenced.png",
        "/escape.png",  # named, but a symlink out of the deck
        "/../outside.png",
        "/%2e%2e/outside.png",
        "/..%2foutside.png",
        "/pictures/..%2f..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/pictures/red%20dot.png/..",
        "/pictures%2fred%20dot.png%00",
        "/pictures/./red%20dot.png/",
    ],
)
async def test_anything_else_is_404(served, path):
    client, _ = served
    head, body = await raw_get(client, path)  # as sent: a client library would tidy the path
    assert head.startswith(b"HTTP/1.1 404 "), (path, head)
    assert b"\r\nX-Content-Type-Options: nosniff\r\n" in head
    assert b"not for the web" not in body and b"PNG" not in body


async def raw_get(client, path: str) -> tuple[bytes, bytes]:
    """GET `path` byte for byte as given; the response's head and body."""
    reader, writer = await asyncio.open_connection(client.host, client.port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        response = await reader.read()
    finally:
        writer.close()
    head, _, body = response.partition(b"\r\n\r\n")
    return head, body


async def test_a_named_image_swapped_for_a_symlink_out_of_the_deck_is_404(served, deck_path):
    client, _ = served
    picture = deck_path.parent / "pictures" / "red dot.png"
    picture.unlink()
    picture.symlink_to(deck_path.parent.parent / "outside.png")
    response = await client.get("/pictures/red%20dot.png")
    assert response.status == 404
