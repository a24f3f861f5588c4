"""`briefing serve`: start the server, say where it is, keep the deck fresh, stop cleanly.

Start-up prints the audience URL and the control URL (the only place the token appears), each
with a QR code, then a count of open pages: rewritten in place on a terminal, a line per change
elsewhere. Ctrl+C and SIGTERM stop it: streams end, the sync link lets go of its socket and
lock, the port is closed, and the exit status is 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from aiohttp import web

from briefing.core.errors import DeckError
from briefing.core.model import Deck
from briefing.serve.api import new_token
from briefing.serve.errors import ServeError
from briefing.serve.live import LiveShow
from briefing.serve.pages import serve_deck
from briefing.serve.qr import qr_lines
from briefing.serve.web import make_app

COUNT_INTERVAL = 1.0
SHUTDOWN_TIMEOUT = 2.0
"""Seconds open requests get to finish when stopping (event streams are ended at once)."""


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8765
    free: bool = False
    theme: str | None = None
    dialect: str | None = None
    relay: str | None = None
    relay_channel: str = "briefing"
    qr: bool = True
    socket_path: Path | None = None


def serve(deck_path: Path, deck: Deck, options: ServeOptions, out: TextIO = sys.stdout) -> int:
    return asyncio.run(_serve(deck_path, deck, options, out))


async def _serve(deck_path: Path, deck: Deck, options: ServeOptions, out: TextIO) -> int:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
    token = new_token()
    served = await asyncio.to_thread(serve_deck, deck, free=options.free, theme=options.theme)
    show = LiveShow(served, deck_path, socket_path=options.socket_path)
    # handler_cancellation: a page that goes away ends its stream's handler at once (the count
    # drops then, not at the next keep-alive); a move is made in one step, never half-way.
    runner = web.AppRunner(
        make_app(show, token), access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT, handler_cancellation=True
    )
    await runner.setup()
    tasks: list[asyncio.Task[None]] = []
    relay = None
    try:
        site = web.TCPSite(runner, options.host, options.port)
        try:
            await site.start()
        except OSError as error:
            raise ServeError(f"cannot listen on {options.host}:{options.port}: {error.strerror or error}") from None
        if options.relay:
            from briefing.serve.relay import Relay

            relay = Relay(options.relay, options.relay_channel, show)
            await relay.start()  # ServeError if unreachable
        await show.link.start()
        port = runner.addresses[0][1]
        _announce(out, options, port, token)
        tasks.append(asyncio.create_task(_count(show, out)))
        tasks.append(asyncio.create_task(_reload(show, deck_path, options)))
        await stop.wait()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await show.link.stop()
        if relay is not None:
            await relay.stop()
        await runner.cleanup()
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(number)
    _say(out, "\nstopped\n")
    return 0


def _announce(out: TextIO, options: ServeOptions, port: int, token: str) -> None:
    host = _reachable_host(options.host)
    audience = f"http://{host}:{port}/"
    control = f"http://{host}:{port}/control#{token}"
    lines = []
    if options.qr:
        lines += ["Audience:", *qr_lines(audience), ""]
    lines.append(f"Audience: {audience}")
    if options.qr:
        lines += ["", "Control (keep it to yourself: it moves the show and shows the notes):", *qr_lines(control), ""]
    lines.append(f"Control:  {control}")
    if _is_wildcard(options.host):
        lines.append(
            f"warning: listening on {options.host}: anyone on the network can watch "
            "(the control URL's token still guards the controls and the notes)"
        )
    elif not _is_loopback(options.host):
        lines.append(f"warning: listening on {options.host}: anyone who can reach it can watch")
    lines.append("Ctrl+C stops the server.")
    _say(out, "\n".join(lines) + "\n")


def _reachable_host(host: str) -> str:
    """How a browser addresses the server: the machine's own address for a wildcard."""
    if _is_wildcard(host):
        host = _own_address()
    return f"[{host}]" if ":" in host else host


def _own_address() -> str:
    # A UDP socket "connected" to a documentation address sends nothing, but names the
    # interface the machine would route through: the address other devices can use.
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))
        return str(probe.getsockname()[0])
    return "127.0.0.1"


def _is_wildcard(host: str) -> bool:
    return host in ("0.0.0.0", "::", "")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _say(out: TextIO, text: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # a closed terminal must not stop the show
        out.write(text)
        out.flush()


async def _count(show: LiveShow, out: TextIO) -> None:
    """The count of open pages: one line, rewritten on a terminal; a new line per change."""
    terminal = out.isatty()
    shown = -1
    while True:
        count = len(show.followers)
        if count != shown:
            text = f"{count} page{'s' if count != 1 else ''} connected"
            _say(out, f"\r\x1b[K{text}" if terminal else f"{text}\n")
            shown = count
        await asyncio.sleep(COUNT_INTERVAL)


async def _reload(show: LiveShow, deck_path: Path, options: ServeOptions) -> None:
    """Read the deck again whenever its files change; pages load the new version in place."""
    from briefing.load import load
    from briefing.ui.watch import deck_changes

    while True:
        try:
            async for _ in deck_changes(deck_path):
                try:
                    deck = await asyncio.to_thread(load, deck_path, dialect=options.dialect)
                    served = await asyncio.to_thread(serve_deck, deck, free=options.free, theme=options.theme)
                except (DeckError, RecursionError) as error:
                    print(f"\nbriefing: {error} (still serving the last good version)", file=sys.stderr)
                    continue
                if served.version != show.served.version:
                    show.replace(served)
        except Exception as error:  # the watched directory went away: try again shortly
            print(f"\nbriefing: cannot watch {deck_path} for changes ({error})", file=sys.stderr)
        await asyncio.sleep(1)
