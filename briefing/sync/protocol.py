"""The wire format: one JSON object per line, small and strictly validated.

    {"type": "state", "slide": 3, "step": 0, "blackout": false,
     "timer": "running", "elapsed_ms": 0, "since_ms": 1764320000000,
     "clock": 12, "origin": "ab12"}
    {"type": "hello", "role": "console", "slide": 3, ...same fields as a state...}
    {"type": "group", "consoles": 1, "audiences": 2}
    {"type": "notice", "severity": "error", "title": "Deck not reloaded", "text": "..."}
    {"type": "run-started", "run": "ab12-1", "slide": 2, "line": 14}
    {"type": "run-output", "run": "ab12-1", "text": "hello\n", "cut": false, "skipped": 0}
    {"type": "run-ended", "run": "ab12-1", "status": "exit status 0", "failed": false}
    {"type": "run-stop", "run": "ab12-1"}

A `group` message (from the hub) says who is linked; a `notice` is a problem an audience view
reports to the console instead of showing it to the room. The `run-*` messages mirror a code
block's run: the process that runs it (the only one with the presenter's consent) tells every
linked view what to draw under the block, and any of them can ask it to stop. None of them
makes anything run.

Also here, as pure parts the link runs: the `Register` that merges states (last writer wins)
and the `LineSplitter` that cuts what a connection receives into lines.

Peers are processes of the same user, but a buggy or hostile one must not be able to crash or
confuse us, so `decode` accepts exactly these shapes (no missing or extra keys, ints that are
ints, bools that are bools, bounded values) and returns None for anything else; it never
raises.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from briefing.core.compat import assert_never
from briefing.core.sanitize import is_clean
from briefing.core.timer_state import MAX_CLOCK as MAX_CLOCK
from briefing.core.timer_state import TIMER_MODES as TIMER_MODES
from briefing.core.timer_state import TimerState as TimerState
from briefing.core.timer_state import is_wire_int

MAX_LINE = 4096
"""Longest accepted message in bytes, newline included. Real messages are under 200."""

MAX_INDEX = 1_000_000
"""Slide and step indexes are below this: no deck is that long, so anything larger is junk."""

ROLES = ("console", "audience")

MAX_GROUP = 1024
"""Processes in a group are fewer than this (the hub takes far fewer peers)."""

SEVERITIES = ("warning", "error")
MAX_TITLE = 80
MAX_TEXT = 500
"""Characters in a notice's title and text: at 4 bytes each (UTF-8), they fit in MAX_LINE."""

MAX_RUN_TEXT = 800
"""Characters of output in one `run-output` message. Output is clean text (no control
character but tab and newline), so each takes at most 4 bytes on the wire: it fits in MAX_LINE."""

MAX_LINES = 2**53
"""Counts of output lines are below this."""

_ORIGIN = re.compile(r"[0-9A-Za-z_-]{1,64}", re.ASCII)
# what a notice's text may not hold: controls (tab and newline included), bidi overrides, and
# lone surrogates (a file name's undecodable bytes), which are not text at all
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_STATE_KEYS = frozenset({"slide", "step", "blackout", "timer", "elapsed_ms", "since_ms", "clock", "origin"})


@dataclass(frozen=True, slots=True)
class State:
    """What every process shows (position, blackout, timer), as a last-writer-wins register.

    `clock` is a Lamport counter: a local change takes the largest clock seen plus one, so the
    most recent change has the largest clock. `origin` (a random per-process id) only breaks
    ties between changes made at the same clock, so that every process picks the same winner.
    """

    slide: int
    step: int
    blackout: bool
    clock: int
    origin: str
    timer: TimerState = TimerState()

    @property
    def key(self) -> tuple[int, str]:
        """Order of recency: the larger key wins."""
        return (self.clock, self.origin)

    @property
    def view(self) -> tuple[int, int, bool]:
        """Where the show is (slide, step, blackout), without the timer or the bookkeeping."""
        return (self.slide, self.step, self.blackout)

    @property
    def shared(self) -> tuple[tuple[int, int, bool], TimerState]:
        """Everything processes agree on: the view and the timer."""
        return (self.view, self.timer)

    def is_valid(self) -> bool:
        return (
            is_wire_int(self.slide, MAX_INDEX)
            and is_wire_int(self.step, MAX_INDEX)
            and type(self.blackout) is bool
            and isinstance(self.timer, TimerState)
            and self.timer.is_valid()
            and is_wire_int(self.clock, MAX_CLOCK)
            and is_origin(self.origin)
        )


