"""Theme colours as Rich styles."""

from __future__ import annotations

from rich.style import Style
from textual.color import Color


def theme_colour(value: str | None) -> Style:
    """A theme colour for Rich, which does not read Textual's ANSI names (`ansi_blue`)."""
    return Style(color=Color.parse(value).rich_color) if value else Style()
