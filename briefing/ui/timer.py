"""The talk timer: elapsed time that can pause, resume and reset; pace against a duration."""

from __future__ import annotations

import time
from collections.abc import Callable


class TalkTimer:
    """Elapsed seconds of the talk. `clock` is injectable so tests need not sleep."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._banked = 0.0
        self._started: float | None = clock()

    @property
    def running(self) -> bool:
        return self._started is not None

    @property
    def elapsed(self) -> float:
        live = self._clock() - self._started if self._started is not None else 0.0
        return self._banked + live

    def toggle(self) -> None:
        """Pause a running timer, resume a paused one."""
        if self._started is None:
            self._started = self._clock()
        else:
            self._banked += self._clock() - self._started
            self._started = None

    def reset(self) -> None:
        """Back to zero, keeping its running or paused state."""
        self._banked = 0.0
        if self._started is not None:
            self._started = self._clock()


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
