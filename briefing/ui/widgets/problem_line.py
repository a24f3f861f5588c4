"""A line under the slide that says what is wrong, for a clean audience view with no console
to tell: it takes a row of its own rather than covering the slide, and goes when the problem
does."""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget


class ProblemLine(Widget):
    """One row, shown only while there is a problem; plain text, never markup."""

    DEFAULT_CSS = """
    ProblemLine { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.message = ""
        self.severity = "warning"
        self._expiry: Timer | None = None

    @property
    def showing(self) -> bool:
        return bool(self.message)

    def show(self, message: str, severity: str, timeout: float | None) -> None:
        """Say `message` until `clear`, or for `timeout` seconds."""
        self.message, self.severity = message, severity
        if self._expiry is not None:
            self._expiry.stop()
            self._expiry = None
        if timeout is not None:
            self._expiry = self.set_timer(timeout, self.clear)
        self.set_class(True, "-showing")
        self.refresh()

    def clear(self) -> None:
        if self._expiry is not None:
            self._expiry.stop()
            self._expiry = None
        self.message = ""
        self.set_class(False, "-showing")
        self.refresh()

    def render(self) -> Text:
        theme = self.app.current_theme
        colour = (theme.error if self.severity == "error" else theme.warning) or ""
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append(" \u26a0 ", style=f"bold {colour}")
        line.append(self.message)
        line.truncate(self.size.width, overflow="ellipsis")
        return line
