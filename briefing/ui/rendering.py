"""Slide blocks → lines of terminal cells (Strips), cached, in the colours of the current theme.

Rendering a slide with Rich takes a few milliseconds; showing cached strips takes none. The
cache is keyed by what was drawn (slide, step, width) and emptied when the deck or the theme
changes, so the next slide is usually drawn before the presenter asks for it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType
from rich.style import Style
from textual.cache import LRUCache
from textual.color import Color
from textual.strip import Strip
from textual.theme import Theme

from briefing.core.blocks import Block, ImageBlock, walk
from briefing.render.picture import MIN_ROWS, ImageLookup
from briefing.render.rich import Palette, SlideRenderer, render_lines

if TYPE_CHECKING:
    from briefing.render.kitty import KittyPictures
    from briefing.render.run_output import ShownOutput
    from briefing.render.sixel import SixelPictures


def palette_for(theme: Theme, *, no_color: bool = False) -> Palette:
    """Slide styles drawn from a Textual theme's colours. Titles take the theme's colour for
    text in its primary colour, which Textual makes legible on the background; without colour
    (NO_COLOR) they are bold in the text's own colour, never a grey dimmer than the text."""
    variables = theme.to_color_system().generate()

    def colour(name: str, fallback: str) -> Style:
        try:
            return Style(color=Color.parse(variables.get(name) or fallback).rich_color)
        except Exception:  # a theme colour Textual cannot parse: keep the fallback
            return Style(color=Color.parse(fallback).rich_color)

    primary = colour("primary", "#0178D4")
    title = Style(bold=True) if no_color else colour("text-primary", "#57A5E2") + Style(bold=True)
    accent = colour("accent", "#ffa62b")
    secondary = colour("secondary", "#004578")
    return Palette(
        title=title,
        rule=Style() if no_color else primary + Style(dim=True),
        heading=Style(bold=True),
        subheading=Style(bold=True, italic=True),
        text=Style(),
        muted=Style(dim=True),
        code=accent,
        link=secondary + Style(underline=True),
        accent=accent,
        positive=colour("success", "#4EBF71"),
        negative=colour("error", "#ba3c5b"),
        code_theme="ansi_dark" if theme.dark else "ansi_light",
    )


class StripCache:
    """Rendered slides by key, least recently used dropped first."""

    def __init__(self, console: Console, palette: Palette, *, highlight: bool = True, size: int = 64) -> None:
        self.console = console
        self.renderer = SlideRenderer(palette, highlight=highlight)
        self._strips: LRUCache[Hashable, list[Strip]] = LRUCache(size)

    def set_palette(self, palette: Palette) -> None:
        self.renderer = SlideRenderer(palette, highlight=self.renderer.highlight)
        self.clear()

    def set_highlight(self, highlight: bool) -> None:
        self.renderer = SlideRenderer(self.renderer.palette, highlight=highlight)
        self.clear()

    def clear(self) -> None:
        self._strips.clear()

    def blocks(
        self,
        key: Hashable,
        blocks: Sequence[Block],
        width: int,
        *,
        wide: int | None = None,
        title_first: bool = True,
        height: int = 0,
        min_image_rows: int = MIN_ROWS,
        images: ImageLookup | None = None,
        graphics: KittyPictures | SixelPictures | None = None,
        centred: bool = False,
        outputs: Mapping[int, ShownOutput] | None = None,
    ) -> list[Strip]:
        """Strips for `blocks` at `width` cells (a table too wide for that may take `wide`),
        each block centred across if `centred`, with code blocks' `outputs` under them, from the
        cache when drawn before. Pictures share the `height` the rest leaves, but each keeps
        `min_image_rows` (the slide then scrolls)."""
        breakout = max(0, (wide or width) - width)
        # what is known of each picture is part of the key: one decoded since redraws the slide
        known = tuple(images(block) for block in walk(blocks) if isinstance(block, ImageBlock)) if images else ()
        pictures = len(known)
        shown = tuple(sorted(outputs.items())) if outputs else ()
        fitted = (height, min_image_rows, known) if pictures else None
        full_key = (key, width, breakout, title_first, centred, fitted, shown)
        strips = self._strips.get(full_key)
        if strips is None:
            renderer = self.renderer
            renderer.images = images
            renderer.graphics = graphics
            image_rows = MIN_ROWS
            if pictures and height:
                rest = renderer.render(
                    blocks, title_first=title_first, breakout=breakout, image_rows=0, centred=centred, outputs=outputs
                )
                image_rows = max(min_image_rows, (height - len(self.render(rest, width))) // pictures)
            renderable = renderer.render(
                blocks,
                title_first=title_first,
                breakout=breakout,
                image_rows=image_rows,
                centred=centred,
                outputs=outputs,
            )
            strips = self._strips[full_key] = self.render(renderable, width)
        return strips

    def render(self, renderable: RenderableType, width: int) -> list[Strip]:
        """Lines at `width` cells; code and tables that cannot fit come out wider, whole."""
        options = self.console.options.update_width(max(1, width))
        return [Strip(line) for line in render_lines(self.console, renderable, options)]
