"""The wire format: one JSON object per line, small and strictly validated.

    {"type": "state", "slide": 3, "step": 0, "blackout": false,
     "timer": "running", "elapsed_ms": 0, "since_ms": 1764320000000,
     "clock": 12, "origin": "ab12"}
    {"type": "hello", "role": "console", "slide": 3, ...same fields as a state...}

Peers are processes of the same user, but a buggy or hostile one must not be able to crash or
confuse us, so `decode` accepts exactly these shapes (no missing or extra keys, ints that are
ints, bools that are bools, bounded values) and returns None for anything else; it never
raises.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import NamedTuple

MAX_LINE = 4096
"""Longest accepted message in bytes, newline included. Real messages are under 200."""

MAX_INDEX = 1_000_000
"""Slide and step indexes are below this: no deck is that long, so anything larger is junk."""

MAX_CLOCK = 2**53
"""Clocks are below this (exact in any JSON reader); one increment per key press never gets
there."""

ROLES = ("console", "audience")

TIMER_MODES = ("waiting", "running", "paused")
"""`waiting`: not started yet (it starts on the first key); `running`; `paused`."""

_ORIGIN = re.compile(r"[0-9A-Za-z_-]{1,64}", re.ASCII)
_STATE_KEYS = frozenset(
    {"slide", "step", "blackout", "timer", "elapsed_ms", "since_ms", "clock", "origin"}
)


class TimerState(NamedTuple):
    """The talk timer as every process shows it.

    Elapsed time is `elapsed_ms` plus, while running, the time since `since_ms`: the wall
    clock (milliseconds since the epoch, the one clock processes on a machine share) when it
    was last started, paused, resumed or reset. Anchored to a moment rather than carrying the
    elapsed time itself, the same state means the same time whenever it is received.
    """

    mode: str = "waiting"
    elapsed_ms: int = 0
    since_ms: int = 0

    def elapsed_at(self, now_ms: float) -> float:
        """Seconds on the timer at wall-clock time `now_ms`."""
        running = max(0.0, now_ms - self.since_ms) if self.mode == "running" else 0.0
        return (self.elapsed_ms + running) / 1000

    def is_valid(self) -> bool:
        return (
            type(self.mode) is str
            and self.mode in TIMER_MODES
            and _is_int(self.elapsed_ms, MAX_CLOCK)
            and _is_int(self.since_ms, MAX_CLOCK)
        )


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
            _is_int(self.slide, MAX_INDEX)
            and _is_int(self.step, MAX_INDEX)
            and type(self.blackout) is bool
            and isinstance(self.timer, TimerState)
            and self.timer.is_valid()
            and _is_int(self.clock, MAX_CLOCK)
            and is_origin(self.origin)
        )


@dataclass(frozen=True, slots=True)
class Hello:
    """The first message each side sends on a new connection: who it is and what it shows."""

    role: str
    state: State


Message = State | Hello


def is_origin(value: object) -> bool:
    return isinstance(value, str) and _ORIGIN.fullmatch(value) is not None


def encode(message: Message) -> bytes:
    """One line of JSON, newline included."""
    state = message.state if isinstance(message, Hello) else message
    fields: dict[str, object] = {"type": "state"}
    if isinstance(message, Hello):
        fields = {"type": "hello", "role": message.role}
    fields.update(
        slide=state.slide,
        step=state.step,
        blackout=state.blackout,
        timer=state.timer.mode,
        elapsed_ms=state.timer.elapsed_ms,
        since_ms=state.timer.since_ms,
        clock=state.clock,
        origin=state.origin,
    )
    return json.dumps(fields, separators=(",", ":")).encode("ascii") + b"\n"


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
    return None  # unknown or missing type


def _state(fields: dict[str, object]) -> State | None:
    if fields.keys() != _STATE_KEYS:
        return None
    state = State(
        slide=fields["slide"],  # type: ignore[arg-type]  # checked just below
        step=fields["step"],  # type: ignore[arg-type]
        blackout=fields["blackout"],  # type: ignore[arg-type]
        clock=fields["clock"],  # type: ignore[arg-type]
        origin=fields["origin"],  # type: ignore[arg-type]
        timer=TimerState(
            mode=fields["timer"],  # type: ignore[arg-type]
            elapsed_ms=fields["elapsed_ms"],  # type: ignore[arg-type]
            since_ms=fields["since_ms"],  # type: ignore[arg-type]
        ),
    )
    return state if state.is_valid() else None


def _is_int(value: object, bound: int) -> bool:
    # `type is int`, not isinstance: True is an int to Python but not a number on the wire.
    return type(value) is int and 0 <= value < bound