class Register:
    """The shared state as this process holds it: a last-writer-wins register.

    `publish` makes a local change, with a clock newer than any seen; `merge` adopts a state
    from another process if it is more recent than ours. No I/O and no callbacks: the link
    sends what `publish` returns and tells the app what `merge` adopted.
    """

    def __init__(
        self, origin: str, initial: tuple[int, int, bool] = (0, 0, False), timer: TimerState = TimerState()
    ) -> None:
        """Raises ValueError for a bad origin or initial state. The initial state has clock 0:
        it is older than anything an established process shows."""
        if not is_origin(origin):
            raise ValueError(f"bad origin {origin!r}")
        self.origin = origin
        self.state = State(*initial, clock=0, origin=origin, timer=timer)
        if not self.state.is_valid():
            raise ValueError(f"bad initial state {initial!r}, {timer!r}")

    def publish(self, slide: int, step: int, blackout: bool, timer: TimerState | None = None) -> State | None:
        """Show this, as the newest state: the state to send, or None if nothing changed.
        Without `timer`, the timer stays as it is. Raises ValueError for an invalid state."""
        timer = self.state.timer if timer is None else timer
        if ((slide, step, blackout), timer) == self.state.shared:
            return None
        clock = min(self.state.clock + 1, MAX_CLOCK - 1)
        state = State(slide, step, blackout, clock, self.origin, timer)
        if not state.is_valid():
            raise ValueError(f"invalid state {(slide, step, blackout, timer)!r}")
        self.state = state
        return state

    def merge(self, state: State) -> bool:
        """Adopt `state` if it is newer than ours. True if adopted."""
        if state.key <= self.state.key:
            return False
        self.state = state
        return True


@dataclass(frozen=True, slots=True)
class Hello:
    """The first message each side sends on a new connection: who it is and what it shows."""

    role: str
    state: State


@dataclass(frozen=True, slots=True)
class Group:
    """Who is linked, counting the hub itself: sent by the hub when it changes."""

    consoles: int
    audiences: int

    def is_valid(self) -> bool:
        return is_wire_int(self.consoles, MAX_GROUP) and is_wire_int(self.audiences, MAX_GROUP)


@dataclass(frozen=True, slots=True)
class Notice:
    """A problem an audience view does not show the room; the console shows it instead.
    One line of plain text (never markup), bounded in length."""

    severity: str
    title: str
    text: str

    @classmethod
    def make(cls, severity: str, title: str, text: str) -> Notice:
        """A valid notice from any text: made showable, cut to length."""
        return cls(
            severity if severity in SEVERITIES else "warning",
            _showable(title, MAX_TITLE),
            _showable(text, MAX_TEXT) or "(no message)",
        )

    def is_valid(self) -> bool:
        return (
            type(self.severity) is str
            and self.severity in SEVERITIES
            and _is_text(self.title, MAX_TITLE, empty=True)
            and _is_text(self.text, MAX_TEXT, empty=False)
        )


@dataclass(frozen=True, slots=True)
class RunStarted:
    """A code block started running in the sender: `run` names this run (the sender's origin
    and a count), `slide` (0-based) and `line` (its fence's first line) name the block."""

    run: str
    slide: int
    line: int

    def is_valid(self) -> bool:
        return is_origin(self.run) and is_wire_int(self.slide, MAX_INDEX) and is_wire_int(self.line, MAX_INDEX)


