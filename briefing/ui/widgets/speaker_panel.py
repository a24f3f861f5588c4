"""The speaker's side of the split screen: notes, what comes next, and the time."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label

from briefing.ui.timer import behind_pace, format_seconds
from briefing.ui.widgets.paged_view import PagedView


class TimePanel(Widget):
    """Elapsed, remaining against the planned duration (warning colour when behind), clock."""

    DEFAULT_CSS = """
    TimePanel { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.elapsed = 0.0
        self.running = True
        self.duration: float | None = None
        self.slide_index = 0
        self.slide_count = 0
        self.clock = ""

    def set_time(
        self,
        elapsed: float,
        running: bool,
        duration: float | None,
        slide_index: int,
        slide_count: int,
        clock: str,
    ) -> None:
        self.elapsed, self.running, self.duration = elapsed, running, duration
        self.slide_index, self.slide_count, self.clock = slide_index, slide_count, clock
        self.refresh()

    def render(self) -> Text:
        theme = self.app.current_theme
        text = Text()
        text.append("Elapsed ", style="dim")
        text.append(format_seconds(self.elapsed), style="bold")
        if not self.running:
            text.append(" (paused)", style="italic")
        if self.duration:
            remaining = self.duration - self.elapsed
            late = behind_pace(self.elapsed, self.duration, self.slide_index, self.slide_count)
            colour = (theme.error if remaining < 0 else theme.warning) if late else theme.success
            text.append("  Remaining ", style="dim")
            text.append(format_seconds(remaining), style=f"bold {colour or ''}")
            text.append(" behind pace" if late else " on pace", style=colour or "")
        text.append("  Clock ", style="dim")
        text.append(self.clock, style="bold")
        return text


class SpeakerPanel(Vertical):
    """Notes (most of the room), the next slide's opening lines, and the timer."""

    def compose(self) -> ComposeResult:
        yield Label("Notes", classes="speaker-heading")
        yield PagedView(id="notes-view", pad_columns=1, pad_rows=0, max_columns=200)
        yield Label("Next", classes="speaker-heading", id="next-heading")
        yield PagedView(id="next-view", pad_columns=1, pad_rows=0, max_columns=200)
        yield TimePanel(id="time-panel")
