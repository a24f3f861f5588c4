"""The line under the slide: deck title, progress, position, timer and clock."""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from briefing.render.cells import fit
from briefing.ui.colours import theme_colour
from briefing.ui.timer import format_seconds


class Status(NamedTuple):
    title: str = ""
    slide: int = 0  # 1-based
    slides: int = 0
    step: int = 0  # 1-based
    steps: int = 1
    elapsed: float = 0.0
    timer: str = "running"  # or "paused", or "waiting" (for the first key)
    typed: str = ""  # digits typed so far for "go to slide"
    more_below: bool = False
    clock: str = ""
    linked: bool = False  # another terminal (console or audience view) is following
    audience_views: int | None = None  # on a linked console: how many audience views follow
    blackout: bool = False  # the audience view is blanked (shown on the console)


class StatusBar(Widget):
    """One line: `Title   ━━━━──── 3/9 ·2/3   ↓ more  4:05  14:32`."""

    DEFAULT_CSS = """
    StatusBar { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status = Status()

    def update_status(self, status: Status) -> None:
        if status != self.status:
            self.status = status
            self.refresh()

    def render(self) -> Text:
        status = self.status
        width = self.size.width
        theme = self.app.current_theme
        right = Text(no_wrap=True, end="")
        if status.typed:
            right.append(
                f" go to {status.typed}\u2026 ", style=Style(bold=True, reverse=True) + theme_colour(theme.accent)
            )
            right.append("  ")
        if status.blackout:
            right.append(" BLACKOUT ", style=Style(bold=True, reverse=True) + theme_colour(theme.error))
            right.append("  ")
        if status.more_below:
            right.append("\u2193 more  ", style="bold")
        if status.audience_views is not None:
            count = status.audience_views
            if count:
                right.append(f"\u21c4 {count} audience view{'s' if count > 1 else ''}  ", style="dim")
            else:
                right.append("no audience view  ", style=f"bold {theme.warning or ''}")
        elif status.linked:
            right.append("\u21c4 linked  ", style="dim")
        running = status.timer == "running"
        right.append(format_seconds(status.elapsed), style="" if running else "dim")
        right.append("" if running else f" {status.timer}", style="italic dim")
        right.append("  " + status.clock + " ")
        middle = Text(no_wrap=True, end="")
        bar_width = max(0, min(20, width // 6))
        if bar_width and status.slides:
            done = round(bar_width * status.slide / status.slides)
            middle.append("\u2501" * done, style=theme_colour(theme.primary))
            middle.append("\u2500" * (bar_width - done), style="dim")
            middle.append(" ")
        middle.append(f"{status.slide}/{status.slides}", style="bold")
        if status.steps > 1:
            middle.append(f" \u00b7{status.step}/{status.steps}", style="dim")
        room = width - middle.cell_len - right.cell_len - 5
        line = Text(" " + (fit(status.title, room) if room >= 4 else ""), no_wrap=True, end="")
        # centre the position in the free space between title and clock
        free = width - line.cell_len - middle.cell_len - right.cell_len
        line.append(" " * max(1, free // 2))
        line.append_text(middle)
        line.append(" " * max(1, free - free // 2))
        line.append_text(right)
        line.truncate(width)
        return line
