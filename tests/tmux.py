"""A private tmux server for tests and benchmarks: `tmux -L <unique name>`, started by the caller
and killed at the end, so nothing here ever touches the user's own tmux server or sessions."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

INSTALLED = shutil.which("tmux") is not None


# The server's sessions inherit its environment. COLUMNS and LINES in it would win over the
# session's real size (a 200x50 test would draw at 80x24), and they can be set in the C-level
# environment that `env=None` passes on even when `os.environ` does not show them.
def _environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}


def wait_until(condition: Callable[[], bool], timeout: float = 20.0, interval: float = 0.02) -> bool:
    """Poll `condition` until it holds (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)


class _ControlClient:
    """A tmux control-mode client (`tmux -C`) attached to a session of its own, through which
    the screens are read: polling every 20 ms with a `tmux capture-pane` process per poll cost
    about 2 ms of CPU a poll; a command sent to this client, a few hundredths of that. Its own
    session keeps it from changing the size of the sessions under test."""

    SESSION = "briefing-tests-control"

    def __init__(self, base: list[str]) -> None:
        subprocess.run(
            [*base, "new-session", "-d", "-s", self.SESSION, "exec sleep infinity"],
            capture_output=True,
            check=True,
            env=_environment(),
        )
        self.process = subprocess.Popen(
            [*base, "-C", "attach-session", "-t", self.SESSION],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_environment(),
        )
        self._reply()  # the attach's own (empty) reply

    def command(self, line: str) -> str | None:
        """What the command printed; None when it failed (as for a session that has gone)."""
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()
        return self._reply()

    def _reply(self) -> str | None:
        """The next reply block, `%begin TIME NUMBER FLAGS` ... `%end` (or `%error`) with the
        same three numbers; the notifications between blocks (%output, %sessions-changed...)
        are skipped."""
        assert self.process.stdout is not None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the tmux control client ended")
            if line.startswith(b"%begin "):
                break
        guard = line.split(b" ", 1)[1]
        lines: list[bytes] = []
        for line in iter(self.process.stdout.readline, b""):
            if line.startswith((b"%end ", b"%error ")) and line.split(b" ", 1)[1] == guard:
                output = b"".join(lines).decode("utf-8", "replace")
                return output if line.startswith(b"%end ") else None
            lines.append(line)
        raise EOFError("the tmux control client ended")

    def close(self) -> None:
        with contextlib.suppress(OSError):  # the client may have ended with the server
            if self.process.stdin is not None:
                self.process.stdin.close()
        self.process.kill()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


class Tmux:
    """One private tmux server. Sessions are made with `new_session`; `kill` ends the server and
    everything running in it (use it as a context manager to be sure it is called)."""

    def __init__(self, prefix: str = "briefing-test") -> None:
        self.socket = f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        # -f /dev/null: the user's ~/.tmux.conf must not change what the tests see;
        # exit-empty off: the server outlives a session that ends, until `kill`.
        started = self.run(
            "-f",
            "/dev/null",
            "start-server",
            ";",
            "set-option",
            "-g",
            "exit-empty",
            "off",
            ";",
            "display-message",
            "-p",
            "#{socket_path}",
            check=True,
        )
        self.socket_path = Path(started.stdout.strip())
        self._control: _ControlClient | None = None

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.kill()

    @property
    def base(self) -> list[str]:
        """The command line prefix that addresses this server."""
        return ["tmux", "-L", self.socket]

    def run(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.base, *args], capture_output=True, text=True, check=check, env=_environment())

    def new_session(
        self,
        name: str,
        command: str,
        *,
        size: tuple[int, int] = (80, 24),
        env: Mapping[str, str] | None = None,
        keep_open: bool = False,
    ) -> None:
        """Start `command` (a shell command line) in a detached session of `size` columns×rows.
        With `keep_open`, the pane stays as the command left it after it ends, to be read.
        (tmux's remain-on-exit would scroll it a line to say "Pane is dead".)"""
        if keep_open:
            command = f"{command}; exec sleep infinity"  # holds the pane until the server is killed
        width, height = size
        environment = [arg for key, value in (env or {}).items() for arg in ("-e", f"{key}={value}")]
        self.run(
            "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), *environment, command, check=True
        )

    def send_keys(self, session: str, *keys: str, literal: bool = False) -> None:
        """tmux key names (`Right`, `C-s`), or with `literal` the characters as typed. All the
        keys of one call reach the program in one write, as a fast typist's or a macro's would."""
        self.run("send-keys", "-t", session, *(["-l"] if literal else []), *keys, check=True)

    def screen(self, session: str) -> str:
        """The session's screen as text, a line each (read through the control client)."""
        try:
            if self._control is None:
                self._control = _ControlClient(self.base)
            return self._control.command(f"capture-pane -p -t {session}") or ""
        except (OSError, EOFError, subprocess.CalledProcessError):  # the server has gone (killed by the test)
            return self.run("capture-pane", "-p", "-t", session).stdout

    def wait_for(self, session: str, text: str, timeout: float = 20.0) -> bool:
        """Whether `text` appears on the session's screen within `timeout` seconds.

        Once it is there, the screen is read until two reads in a row agree (for at most half a
        second more: a screen that never stops changing is taken as it is), so that what the
        test reads next is a whole frame: a large one reaches the terminal in pieces, and the
        first of them may already hold `text` (seen in 1 read of 5 at 200x50)."""
        last: list[str] = []
        seen_at: list[float] = []

        def shown_and_settled() -> bool:
            screen = self.screen(session)
            settled = bool(last) and screen == last[0]
            last[:] = [screen]
            if text not in screen:
                seen_at.clear()
                return False
            if not seen_at:
                seen_at.append(time.monotonic())
            return settled or time.monotonic() - seen_at[0] > 0.5

        return wait_until(shown_and_settled, timeout)

    def wait_gone(self, session: str, text: str, timeout: float = 20.0) -> bool:
        """Whether `text` leaves the session's screen within `timeout` seconds."""
        return wait_until(lambda: text not in self.screen(session), timeout)

    def display(self, session: str, format_: str) -> str:
        """A tmux format's value for the session's pane, e.g. `#{alternate_on}`."""
        return self.run("display-message", "-p", "-t", session, format_).stdout.strip()

    def pane_pid(self, session: str) -> int:
        return int(self.display(session, "#{pane_pid}"))

    def child_pid(self, session: str) -> int:
        """The process the pane's shell started (the program under test)."""
        shell = self.pane_pid(session)
        found: list[str] = []

        def started() -> bool:
            found[:] = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True).stdout.split()
            return bool(found)

        if not wait_until(started, timeout=10):
            raise AssertionError(f"no process started in tmux session {session}")
        return int(found[0])

    def kill_session(self, session: str) -> None:
        self.run("kill-session", "-t", session)

    def kill(self) -> None:
        """End the server and every session on it (as closing a terminal window would)."""
        self.run("kill-server")
        if self._control is not None:
            self._control.close()
            self._control = None
        self.socket_path.unlink(missing_ok=True)  # tmux leaves the socket file behind
