"""A thin line under the slide for the room: how far the talk has come, nothing else."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class ProgressLine(Widget):
    """One row: a rule, its first part drawn in the theme's colour up to the current slide."""

    DEFAULT_CSS = """
    ProgressLine { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.slide = 0  # 1-based
        self.slides = 0

    def set_progress(self, slide: int, slides: int) -> None:
        if (slide, slides) != (self.slide, self.slides):
            self.slide, self.slides = slide, slides
            self.refresh()

    def render(self) -> Text:
        width = self.size.width
        done = round(width * self.slide / self.slides) if self.slides else 0
        line = Text(no_wrap=True, end="")
        line.append("\u2501" * done, style=self.app.current_theme.primary or "")
        line.append("\u2500" * (width - done), style="dim")
        return line
