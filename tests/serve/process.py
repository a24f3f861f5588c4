"""`briefing serve` as a separate process, as a user starts it: its URLs read from what it prints."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from tests.processes import kill_session
from tests.tmux import wait_until

_CONTROL = re.compile(r"^Control:\s+(http://\S+)/control#(\S+)$")


class ServeProcess:
    """`briefing serve DECK --port 0` started in a session of its own; `stop` sends a signal
    and waits, and anything left at the end is killed."""

    def __init__(self, deck: Path, *extra: str, env: dict[str, str] | None = None, port: int = 0) -> None:
        self.args: Sequence[str] = [
            sys.executable,
            "-m",
            "briefing",
            "serve",
            str(deck),
            "--port",
            str(port),
            "--no-qr",
            *extra,
        ]
        self.process = subprocess.Popen(
            self.args,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
        self.lines: list[str] = []
        self.errors: list[str] = []
        threading.Thread(target=self._read, args=(self.process.stdout, self.lines), daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, self.errors), daemon=True).start()
        if not wait_until(lambda: self.control is not None or self.process.poll() is not None, timeout=30):
            self.kill()
            raise AssertionError(f"serve did not start: {self.lines} {self.errors}")
        if self.control is None:
            self.process.wait(timeout=10)
            raise AssertionError(f"serve ended at start ({self.process.returncode}): {self.lines} {self.errors}")

    @staticmethod
    def _read(stream, into: list[str]) -> None:
        for line in iter(stream.readline, b""):
            into.append(line.decode("utf-8", "replace").rstrip("\n"))

    @property
    def control(self) -> tuple[str, str] | None:
        for line in list(self.lines):
            if match := _CONTROL.match(line):
                return match.group(1), match.group(2)
        return None

    @property
    def url(self) -> str:
        assert self.control is not None
        return self.control[0]

    @property
    def token(self) -> str:
        assert self.control is not None
        return self.control[1]

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def stop(self, signal_number: int = signal.SIGTERM, timeout: float = 20) -> int:
        self.process.send_signal(signal_number)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.kill()

    def kill(self) -> None:
        kill_session(self.process.pid)
        self.process.wait(timeout=10)

    def __enter__(self) -> ServeProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.kill()
