"""Slide blocks → lines of terminal cells (Strips), cached, in the colours of the current theme.

Rendering a slide with Rich takes a few milliseconds; showing cached strips takes none. The
cache is keyed by what was drawn (slide, step, width) and emptied when the deck or the theme
changes, so the next slide is usually drawn before the presenter asks for it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence

from rich.console import Console, RenderableType
from rich.style import Style
from textual.color import Color
from textual.strip import Strip
from textual.theme import Theme

from briefing.core.blocks import Block
from briefing.render.rich import Palette, SlideRenderer


def palette_for(theme: Theme) -> Palette:
    """Slide styles drawn from a Textual theme's colours."""

    def colour(value: str | None, fallback: str) -> Style:
        try:
            return Style(color=Color.parse(value or fallback).rich_color)
        except Exception:  # a theme colour Textual cannot parse: keep the fallback
            return Style(color=Color.parse(fallback).rich_color)

    primary = colour(theme.primary, "#0178D4")
    accent = colour(theme.accent or theme.secondary, "#ffa62b")
    secondary = colour(theme.secondary or theme.primary, "#004578")
    return Palette(
        title=primary + Style(bold=True),
        rule=primary + Style(dim=True),
        heading=Style(bold=True),
        subheading=Style(bold=True, italic=True),
        text=Style(),
        muted=Style(dim=True),
        code=accent,
        link=secondary + Style(underline=True),
        accent=accent,
        positive=colour(theme.success, "#4EBF71"),
        negative=colour(theme.error, "#ba3c5b"),
        code_theme="ansi_dark" if theme.dark else "ansi_light",
    )


class StripCache:
    """Rendered slides by key, least recently used dropped first."""

    def __init__(
        self, console: Console, palette: Palette, *, highlight: bool = True, size: int = 64
    ) -> None:
        self.console = console
        self.renderer = SlideRenderer(palette, highlight=highlight)
        self.size = size
        self._strips: OrderedDict[Hashable, list[Strip]] = OrderedDict()

    def set_palette(self, palette: Palette) -> None:
        self.renderer = SlideRenderer(palette, highlight=self.renderer.highlight)
        self.clear()

    def set_highlight(self, highlight: bool) -> None:
        self.renderer = SlideRenderer(self.renderer.palette, highlight=highlight)
        self.clear()

    def clear(self) -> None:
        self._strips.clear()

    def blocks(
        self, key: Hashable, blocks: Sequence[Block], width: int, *, title_first: bool = True
    ) -> list[Strip]:
        """Strips for `blocks` at `width` cells, from the cache when drawn before."""
        full_key = (key, width, title_first)
        strips = self._strips.get(full_key)
        if strips is None:
            renderable = self.renderer.render(blocks, title_first=title_first)
            strips = self.render(renderable, width)
            self._strips[full_key] = strips
            if len(self._strips) > self.size:
                self._strips.popitem(last=False)
        else:
            self._strips.move_to_end(full_key)
        return strips

    def render(self, renderable: RenderableType, width: int) -> list[Strip]:
        options = self.console.options.update_width(max(1, width))
        lines = self.console.render_lines(renderable, options, pad=False)
        return [Strip(line) for line in lines]
