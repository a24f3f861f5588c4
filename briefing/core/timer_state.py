"""The talk timer's state, as every linked process shows it.

Pure, and apart from the wire format (`briefing.sync.protocol`, which carries it): the show
draws the timer in its first frame and must not load the link's code to do it.
"""

from __future__ import annotations

from typing import NamedTuple

MAX_CLOCK = 2**53
"""Clocks are below this (exact in any JSON reader); one increment per key press never gets
there."""

TIMER_MODES = ("waiting", "running", "paused")
"""`waiting`: not started yet (it starts on the first key); `running`; `paused`."""


def is_wire_int(value: object, bound: int) -> bool:
    """An int from 0 up to `bound` (excluded), as a message may carry it."""
    # `type is int`, not isinstance: True is an int to Python but not a number on the wire.
    return type(value) is int and 0 <= value < bound


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
            and is_wire_int(self.elapsed_ms, MAX_CLOCK)
            and is_wire_int(self.since_ms, MAX_CLOCK)
        )
