"""The speaker's side of the split screen: notes, what comes next, and the time."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label

from briefing.ui.colours import theme_colour
from briefing.ui.timer import behind_pace, format_seconds
from briefing.ui.widgets.paged_view import PagedView


def fit_phrases(layouts: Sequence[Sequence[Sequence[Text]]], width: int) -> Text:
    """The first layout whose lines all fit `width` cells, as one Text of lines.

    A layout is a list of lines, a line a list of phrases ("Elapsed 4:05", "on pace"). Lines
    break only between phrases, never inside one; if no layout fits, the last one is used with
    each line cut short with an ellipsis.
    """
    gap = "  "

    def line_of(phrases: Sequence[Text]) -> Text:
        return Text(gap).join(phrases)

    chosen = layouts[-1]
    for layout in layouts:
        if all(line_of(line).cell_len <= width for line in layout):
            chosen = layout
            break
    lines = [line_of(line) for line in chosen]
    for line in lines:
        line.truncate(max(1, width), overflow="ellipsis")
    return Text("\n", no_wrap=True, overflow="ellipsis").join(lines)


class TimePanel(Widget):
    """Elapsed, remaining against the planned duration (warning colour when behind), clock.

    Laid out for its width: one line when there is room, else two or three, breaking only
    between phrases.
    """

    DEFAULT_CSS = """
    TimePanel { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.elapsed = 0.0
        self.timer = "running"  # or "paused", or "waiting" (for the first key)
        self.duration: float | None = None
        self.slide_index = 0
        self.slide_count = 0
        self.clock = ""

    def set_time(
        self,
        elapsed: float,
        timer: str,
        duration: float | None,
        slide_index: int,
        slide_count: int,
        clock: str,
    ) -> None:
        self.elapsed, self.timer, self.duration = elapsed, timer, duration
        self.slide_index, self.slide_count, self.clock = slide_index, slide_count, clock
        # A new layout only when the number of lines changes (a pause, a longer time).
        rows = len(self.render().split()) if self.size.width else self.size.height
        self.refresh(layout=rows != self.size.height)

    def render(self) -> Text:
        return fit_phrases(self.layouts(), self.size.width)

    def layouts(self) -> list[list[list[Text]]]:
        """The ways to lay the time out, widest first."""
        elapsed = Text.assemble(("Elapsed ", "dim"), (format_seconds(self.elapsed), "bold"))
        if self.timer != "running":
            elapsed.append(f" {self.timer}", style="italic")
        clock = Text.assemble(("Clock ", "dim"), (self.clock, "bold"))
        if not self.duration:
            return [[[elapsed, clock]], [[elapsed], [clock]]]
        theme = self.app.current_theme
        remaining = self.duration - self.elapsed
        late = behind_pace(self.elapsed, self.duration, self.slide_index, self.slide_count)
        colour = theme_colour((theme.error if remaining < 0 else theme.warning) if late else theme.success)
        left = Text.assemble(("Remaining ", "dim"), (format_seconds(remaining), Style(bold=True) + colour))
        pace = Text("behind pace" if late else "on pace", style=colour)
        return [
            [[elapsed, left, pace, clock]],
            [[elapsed, clock], [left, pace]],
            [[elapsed], [left, pace], [clock]],
            [[elapsed], [left], [pace]],
        ]


class SpeakerPanel(Vertical):
    """Notes (most of the room), the next slide's opening lines, and the timer."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notes_view = PagedView(id="notes-view", pad_columns=1, pad_rows=0, max_columns=200)
        self.next_view = PagedView(id="next-view", pad_columns=1, pad_rows=0, max_columns=200)
        self.time_panel = TimePanel(id="time-panel")

    def compose(self) -> ComposeResult:
        yield Label("Notes", classes="speaker-heading")
        yield self.notes_view
        yield Label("Next", classes="speaker-heading", id="next-heading")
        yield self.next_view
        yield self.time_panel
