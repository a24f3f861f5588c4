"""The wire format: one JSON object per line, small and strictly validated.

    {"type": "state", "slide": 3, "step": 0, "blackout": false, "clock": 12, "origin": "ab12"}
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

MAX_LINE = 4096
"""Longest accepted message in bytes, newline included. Real messages are under 200."""

MAX_INDEX = 1_000_000
"""Slide and step indexes are below this: no deck is that long, so anything larger is junk."""

MAX_CLOCK = 2**53
"""Clocks are below this (exact in any JSON reader); one increment per key press never gets
there."""

ROLES = ("console", "audience")

_ORIGIN = re.compile(r"[0-9A-Za-z_-]{1,64}", re.ASCII)
_STATE_KEYS = frozenset({"slide", "step", "blackout", "clock", "origin"})


@dataclass(frozen=True, slots=True)
class State:
    """What every process shows, as a last-writer-wins register.

    `clock` is a Lamport counter: a local change takes the largest clock seen plus one, so the
    most recent change has the largest clock. `origin` (a random per-process id) only breaks
    ties between changes made at the same clock, so that every process picks the same winner.
    """

    slide: int
    step: int
    blackout: bool
    clock: int
    origin: str

    @property
    def key(self) -> tuple[int, str]:
        """Order of recency: the larger key wins."""
        return (self.clock, self.origin)

    @property
    def view(self) -> tuple[int, int, bool]:
        """What is on screen, without the bookkeeping."""
        return (self.slide, self.step, self.blackout)

    def is_valid(self) -> bool:
        return (
            _is_int(self.slide, MAX_INDEX)
            and _is_int(self.step, MAX_INDEX)
            and type(self.blackout) is bool
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
    )
    return state if state.is_valid() else None


def _is_int(value: object, bound: int) -> bool:
    # `type is int`, not isinstance: True is an int to Python but not a number on the wire.
    return type(value) is int and 0 <= value < bound
