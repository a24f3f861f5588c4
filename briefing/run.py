"""Run a slide's `+exec` code block: a subprocess with a time limit, an output limit and clean
output. No Textual, no Rich: the show, `briefing check --run-code` and the exporters all call
this, and each adds its own presentation.

Consent is the caller's job. Nothing here decides to run code: a snippet runs only when a
caller that has the presenter's consent (`--run-code`, or a confirmed prompt showing
`Invocation.command_line`) calls `Execution.run` or `run_blocking`.

The snippet runs in the deck's directory, in a session of its own (so it has no controlling
terminal to write to, and a timeout or a stop kills its whole process group, background jobs
included), with stdin closed and stdout and stderr merged into one pipe, in the order the
program wrote them. When the program exits, anything it left running in its group is killed
too: a block leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.core.runnable import DEFAULT_OUTPUT_LIMIT as DEFAULT_OUTPUT_LIMIT
from briefing.core.runnable import DEFAULT_TIME_LIMIT as DEFAULT_TIME_LIMIT
from briefing.core.runnable import Limits as Limits
from briefing.program_output import OutputCleaner
from briefing.runners import Command, language_key, snippet_suffix

# How long output may still arrive once the process is gone (or killed). Only a process that
# left the group (setsid) can keep the pipe open this long; it is not waited for beyond this.
_DRAIN_GRACE = 1.0

OutputHandler = Callable[[str], object]
"""Called on the event loop with each piece of clean output as it arrives."""


class CannotRun(Exception):
    """The snippet cannot run: no runner for its language, or the runner is not installed.

    The message is a sentence for the presenter or for a `briefing check` finding.
    """


@dataclass(frozen=True)
class Invocation:
    """A snippet ready to run: what a consent prompt shows, and what `Execution` runs."""

    language: str
    code: str
    directory: Path
    command: Command
    """The runner as the deck (or the defaults) name it; the snippet's path is appended."""
    program: str
    """`command[0]` found on PATH (or in the deck's directory), when it was prepared."""

    @property
    def command_line(self) -> str:
        """The command as a shell would read it, for the consent prompt."""
        return shlex.join((*self.command, f"snippet{snippet_suffix(self.language)}"))


def prepare(language: str, code: str, directory: Path, runners: Mapping[str, Command]) -> Invocation:
    """Check that `code` in `language` can run in `directory` with `runners`
    (`briefing.runners.deck_runners`); raise CannotRun saying why not."""
    key = language_key(language)
    command = runners.get(key)
    if command is None:
        known = ", ".join(sorted(runners)) or "none"
        raise CannotRun(
            f"no runner for `{key[:32]}` code (runners: {known}); a deck adds one in its front"
            f" matter, like `exec: {{{key[:32]}: [program, arguments]}}`"
        )
    directory = Path(directory)
    if not directory.is_dir():
        raise CannotRun(f"cannot run in {directory}: it is not a directory")
    program = _find_program(command[0], directory)
    if program is None:
        where = "an executable file in the deck's directory" if os.sep in command[0] else "installed (not on PATH)"
        raise CannotRun(f"`{command[0]}`, the runner for `{key}` code, is not {where}")
    return Invocation(key, code, directory, command, program)


def _find_program(name: str, directory: Path) -> str | None:
    """Where `name` is: a path with a slash is taken relative to the deck's directory (where
    the snippet runs), a bare name is looked up on PATH."""
    if os.sep not in name:
        return shutil.which(name)
    path = directory / name
    return str(path) if path.is_file() and os.access(path, os.X_OK) else None


@dataclass(frozen=True)
class RunResult:
    """How a run ended, and its clean output (at most `limits.output_bytes` of it)."""

    output: str
    exit_status: int | None
    """The status the program exited with, or None if a signal ended it (or it never started)."""
    signal: int | None
    """The signal that ended the program (SIGKILL after a timeout or a stop), if one did."""
    timed_out: bool
    truncated: bool
    cancelled: bool
    duration: float
    """Seconds from the start until the program and its output had ended."""
    limits: Limits
    error: str | None = None
    """Why the program could not be started at all, if it could not."""

    @property
    def succeeded(self) -> bool:
        """It ran to the end on its own and exited with status 0 (its output may be cut)."""
        return self.exit_status == 0 and not (self.timed_out or self.cancelled or self.error)

    def summary(self) -> str:
        """One line for under the output: how it ended, and whether output was cut."""
        if self.error is not None:
            return f"could not start: {self.error}"
        if self.cancelled:
            ending = "stopped"
        elif self.timed_out:
            ending = f"stopped at the time limit ({self.limits.seconds:g} s)"
        elif self.signal is not None:
            ending = f"killed by {_signal_name(self.signal)}"
        elif self.exit_status is not None:
            ending = f"exit status {self.exit_status}"
        else:
            ending = "ended"  # it had not been reaped when the result was taken
        if self.truncated:
            ending += f"; output cut after {_byte_count(self.limits.output_bytes)}"
        return ending


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _byte_count(size: int) -> str:
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


