"""SIGTERM and SIGHUP end the show as `q` does: the app is told (`Terminated`) and leaves in
order, with the terminal restored; a watchdog ends the process if leaving in order blocks."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

EXIT_GRACE = 1.0
"""Seconds an orderly exit may take before the process just ends. When the terminal itself is
gone (its window closed: SIGHUP), restoring it can block forever on output nobody reads."""

BACKSTOP = 10.0
"""Seconds after a signal by which the process ends even if the app never got to the message."""


@dataclass
class Terminated(Message):
    """A signal asked the process to end."""

    signum: int

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


def end_on_signals(app: App[Any]) -> None:
    """From now on, SIGTERM and SIGHUP post `Terminated` to `app`. Call on the app's loop."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        # not possible off the main thread (tests) or on platforms without these signals
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, _signalled, app, signum)


def _signalled(app: App[Any], signum: int) -> None:
    told = app.post_message(Terminated(signum))
    # an app that is closing already takes no messages: it only has to finish
    leave_within(BACKSTOP if told else EXIT_GRACE, 128 + signum)


def leave_within(seconds: float, status: int) -> None:
    """End the process with `status` in `seconds` unless it has ended by then. Everything worth
    keeping is written atomically, so nothing is left half-written."""
    watchdog = threading.Timer(seconds, os._exit, [status])
    watchdog.daemon = True
    watchdog.start()
