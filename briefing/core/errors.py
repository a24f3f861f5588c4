"""The one error a deck can raise: where it went wrong and why."""

from __future__ import annotations

from pathlib import Path


class DeckError(Exception):
    """A deck that cannot be loaded, located as `file:line: message`."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = Path(path)
        self.line = max(1, line)
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"
