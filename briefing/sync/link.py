"""SyncLink: one process's end of the shared show, running on the app's asyncio loop.

Topology: whoever holds the deck's lock file is the hub. It listens on the socket, and every
other process connects to it as a client. The hub applies each state it receives and relays it
to the other clients, so one key press anywhere reaches everyone in one or two hops.

Who is hub is decided by an exclusive `flock` on `<channel>.lock`, never by who managed to
bind: a crashed hub leaves its socket file behind but the kernel drops its lock, so the next
process can safely delete the stale socket, and when two clients race to take over only one
gets the lock while the other goes back to connecting. A client whose hub goes away (EOF)
simply starts over: connect, else try to become hub, with a growing back-off in between.

Merging is last-writer-wins on (clock, origin), see `protocol.Register`. On every new
connection both sides send their state, so a fresh process (clock 0) adopts the group's
position, and two halves that were apart agree on whichever moved last.

Besides the shared state, the hub tells everyone who is linked (`Group`: how many consoles and
audience views), and an audience view can hand a problem to the consoles (`Notice`) rather
than show it to the room. Neither is stored: a group is re-sent when it changes, a notice is
delivered to the consoles linked at the time.

A code block's run is mirrored the same way (`RunStarted`, `RunOutput`, `RunEnded`, `RunStop`,
sent by `send_run`, heard by `on_run`): delivered to everyone linked at the time, never stored.
The link remembers which connection each run it heard of came through, so that when that
connection drops mid-run, every view still showing the run hears that it ended (`LINK_LOST`):
the hub tells the others when it loses the runner, and a client tells itself when it loses the
hub.

Nothing here may stop the show: network and peer trouble are logged (logger "briefing.sync")
and retried quietly, and a link that cannot work at all (no private directory, say) says why
in `error` and does nothing.

This module is the topology only: what travels and how it merges is `protocol`, what the
operating system provides (socket directory, lock, peer uid) is `runtime`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import secrets
import socket
from collections.abc import Callable
from pathlib import Path

from briefing.sync import runtime
from briefing.sync.protocol import (
    MAX_LINE,
    ROLES,
    Group,
    Hello,
    LineSplitter,
    Message,
    Notice,
    Register,
    RunEnded,
    RunMessage,
    RunStarted,
    State,
    TimerState,
    decode,
    encode,
)
from briefing.sync.runtime import SyncUnavailable

log = logging.getLogger("briefing.sync")
# Until the app configures logging, stay silent: Python's last-resort handler would write
# warnings to stderr, that is, across the slides.
log.addHandler(logging.NullHandler())


def log_to_file(path: Path) -> None:
    """Send this logger to `path` (once): dropped and malformed messages are recorded there,
    since the terminal belongs to the slides."""
    if any(isinstance(handler, logging.FileHandler) for handler in log.handlers):
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


MIN_DELAY = 0.05
MAX_DELAY = 1.0
"""Back-off between attempts to join or become the hub: from MIN_DELAY, doubling, to here."""

CONNECT_TIMEOUT = 1.0
WATCH_INTERVAL = 0.25
"""How often the hub checks that its socket and lock file are still the ones it made."""

MAX_PEERS = 64
MAX_RUNS = 64
"""Runs of other processes followed at once: more would be a peer that never ends its runs."""
LINK_LOST = "the link to the terminal running it was lost"
"""How a run ends in the views it was mirrored to, when the runner can no longer reach them."""
MAX_BUFFERED = 64 * 1024
"""A peer that lets this much of our output pile up unread is stuck: we drop it rather than
let it hold memory (it reconnects and resyncs if it ever wakes up)."""


class SyncLink:
    """Keeps this process's position in step with every other process showing the same deck.

    `on_state` is called, on the event loop, with each state adopted from another process
    (never for our own `publish`, and not when only the bookkeeping changed). Call `publish`
    whenever the local position or timer changes; calls that change nothing are ignored, so
    publishing the position `on_state` just moved to does not echo. `initial` and
    `initial_timer` are what this process shows at start: they count as older than anything an
    established process shows.

    `on_group` is called with each change of who is linked; `on_notice` (on consoles only)
    with each notice an audience view sends; `on_run` with each run message of another process.

    Use it from the event loop's thread only (Textual handlers are); `stop` it before exit.
    """

    def __init__(
        self,
        deck: Path,
        role: str,
        on_state: Callable[[State], None],
        *,
        socket_path: Path | None = None,
        origin: str | None = None,
        initial: tuple[int, int, bool] = (0, 0, False),
        initial_timer: TimerState = TimerState(),
        on_group: Callable[[Group], None] | None = None,
        on_notice: Callable[[Notice], None] | None = None,
        on_run: Callable[[RunMessage], None] | None = None,
    ) -> None:
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {role!r}")
        origin = secrets.token_hex(8) if origin is None else origin
        # clock 0: a newcomer's position loses to any established one
        self._register = Register(origin, initial, initial_timer)  # ValueError if bad
        self.role = role
        self.origin = origin
        self.error: str | None = None
        """Why the link is disabled, or None while it works (or tries to)."""
        self._deck = deck
        self._path = socket_path
        self._on_state = on_state
        self._on_group = on_group
        self._on_notice = on_notice
        self._on_run = on_run
        # runs of other processes not ended yet, and the connection each came through
        self._runs: dict[str, asyncio.StreamWriter] = {}
        self._group = self._alone()
        self._roles: dict[asyncio.StreamWriter, str] = {}  # as hub: who each client said it is
        self._task: asyncio.Task[None] | None = None
        self._upstream: asyncio.StreamWriter | None = None  # as a client: the hub
        self._peers: set[asyncio.StreamWriter] = set()  # as hub: the clients
        self._handlers: set[asyncio.Task[None]] = set()  # as hub: one task per client
        self._is_hub = False
        self._last_problem = ""

    # -- what the app sees ---------------------------------------------------------------

    @property
    def state(self) -> State:
        return self._register.state

    @property
    def socket_path(self) -> Path | None:
        return self._path

    @property
    def is_hub(self) -> bool:
        return self._is_hub

    @property
    def peers(self) -> int:
        """Processes we are directly connected to: the clients if we are hub, else 0 or 1."""
        return len(self._peers) if self._is_hub else int(self._upstream is not None)

    @property
    def connected(self) -> bool:
        return self.peers > 0

    @property
    def group(self) -> Group:
        """Who is linked, this process included (just this one while alone)."""
        return self._group

    def send_notice(self, notice: Notice) -> None:
        """Hand a problem to every linked console (none linked: it goes nowhere)."""
        if not notice.is_valid():
            log.warning("sync: not sending invalid notice %r", notice)
            return
        if self._upstream is not None:
            self._send(self._upstream, notice)
        self._broadcast(notice)

    def send_run(self, message: RunMessage) -> None:
        """Tell every linked process about a run here (none linked: it goes nowhere)."""
        if not message.is_valid():
            log.warning("sync: not sending invalid run message %r", message)
            return
        if self._upstream is not None:
            self._send(self._upstream, message)
        self._broadcast(message)

    async def start(self) -> None:
        """Start linking in the background. Never raises: if syncing cannot work here, `error`
        says why and the link stays idle."""
        if self._task is not None or self.error is not None:
            return
        try:
            self._path = runtime.usable_socket_path(self._deck, self._path)
        except (SyncUnavailable, OSError, ValueError) as exc:
            self.error = str(exc)
            log.warning("sync disabled: %s", exc)
            return
        self._task = asyncio.create_task(self._run(), name=f"briefing-sync-{self.origin}")

    async def stop(self) -> None:
        """Close every connection; as hub, remove the socket and release the lock."""
        task, self._task = self._task, None
        if task is None:
            return
        self._on_group = None  # going away: who is left is no longer this process's business
        self._on_run = None
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    def publish(self, slide: int, step: int, blackout: bool, timer: TimerState | None = None) -> None:
        """A local change: take a clock newer than any seen and tell everyone. Without
        `timer`, the timer stays as it is."""
        try:
            state = self._register.publish(slide, step, blackout, timer)
        except ValueError:
            log.warning("sync: not publishing invalid state %r", (slide, step, blackout, timer))
            return
        if state is None:
            return  # nothing changed (the position on_state just moved to, say): no echo
        if self._upstream is not None:
            self._send(self._upstream, state)
        self._broadcast(state)

    def adopt(self, state: State) -> bool:
        """A state from beyond the group (a relay between machines), merged as if a peer had
        sent it: if it is newer than ours, `on_state` hears of it and every linked process
        gets it. True if adopted."""
        if not state.is_valid() or not self._merge(state):
            return False
        if self._upstream is not None:
            self._send(self._upstream, state)
        self._broadcast(state)
        return True

    # -- the connect-or-serve loop -------------------------------------------------------

    async def _run(self) -> None:
        delay = MIN_DELAY
        while True:
            try:
                progressed = await self._attempt()
            except (SyncUnavailable, OSError) as exc:
                self._problem(f"sync: {exc}")
                progressed = False
            except Exception:  # a bug must not end syncing, let alone the show
                log.exception("sync: unexpected error; retrying")
                progressed = False
            if progressed:
                delay = MIN_DELAY
            # Jitter, so processes orphaned together do not retry in lockstep.
            await asyncio.sleep(delay * random.uniform(0.5, 1.0))
            if not progressed:
                delay = min(delay * 2, MAX_DELAY)

    async def _attempt(self) -> bool:
        """Join the hub if one answers, else try to become it. True if that got anywhere."""
        assert self._path is not None
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_unix_connection(str(self._path), limit=MAX_LINE), CONNECT_TIMEOUT
            )
        except (OSError, asyncio.TimeoutError) as exc:  # nobody there, or a stale socket
            log.debug("sync: no hub at %s (%s)", self._path, exc)
            return await self._serve()
        return await self._follow(reader, writer)

    def _problem(self, message: str) -> None:
        # Retries repeat the same complaint every second: say it once, then quietly.
        level = logging.DEBUG if message == self._last_problem else logging.WARNING
        log.log(level, "%s", message)
        self._last_problem = message

    # -- as a client ---------------------------------------------------------------------

    async def _follow(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Stay with the hub until it goes away. True if it said hello."""
        heard = False

        def handle(message: Message) -> None:
            nonlocal heard
            heard = True
            if isinstance(message, Group):
                self._set_group(message)
            elif isinstance(message, Notice):
                self._deliver(message)
            elif isinstance(message, RunMessage):
                self._heard_run(writer, message)
            else:
                self._merge(message.state if isinstance(message, Hello) else message)

        try:
            if not _same_user(writer):
                return False
            self._upstream = writer
            self._last_problem = ""
            log.debug("sync: joined the hub at %s", self._path)
            self._send(writer, Hello(self.role, self.state))
            await _read_messages(reader, handle)
            log.debug("sync: lost the hub")
        except OSError as exc:
            log.debug("sync: lost the hub (%s)", exc)
        finally:
            self._upstream = None
            self._set_group(self._alone())
            self._lost_runs(writer)
            writer.close()
        return heard

    # -- as the hub ----------------------------------------------------------------------

    async def _serve(self) -> bool:
        """Be the hub while we hold the lock. False if another process holds it."""
        assert self._path is not None
        runtime.ensure_private_dir(self._path.parent)  # it may have been cleaned away
        lock_path = self._path.with_suffix(".lock")
        lock = runtime.try_lock(lock_path)
        if lock is None:
            return False
        servers: list[asyncio.AbstractServer] = []
        bound: tuple[int, int] | None = None
        try:
            server, bound = await self._listen()
            servers.append(server)
            self._is_hub = True
            self._last_problem = ""
            self._update_group()
            log.debug("sync: serving %s as hub", self._path)
            while True:
                await asyncio.sleep(WATCH_INTERVAL)
                if runtime.identity(lock_path) != runtime.fd_identity(lock):
                    log.warning("sync: lock file %s was replaced; handing over", lock_path)
                    return True
                if runtime.identity(self._path) != bound:
                    # Someone deleted our socket: newcomers could not find us, so bind anew.
                    log.warning("sync: socket %s vanished; binding it again", self._path)
                    server.close()
                    server, bound = await self._listen()
                    servers.append(server)
        finally:
            self._is_hub = False
            self._roles.clear()
            self._set_group(self._alone())
            for server in servers:
                server.close()
            if bound is not None and runtime.identity(self._path) == bound:
                with contextlib.suppress(OSError):
                    self._path.unlink()
            # Release the lock before clients see EOF, so one can take over at once.
            os.close(lock)
            await self._drop_peers()

    async def _listen(self) -> tuple[asyncio.AbstractServer, tuple[int, int] | None]:
        assert self._path is not None
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            # We hold the lock, so whatever is at the path is stale (a crashed hub's socket).
            self._path.unlink(missing_ok=True)
            sock.bind(str(self._path))
            self._path.chmod(0o600)  # before listen(): nobody can connect in between
            sock.listen(MAX_PEERS)
            sock.setblocking(False)
            bound = runtime.identity(self._path)
            server = await asyncio.start_unix_server(self._accept, sock=sock, limit=MAX_LINE)
        except BaseException:
            sock.close()
            raise
        return server, bound

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            if not self._is_hub or not _same_user(writer):
                return
            if len(self._peers) >= MAX_PEERS:
                log.warning("sync: too many peers; refusing one more")
                return
            self._peers.add(writer)
            self._send(writer, Hello(self.role, self.state))
            await _read_messages(reader, lambda message: self._relay(writer, message))
        except OSError as exc:
            log.debug("sync: lost a peer (%s)", exc)
        except asyncio.CancelledError:
            # Cancelled by _drop_peers (or loop shutdown): end quietly. A handler task that
            # ends cancelled makes asyncio's streams code (3.11) log a spurious error.
            pass
        except Exception:  # asyncio would log it as unhandled; say it ourselves
            log.exception("sync: error serving a peer")
        finally:
            self._peers.discard(writer)
            self._handlers.discard(task)
            if self._roles.pop(writer, None) is not None and self._is_hub:
                self._update_group()
            self._lost_runs(writer)
            writer.close()

    def _relay(self, sender: asyncio.StreamWriter, message: Message) -> None:
        if isinstance(message, Group):
            return  # only the hub says who is linked, and we are the hub
        if isinstance(message, Notice):
            self._deliver(message)
            self._broadcast(message, exclude=sender)
            return
        if isinstance(message, RunMessage):
            self._heard_run(sender, message)
            self._broadcast(message, exclude=sender)
            return
        if isinstance(message, Hello):
            log.debug("sync: a %s joined", message.role)
            self._roles[sender] = message.role
            self._update_group()
            message = message.state
        if self._merge(message):
            self._broadcast(message, exclude=sender)
        # A stale state needs no answer: the sender gets every state we adopt (or hear our
        # hello), so it will catch up with ours.

    async def _drop_peers(self) -> None:
        for writer in list(self._peers):
            writer.close()
        handlers = list(self._handlers)
        for task in handlers:
            task.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)

    # -- who is linked, and notices ------------------------------------------------------

    def _alone(self) -> Group:
        return Group(int(self.role == "console"), int(self.role == "audience"))

    def _update_group(self) -> None:
        """As hub: count ourselves and every client that said hello; tell them all."""
        roles = [self.role, *self._roles.values()]
        group = Group(roles.count("console"), roles.count("audience"))
        if group != self._group:
            self._set_group(group)
            self._broadcast(group)

    def _set_group(self, group: Group) -> None:
        if group == self._group:
            return
        self._group = group
        if self._on_group is not None:
            try:
                self._on_group(group)
            except Exception:  # the app's bug must not break the link
                log.exception("sync: on_group callback failed")

    def _deliver(self, notice: Notice) -> None:
        if self.role != "console" or self._on_notice is None:
            return
        try:
            self._on_notice(notice)
        except Exception:
            log.exception("sync: on_notice callback failed")

    # -- runs of code blocks mirrored from other processes -------------------------------

    def _heard_run(self, source: asyncio.StreamWriter, message: RunMessage) -> None:
        """A run message from another process, through `source`: remember which runs are
        going on where, and tell the app."""
        if isinstance(message, RunStarted):
            if message.run not in self._runs and len(self._runs) >= MAX_RUNS:
                self._runs.pop(next(iter(self._runs)))  # forget the oldest
            self._runs[message.run] = source
        elif isinstance(message, RunEnded):
            self._runs.pop(message.run, None)
        self._deliver_run(message)

    def _lost_runs(self, source: asyncio.StreamWriter) -> None:
        """`source` is gone: the runs that came through it end, here and (as hub) in every
        other linked process."""
        for run in [run for run, writer in self._runs.items() if writer is source]:
            del self._runs[run]
            ended = RunEnded(run, LINK_LOST, failed=True)
            self._deliver_run(ended)
            if self._is_hub:
                self._broadcast(ended, exclude=source)

    def _deliver_run(self, message: RunMessage) -> None:
        if self._on_run is None:
            return
        try:
            self._on_run(message)
        except Exception:
            log.exception("sync: on_run callback failed")

    # -- merging and sending ---------------------------------------------------------------

    def _merge(self, state: State) -> bool:
        """Adopt `state` if it is newer than ours, and tell the app if what it shows changed.
        True if adopted."""
        previous = self._register.state
        if not self._register.merge(state):
            return False
        if state.shared != previous.shared:
            try:
                self._on_state(state)
            except Exception:  # the app's bug must not break the link
                log.exception("sync: on_state callback failed")
        return True

    def _broadcast(self, message: Message, exclude: asyncio.StreamWriter | None = None) -> None:
        for writer in list(self._peers):
            if writer is not exclude:
                self._send(writer, message)

    def _send(self, writer: asyncio.StreamWriter, message: Message) -> None:
        # Never awaits: one slow peer must not hold up the others, or the app.
        try:
            if writer.is_closing():
                return
            if writer.transport.get_write_buffer_size() > MAX_BUFFERED:
                log.warning("sync: dropping a peer that stopped reading")
                writer.close()
                return
            writer.write(encode(message))
        except Exception as exc:  # publish() runs in the app's key handlers: never raise there
            log.debug("sync: send failed (%s)", exc)


async def _read_messages(reader: asyncio.StreamReader, handle: Callable[[Message], None]) -> None:
    """Hand each valid message to `handle` until EOF; drop (and log) anything else."""
    lines = LineSplitter(MAX_LINE)
    while data := await reader.read(MAX_LINE):
        dropped = lines.dropped
        for line in lines.feed(data):
            message = decode(line)
            if message is None:
                log.warning("sync: dropped a malformed message: %r", line[:80])
                continue
            handle(message)
        if lines.dropped > dropped:
            log.warning("sync: dropped a message over %d bytes", MAX_LINE)
    # EOF; an unfinished last line is dropped


def _same_user(writer: asyncio.StreamWriter) -> bool:
    """Whether the other end of the connection runs as us. The private directory already
    keeps others out; this is the second lock on the door, where the kernel can tell."""
    uid = runtime.peer_uid(writer.get_extra_info("socket"))
    if uid is None or uid == os.geteuid():
        return True
    log.warning("sync: refused a connection from uid %d", uid)
    return False