@dataclass(frozen=True, slots=True)
class RunOutput:
    """More of a run's output, already clean. With `cut`, the output a view holds so far is
    followed by `skipped` more lines it never gets (a flood the link does not carry whole),
    and `text` starts after them: the view drops what it holds into its count of lines not
    shown (see `briefing.sync.run_stream`)."""

    run: str
    text: str
    cut: bool = False
    skipped: int = 0

    def is_valid(self) -> bool:
        return (
            is_origin(self.run)
            and type(self.text) is str
            and len(self.text) <= MAX_RUN_TEXT
            and is_clean(self.text)
            and _SURROGATE.search(self.text) is None
            and type(self.cut) is bool
            and is_wire_int(self.skipped, MAX_LINES)
            and (self.cut or self.skipped == 0)
        )


@dataclass(frozen=True, slots=True)
class RunEnded:
    """How a run ended (`exit status 0`, `stopped`, ...): one line of plain text."""

    run: str
    status: str
    failed: bool

    @classmethod
    def make(cls, run: str, status: str, failed: bool) -> RunEnded:
        """A valid ending from any status text: made showable, cut to length."""
        return cls(run, _showable(status, MAX_TEXT) or "ended", failed)

    def is_valid(self) -> bool:
        return is_origin(self.run) and _is_text(self.status, MAX_TEXT, empty=False) and type(self.failed) is bool


@dataclass(frozen=True, slots=True)
class RunStop:
    """Esc or Ctrl+C in a view that shows run `run`: its runner stops it."""

    run: str

    def is_valid(self) -> bool:
        return is_origin(self.run)


RunMessage = RunStarted | RunOutput | RunEnded | RunStop
Message = State | Hello | Group | Notice | RunStarted | RunOutput | RunEnded | RunStop


def is_origin(value: object) -> bool:
    return isinstance(value, str) and _ORIGIN.fullmatch(value) is not None


def encode(message: Message) -> bytes:
    """One line of JSON, newline included."""
    match message:
        case Group():
            return _line({"type": "group", "consoles": message.consoles, "audiences": message.audiences})
        case Notice():
            fields = {"type": "notice", "severity": message.severity, "title": message.title, "text": message.text}
            return _line(fields, ascii_only=False)  # UTF-8: 4 bytes a character at most
        case Hello():
            return _line({"type": "hello", "role": message.role, **_state_fields(message.state)})
        case State():
            return _line({"type": "state", **_state_fields(message)})
        case RunStarted():
            return _line({"type": "run-started", "run": message.run, "slide": message.slide, "line": message.line})
        case RunOutput():
            output = {"run": message.run, "text": message.text, "cut": message.cut, "skipped": message.skipped}
            return _line({"type": "run-output", **output}, ascii_only=False)
        case RunEnded():
            ending = {"run": message.run, "status": message.status, "failed": message.failed}
            return _line({"type": "run-ended", **ending}, ascii_only=False)
        case RunStop():
            return _line({"type": "run-stop", "run": message.run})
        case _:
            assert_never(message)


def _state_fields(state: State) -> dict[str, object]:
    return {
        "slide": state.slide,
        "step": state.step,
        "blackout": state.blackout,
        "timer": state.timer.mode,
        "elapsed_ms": state.timer.elapsed_ms,
        "since_ms": state.timer.since_ms,
        "clock": state.clock,
        "origin": state.origin,
    }


def _line(fields: Mapping[str, object], *, ascii_only: bool = True) -> bytes:
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=ascii_only).encode("utf-8") + b"\n"


