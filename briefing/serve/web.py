"""The HTTP side (aiohttp): routes, the event stream, the token check and the security headers.

    GET  /             the audience page            GET  /api/state   public position
    GET  /control      the clicker (token in #)     GET  /api/notes   notes (token)
    GET  /events       Server-Sent Events           POST /api/next, /api/prev, /api/goto,
    GET  /<image>      an image the slides name          /api/blackout (token)

Every response carries the security headers; no response made without the token holds a note.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from briefing.serve.api import (
    MAX_BODY,
    ApiError,
    authorized,
    blackout_wanted,
    goto_slide,
    no_arguments,
)
from briefing.serve.followers import CLOSE
from briefing.serve.live import LiveShow
from briefing.serve.pages import Page, deck_directory, still_inside
from briefing.serve.show import moved_backward, moved_forward, moved_to, position_of

KEEPALIVE = 15.0
"""Seconds between comments on an idle event stream: proxies keep it open, and a closed one
is noticed."""

RETRY_MS = 1000
"""How soon a browser reconnects a dropped event stream."""

SHOW = web.AppKey("show", LiveShow)
TOKEN = web.AppKey("token", str)

_DEFAULT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
_IMAGE_TYPES[".webp"] = "image/webp"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def make_app(show: LiveShow, token: str) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)
    app[SHOW] = show
    app[TOKEN] = token
    app.on_response_prepare.append(_security_headers)
    app.on_shutdown.append(_end_streams)
    app.router.add_get("/", _audience)
    app.router.add_get("/control", _control)
    app.router.add_get("/events", _events)
    app.router.add_get("/api/state", _state)
    app.router.add_get("/api/notes", _with_token(_notes))
    app.router.add_post("/api/next", _with_token(_next))
    app.router.add_post("/api/prev", _with_token(_prev))
    app.router.add_post("/api/goto", _with_token(_goto))
    app.router.add_post("/api/blackout", _with_token(_blackout))
    app.router.add_get("/favicon.ico", _no_icon)
    app.router.add_get("/{path:.+}", _deck_file)
    return app


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", _DEFAULT_POLICY)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers.setdefault("Cache-Control", "no-store")


async def _end_streams(app: web.Application) -> None:
    app[SHOW].followers.close_all()


def _page(page: Page) -> web.Response:
    return web.Response(
        body=page.body,
        content_type="text/html",
        charset="utf-8",
        headers={"Content-Security-Policy": page.policy},
    )


async def _audience(request: web.Request) -> web.StreamResponse:
    return _page(request.app[SHOW].served.audience)


async def _control(request: web.Request) -> web.StreamResponse:
    return _page(request.app[SHOW].served.control)


async def _events(request: web.Request) -> web.StreamResponse:
    show = request.app[SHOW]
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "X-Accel-Buffering": "no"})
    await response.prepare(request)
    queue = show.followers.join()
    try:
        await response.write(f"retry: {RETRY_MS}\n\n".encode() + show.current_event())
        while True:
            try:
                message = await asyncio.wait_for(queue.get(), KEEPALIVE)
            except asyncio.TimeoutError:
                message = b": keep-alive\n\n"
            if message == CLOSE:
                break
            await response.write(message)
    except (ConnectionResetError, ConnectionError):
        pass  # the browser went away
    finally:
        show.followers.leave(queue)
    return response


async def _state(request: web.Request) -> web.StreamResponse:
    return web.json_response(request.app[SHOW].public())


def _with_token(handler: Handler) -> Handler:
    """401, and nothing happens, without `Authorization: Bearer <token>`."""

    async def checked(request: web.Request) -> web.StreamResponse:
        if not authorized(request.headers.get("Authorization"), request.app[TOKEN]):
            return web.json_response(
                {"error": "missing or wrong token"}, status=401, headers={"WWW-Authenticate": "Bearer"}
            )
        try:
            return await handler(request)
        except ApiError as error:
            return web.json_response({"error": str(error)}, status=400)

    return checked


async def _body(request: web.Request) -> bytes:
    """The request's body, refused past MAX_BODY bytes without reading further."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise ApiError(f"body over {MAX_BODY} bytes")
    data = bytearray()
    while chunk := await request.content.read(MAX_BODY + 1):
        data += chunk
        if len(data) > MAX_BODY:
            raise ApiError(f"body over {MAX_BODY} bytes")
    return bytes(data)


async def _notes(request: web.Request) -> web.StreamResponse:
    return web.json_response(request.app[SHOW].speaker())


async def _next(request: web.Request) -> web.StreamResponse:
    no_arguments(await _body(request))
    show = request.app[SHOW]
    show.move(moved_forward(show.served.deck, show.state), show.state.blackout)
    return web.json_response(show.speaker())


async def _prev(request: web.Request) -> web.StreamResponse:
    no_arguments(await _body(request))
    show = request.app[SHOW]
    show.move(moved_backward(show.served.deck, show.state), show.state.blackout)
    return web.json_response(show.speaker())


async def _goto(request: web.Request) -> web.StreamResponse:
    show = request.app[SHOW]
    number = goto_slide(await _body(request), len(show.served.deck.slides))
    show.move(moved_to(show.served.deck, show.state, number), show.state.blackout)
    return web.json_response(show.speaker())


async def _blackout(request: web.Request) -> web.StreamResponse:
    show = request.app[SHOW]
    wanted = blackout_wanted(await _body(request), show.state.blackout)
    show.move(position_of(show.served.deck, show.state), wanted)
    return web.json_response(show.speaker())


async def _no_icon(request: web.Request) -> web.StreamResponse:
    """Browsers ask for one; a 404 would be an error in every page's console."""
    return web.Response(status=204)


async def _deck_file(request: web.Request) -> web.StreamResponse:
    """An image the slides name, by its path from the deck's directory; anything else 404."""
    served = request.app[SHOW].served
    path = served.files.get(request.match_info["path"])
    if path is None or not still_inside(path, deck_directory(served.deck)):
        raise web.HTTPNotFound()
    kind = _IMAGE_TYPES.get(Path(path).suffix.lower(), "application/octet-stream")
    with contextlib.suppress(OSError):
        data = await asyncio.to_thread(path.read_bytes)
        return web.Response(body=data, content_type=kind)
    raise web.HTTPNotFound()
