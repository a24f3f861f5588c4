"""An image on a slide as Rich renderables: the picture in coloured half-blocks or in kitty's
placeholder cells (`--images graphics`), or a framed placeholder with its alt text.

No Textual here: the show, the editor's preview and `check`'s size rule draw through these. The
picture is fitted to the width it is given and to `max_rows`, aspect kept, and centred; it takes
the same cells whichever way it is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Union

from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

from briefing.core.blocks import ImageBlock, image_caption
from briefing.render.cells import cell_len, fit, wrap

if TYPE_CHECKING:  # Pillow is imported only for decks with images (it costs the first paint ~40 ms)
    from briefing.images import DecodedImage, ImageProblem
    from briefing.render.kitty import KittyPictures, PlacedRows
    from briefing.render.sixel import SixelPictures

ImageState = Union["DecodedImage", "ImageProblem", None]
"""What is known of an image: its pixels, why it cannot be shown, or nothing yet (not decoded
yet, or images are off): the last two are drawn as a placeholder."""

ImageLookup = Callable[[ImageBlock], ImageState]

MIN_ROWS = 3
"""An image gets at least this many rows, however full the slide (it then scrolls)."""


class PictureView:
    """An image drawn in half-blocks at most `max_rows` high, or its placeholder."""

    def __init__(
        self,
        block: ImageBlock,
        state: ImageState,
        max_rows: int,
        frame: Style,
        muted: Style,
        graphics: KittyPictures | SixelPictures | None = None,
    ) -> None:
        self.block = block
        self.state = state
        self.max_rows = max_rows
        self.frame = frame
        self.muted = muted
        self.graphics = graphics  # draw with kitty's protocol or sixels; None: in half-blocks

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(options.max_width, 5), options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        state = self.state
        reason = ""
        if state is not None:
            from briefing.images import DecodedImage

            if isinstance(state, DecodedImage):
                from briefing.image_cells import fit_cells

                columns, rows = fit_cells(state.info.width, state.info.height, width, self.max_rows)
                if columns and rows:
                    left = (width - columns) // 2
                    drawn = "blocks" if self.graphics is None else self.graphics.cells(state, columns, rows)
                    if drawn == "blocks":
                        yield from _picture(state, columns, rows, left)
                    elif drawn == "pending":  # the picture's cells, kept blank until it is sent
                        yield from _placed(((Segment(" " * columns),),) * rows, left)
                    else:
                        yield from _placed(drawn, left)
                    return
            else:
                reason = f"{state.reference}: {state.reason}"
        if self.max_rows <= 0:
            return  # measuring the rest of the slide (see SlideRenderer.render)
        yield from placeholder(image_caption(self.block), reason, width, self.frame, self.muted)


def _picture(image: DecodedImage, columns: int, rows: int, left: int) -> RenderResult:
    from briefing.image_cells import RGB, half_blocks

    styles: dict[tuple[RGB | None, RGB | None], Style] = {}
    margin = Segment(" " * left) if left else None
    new_line = Segment.line()
    for row in half_blocks(image, columns, rows):
        if margin is not None:
            yield margin
        for cell in row:
            key = (cell.foreground, cell.background)
            style = styles.get(key)
            if style is None:
                style = styles[key] = Style(
                    color=Color.from_rgb(*cell.foreground) if cell.foreground else None,
                    bgcolor=Color.from_rgb(*cell.background) if cell.background else None,
                )
            yield Segment(cell.char, style)
        yield new_line


def _placed(rows: PlacedRows, left: int) -> RenderResult:
    margin = Segment(" " * left) if left else None
    new_line = Segment.line()
    for row in rows:
        if margin is not None:
            yield margin
        yield from row
        yield new_line


def placeholder(caption: str, reason: str, width: int, frame: Style, muted: Style) -> RenderResult:
    """A centred frame holding the caption and, under it, why the picture is not shown."""
    inner_room = max(1, width - 4)
    lines = [(fit(line, inner_room), Style()) for line in wrap(caption, inner_room)]
    lines += [(fit(line, inner_room), muted) for line in wrap(reason, inner_room)] if reason else []
    inner = min(inner_room, max(cell_len(text) for text, _ in lines))
    left = Segment(" " * max(0, (width - inner - 4) // 2))
    new_line = Segment.line()
    yield left
    yield Segment("\u250c" + "\u2500" * (inner + 2) + "\u2510", frame)
    yield new_line
    for text, style in lines:
        yield left
        yield Segment("\u2502 ", frame)
        yield Segment(text, style)
        yield Segment(" " * max(0, inner - cell_len(text)) + " ")
        yield Segment("\u2502", frame)
        yield new_line
    yield left
    yield Segment("\u2514" + "\u2500" * (inner + 2) + "\u2518", frame)
    yield new_line