def decode(line: bytes) -> Message | None:
    """The message on one line, or None if it is not exactly a valid message."""
    if len(line) > MAX_LINE:
        return None
    try:
        fields = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):  # bad UTF-8 and bad JSON are both ValueErrors
        return None
    if not isinstance(fields, dict):
        return None
    kind = fields.pop("type", None)
    if kind == "state":
        return _state(fields)
    if kind == "hello":
        role = fields.pop("role", None)
        state = _state(fields)
        if role not in ROLES or state is None:
            return None
        return Hello(role, state)
    if kind == "group" and fields.keys() == {"consoles", "audiences"}:
        group = Group(fields["consoles"], fields["audiences"])  # of any type: is_valid checks
        return group if group.is_valid() else None
    if kind == "notice" and fields.keys() == {"severity", "title", "text"}:
        notice = Notice(fields["severity"], fields["title"], fields["text"])
        return notice if notice.is_valid() else None
    run = _run_message(kind, fields)
    return run if run is not None and run.is_valid() else None


_RUN_MESSAGES: dict[object, type[RunMessage]] = {
    "run-started": RunStarted,
    "run-output": RunOutput,
    "run-ended": RunEnded,
    "run-stop": RunStop,
}


def _run_message(kind: object, fields: Mapping[str, Any]) -> RunMessage | None:
    """A run message of any field types (`is_valid` checks them), or None for another shape."""
    if not isinstance(kind, str) or (message_type := _RUN_MESSAGES.get(kind)) is None:
        return None
    if fields.keys() != {field.name for field in dataclasses.fields(message_type)}:
        return None  # unknown or missing type, or missing or extra keys
    return message_type(**fields)


def _state(fields: Mapping[str, Any]) -> State | None:
    """A state from decoded JSON fields of any type: `is_valid` checks each."""
    if fields.keys() != _STATE_KEYS:
        return None
    state = State(
        slide=fields["slide"],
        step=fields["step"],
        blackout=fields["blackout"],
        clock=fields["clock"],
        origin=fields["origin"],
        timer=TimerState(
            mode=fields["timer"],
            elapsed_ms=fields["elapsed_ms"],
            since_ms=fields["since_ms"],
        ),
    )
    return state if state.is_valid() else None


def _is_text(value: object, limit: int, *, empty: bool) -> bool:
    return (
        type(value) is str
        and (empty or bool(value.strip()))
        and len(value) <= limit
        and _UNSHOWABLE.search(value) is None
    )


def _showable(text: str, limit: int) -> str:
    """`text` on one line, without control characters, at most `limit` characters."""
    line = " ".join(_UNSHOWABLE.sub(" ", text).split())
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"


class LineSplitter:
    """Cuts the bytes a connection receives into lines (newline included) of at most `limit`
    bytes, however the bytes arrive.

    A longer line is dropped whole, so that its tail is never mistaken for a message, and
    counted in `dropped`; an unfinished last line is never returned. It holds at most `limit`
    bytes, whatever a peer sends.
    """

    def __init__(self, limit: int = MAX_LINE) -> None:
        self.limit = limit
        self.dropped = 0
        self._pending = bytearray()  # the start of the line under way
        self._skipping = False  # inside a line already found too long

    @property
    def buffered(self) -> int:
        """Bytes held for the line under way (less than `limit`)."""
        return len(self._pending)

    def feed(self, data: bytes) -> list[bytes]:
        """The lines `data` completes, in order."""
        lines: list[bytes] = []
        start = 0
        while (end := data.find(b"\n", start)) >= 0:
            if self._skipping:
                self._skipping = False  # the long line ends here; what follows is new
            elif len(self._pending) + end + 1 - start > self.limit:
                self.dropped += 1
            else:
                lines.append(bytes(self._pending) + data[start : end + 1])
            self._pending.clear()
            start = end + 1
        if not self._skipping and start < len(data):
            if len(self._pending) + len(data) - start >= self.limit:  # no room left for "\n"
                self._pending.clear()
                self._skipping = True
                self.dropped += 1
            else:
                self._pending += data[start:]
        return lines
