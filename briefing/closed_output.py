"""Ending at once when whoever reads standard output goes away (`briefing export | head`).

Python ignores SIGPIPE, so a process hears that its reader is gone only when it next writes:
an export or a check still working on a large deck would work on for nobody. A thread waits
for the pipe's error state instead and ends the process the moment it comes.
"""

from __future__ import annotations

import contextlib
import os
import select
import stat
import sys
import threading
from collections.abc import Iterator

READER_GONE = 0
"""The exit status when the reader went away: not an error (as for BrokenPipeError in cli)."""


@contextlib.contextmanager
def ending_when_closed(fd: int | None = None) -> Iterator[None]:
    """While the block runs, end the process with READER_GONE as soon as the reader of `fd`
    (standard output by default) closes it. Only pipes and sockets have a reader to lose; for
    anything else, and once the block is over, nothing happens."""
    if fd is None:
        fd = _stdout_fd()
    if fd is None or not hasattr(select, "poll") or not _has_reader(fd):
        yield
        return
    poller = select.poll()
    poller.register(fd, 0)  # no events asked for: poll still says POLLERR and POLLHUP
    over = threading.Lock()  # held by whichever of the block's end and the exit comes first
    finished = False

    def watch() -> None:
        for _fd, events in poller.poll():  # blocks until the reader goes (or the process ends)
            if events & (select.POLLERR | select.POLLHUP):
                with over:
                    if not finished:
                        os._exit(READER_GONE)  # nothing is left to flush: nobody reads it

    threading.Thread(target=watch, name="briefing-closed-output", daemon=True).start()
    try:
        yield
    finally:
        with over:
            finished = True


def _stdout_fd() -> int | None:
    try:
        return sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # closed, or not a real file (tests)
        return None


def _has_reader(fd: int) -> bool:
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)