class _Collector:
    """Output kept up to the limit and passed on as it comes; the rest is read and dropped, so
    the program never blocks on a full pipe and memory stays bounded."""

    def __init__(self, limit: int, on_output: OutputHandler | None) -> None:
        self._room = limit
        self._on_output = on_output
        self._cleaner = OutputCleaner()
        self._parts: list[str] = []
        self.truncated = False

    def feed(self, data: bytes) -> None:
        if self.truncated:
            return
        if len(data) > self._room:
            data, self.truncated = data[: self._room], True
        self._room -= len(data)
        self._emit(self._cleaner.feed(data))
        if self.truncated:
            self._cleaner.cut()

    def finish(self) -> str:
        if not self.truncated:
            self._emit(self._cleaner.finish())
        return "".join(self._parts)

    def _emit(self, text: str) -> None:
        if text:
            self._parts.append(text)
            if self._on_output is not None:
                self._on_output(text)


class Execution:
    """One run of one snippet, which can be stopped from any thread.

    `await run()` in an event loop (the show: output streams to `on_output`), or
    `run_blocking()` in a thread without one (check, exports). Each Execution runs once.
    """

    def __init__(self, invocation: Invocation, limits: Limits = Limits()) -> None:
        self.invocation = invocation
        self.limits = limits
        self._lock = threading.Lock()
        self._started = False
        self._stop_requested = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None

    def stop(self) -> None:
        """Kill the snippet's process group now (Esc, Ctrl+C). Safe before, during and after
        the run, and from any thread; the run then returns with `cancelled` set."""
        with self._lock:
            self._stop_requested = True
            loop, event = self._loop, self._stop_event
        if loop is not None and event is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: the run is over
                loop.call_soon_threadsafe(event.set)

    def run_blocking(self) -> RunResult:
        """Run in a private event loop; for callers with no loop running in their thread."""
        return asyncio.run(self.run())

    async def run(self, on_output: OutputHandler | None = None) -> RunResult:
        """Run the snippet to its end, its limit or a stop. If the task running this is
        cancelled instead, or `on_output` raises, the process group is killed before the
        exception goes on."""
        loop = asyncio.get_running_loop()
        stop_event = asyncio.Event()
        with self._lock:
            if self._started:
                raise RuntimeError("an Execution runs only once")
            self._started = True
            self._loop, self._stop_event = loop, stop_event
            if self._stop_requested:
                stop_event.set()
        if stop_event.is_set():
            return self._result("", None, 0.0, cancelled=True)
        with tempfile.TemporaryDirectory(prefix="briefing-run-") as scratch:
            return await self._run_in(Path(scratch), stop_event, on_output)

    async def _run_in(self, scratch: Path, stop_event: asyncio.Event, on_output: OutputHandler | None) -> RunResult:
        invocation = self.invocation
        snippet = scratch / f"snippet{snippet_suffix(invocation.language)}"
        snippet.write_text(invocation.code, encoding="utf-8")
        loop = asyncio.get_running_loop()
        collector = _Collector(self.limits.output_bytes, on_output)
        started = loop.time()
        spawn = asyncio.ensure_future(
            loop.subprocess_exec(
                lambda: _Process(loop, collector),
                invocation.program,
                *invocation.command[1:],
                str(snippet),
                cwd=invocation.directory,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=_environment(),
            )
        )
        try:
            transport, process = await asyncio.shield(spawn)
        except asyncio.CancelledError:
            # Cancelled (Ctrl+C) while asyncio still connects the pipes: the program may run
            # already, and a background job of it holds the pipe, which asyncio's own clean-up
            # would wait for. Let the start finish, then take the whole group down.
            with contextlib.suppress(Exception):
                started_transport, started_process = await spawn
                await _end_group(started_transport.get_pid(), started_process)
                started_transport.close()
            raise
        except OSError as error:
            reason = f"{invocation.command[0]}: {error.strerror or error}"
            return self._result("", None, loop.time() - started, error=reason)
        pid = transport.get_pid()
        try:
            ending = await _supervise(process, stop_event, started + self.limits.seconds)
        finally:
            # Also when the task running this is cancelled: nothing is left running.
            await _end_group(pid, process)
            transport.close()
        if process.handler_failed.done():
            raise process.handler_failed.result()
        return self._result(
            collector.finish(),
            transport.get_returncode(),
            loop.time() - started,
            timed_out=ending == "timed out",
            cancelled=ending == "stopped",
            truncated=collector.truncated,
        )

    def _result(
        self,
        output: str,
        returncode: int | None,
        duration: float,
        *,
        timed_out: bool = False,
        cancelled: bool = False,
        truncated: bool = False,
        error: str | None = None,
    ) -> RunResult:
        return RunResult(
            output=output,
            exit_status=returncode if returncode is not None and returncode >= 0 else None,
            signal=-returncode if returncode is not None and returncode < 0 else None,
            timed_out=timed_out,
            truncated=truncated,
            cancelled=cancelled,
            duration=duration,
            limits=self.limits,
            error=error,
        )


