"""The talk timer: elapsed time that can wait for the first key, pause, resume and reset; pace
against a duration."""

from __future__ import annotations

import time
from collections.abc import Callable

from briefing.core.timer_state import TimerState


class TalkTimer:
    """Elapsed seconds of the talk: waiting for the first key, running, or paused.

    Measured with `clock` (monotonic: the timer never jumps with the wall clock) and shared
    with other processes as a `TimerState` anchored to `epoch` (the wall clock, which they all
    read alike). Both clocks are injectable so tests need not sleep.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        epoch: Callable[[], float] = time.time,
        wait_for_key: bool = False,
    ) -> None:
        self._clock = clock
        self._epoch = epoch
        self._mode = "waiting" if wait_for_key else "running"
        self._banked = 0.0  # seconds counted before `_started`
        self._started = clock()
        self._state = TimerState()
        self._anchor()

    @property
    def running(self) -> bool:
        return self._mode == "running"

    @property
    def waiting(self) -> bool:
        """Not started yet: the first key press starts it."""
        return self._mode == "waiting"

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def elapsed(self) -> float:
        live = self._clock() - self._started if self.running else 0.0
        return self._banked + live

    @property
    def state(self) -> TimerState:
        """What other processes are told: the same value until the timer is changed."""
        return self._state

    def start(self) -> None:
        """Start a waiting timer from zero; a started one goes on as it is."""
        if self.waiting:
            self._set("running", 0.0)

    def toggle(self) -> None:
        """Pause a running timer, resume a paused one, start a waiting one."""
        if self.running:
            self._set("paused", self.elapsed)
        else:
            self._set("running", self._banked)

    def reset(self) -> None:
        """Back to zero, keeping its running or paused state; a waiting timer starts."""
        self._set("paused" if self._mode == "paused" else "running", 0.0)

    def adopt(self, state: TimerState) -> None:
        """Show the timer another process changed."""
        if state == self._state:
            return
        self._mode = state.mode
        self._banked = state.elapsed_ms / 1000
        since = max(0.0, self._epoch() - state.since_ms / 1000) if self.running else 0.0
        self._started = self._clock() - since
        self._state = state

    def _set(self, mode: str, banked: float) -> None:
        self._mode, self._banked, self._started = mode, banked, self._clock()
        self._anchor()

    def _anchor(self) -> None:
        since = 0 if self.waiting else round(self._epoch() * 1000)
        self._state = TimerState(self._mode, round(self._banked * 1000), since)


def format_seconds(seconds: float) -> str:
    """`4:05`, `1:02:03`, or `-0:30` when over time."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def behind_pace(elapsed: float, duration: float, slide_index: int, slide_count: int) -> bool:
    """True when the time allotted up to the end of the current slide has run out, slides
    sharing the duration equally (0-based `slide_index`)."""
    if duration <= 0 or slide_count <= 0:
        return False
    return elapsed > duration * (slide_index + 1) / slide_count
