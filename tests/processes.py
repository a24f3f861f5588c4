"""Processes with a hard timeout that leave nothing behind: each runs in a session of its own,
and if it has not ended in time, the whole session is killed before the test fails."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path


def run_to_the_end(args: Sequence[str], timeout: float, **options) -> subprocess.CompletedProcess[bytes]:
    """subprocess.run with capture_output; on timeout, kill every process it started (a shell
    pipeline's too) and raise subprocess.TimeoutExpired."""
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **options
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_session(process.pid)
            process.communicate()
            raise
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def kill_session(leader: int) -> None:
    """SIGKILL for every process in the session (process group) that `leader` leads."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(leader, signal.SIGKILL)


def has_ended(pid: int) -> bool:
    """Whether process `pid` has exited: gone, or a zombie that its parent has yet to reap
    (after its terminal goes, its parent is init, which reaps when it gets round to it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return True
    return stat.rpartition(")")[2].split()[0] == "Z"  # the state follows "(command name)"