def run_blocking(invocation: Invocation, limits: Limits = Limits()) -> RunResult:
    """Run a snippet and wait for it (check, exports); see `Execution`."""
    return Execution(invocation, limits).run_blocking()


class _Process(asyncio.SubprocessProtocol):
    """Hands output to the collector as it is read, and marks the program's exit and the end
    of its output separately: asyncio's `Process.wait()` waits for both, so a background job
    holding the pipe open would hide that the program itself has exited."""

    def __init__(self, loop: asyncio.AbstractEventLoop, collector: _Collector) -> None:
        self.exited: asyncio.Future[Any] = loop.create_future()
        self.output_closed: asyncio.Future[Any] = loop.create_future()
        self.handler_failed: asyncio.Future[Exception] = loop.create_future()
        """Set to what `on_output` raised (a widget gone, say): the run ends and raises it."""
        self._collector = collector

    def pipe_data_received(self, fd: int, data: bytes | str) -> None:
        if self.handler_failed.done():
            return
        try:
            self._collector.feed(data if isinstance(data, bytes) else data.encode())
        except Exception as error:  # raised again by the run, once the group is killed
            self.handler_failed.set_result(error)

    def pipe_connection_lost(self, fd: int, exc: Exception | None) -> None:
        if not self.output_closed.done():
            self.output_closed.set_result(None)

    def process_exited(self) -> None:
        if not self.exited.done():
            self.exited.set_result(None)


async def _supervise(process: _Process, stop_event: asyncio.Event, deadline: float) -> str:
    """Wait for the first of: the program's exit, the deadline, a stop, a failure of the
    output handler; say which it was."""
    loop = asyncio.get_running_loop()
    stopped: asyncio.Future[Any] = asyncio.ensure_future(stop_event.wait())
    try:
        await asyncio.wait(
            {process.exited, stopped, process.handler_failed},
            timeout=max(0.0, deadline - loop.time()),
            return_when=asyncio.FIRST_COMPLETED,
        )
        if process.handler_failed.done():
            return "failed"
        if process.exited.done():
            return "exited"
        return "stopped" if stopped.done() else "timed out"
    finally:
        stopped.cancel()


async def _end_group(pid: int, process: _Process) -> None:
    """Kill what is left of the snippet's group, then wait for the program's exit and the end
    of its output. The pipe closes once every process holding it has exited, so this is also
    the barrier after which nothing of the snippet runs; only a process that left the group
    (setsid) can hold it open, and it is not waited for beyond the grace."""
    _kill_group(pid)
    ends = asyncio.gather(process.exited, process.output_closed)
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(asyncio.shield(ends), _DRAIN_GRACE)


def _kill_group(pid: int) -> None:
    """SIGKILL the snippet's process group, whose id is the program's pid. Once every member
    has exited there is nothing to kill (ProcessLookupError)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _environment() -> dict[str, str]:
    """Briefing's environment, with Python's output unbuffered so a Python snippet's output
    streams as it is printed instead of arriving all at once at the end."""
    return {**os.environ, "PYTHONUNBUFFERED": "1"}
