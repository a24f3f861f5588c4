"""An image in terminal cells: how many to draw it at, and coloured half-blocks to draw it with.

A cell is about twice as high as it is wide. A half-block cell shows two pixels, one above the
other: `▀` in the top pixel's colour on the bottom pixel's colour. That works in any terminal
with colour (tmux, SSH, a plain console), and needs no Textual or Rich, so the show's fallback
and the SVG and HTML exports draw from the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from briefing.images import DecodedImage

RGB = tuple[int, int, int]

CELL_PIXELS = (10, 20)
"""Screen pixels in a typical terminal cell (width, height): an image's natural size in cells,
so an image is laid out the same whether a graphics protocol or half-blocks draw it."""

UPPER_HALF = "\u2580"  # ▀
LOWER_HALF = "\u2584"  # ▄
_OPAQUE = 128  # a pixel at least half opaque is drawn; a more transparent one shows the slide


@dataclass(frozen=True)
class HalfBlock:
    """One cell: a character and its colours; None is the terminal's (or slide's) own colour."""

    char: str
    foreground: RGB | None
    background: RGB | None


def fit_cells(
    width: int,
    height: int,
    max_columns: int,
    max_rows: int,
    *,
    cell_pixels: tuple[int, int] = CELL_PIXELS,
    upscale: bool = False,
) -> tuple[int, int]:
    """Columns and rows to draw a `width`×`height` pixel image at, within `max_columns` (the
    column's width) and `max_rows` (the height left on the slide), aspect kept. A small image
    keeps its natural size unless `upscale`; (0, 0) when there is no room at all."""
    if min(width, height, max_columns, max_rows) < 1:
        return (0, 0)
    natural_columns = width / cell_pixels[0]
    natural_rows = height / cell_pixels[1]
    scale = min(max_columns / natural_columns, max_rows / natural_rows)
    if not upscale:
        scale = min(scale, 1.0)
    columns = min(max_columns, max(1, _half_up(natural_columns * scale)))
    rows = min(max_rows, max(1, _half_up(natural_rows * scale)))
    return (columns, rows)


def _half_up(value: float) -> int:
    """Rounded half up (round() goes to even, so 22.5 and 23.5 would round apart)."""
    return int(value + 0.5)


def half_blocks(
    image: DecodedImage, columns: int, rows: int, *, background: RGB | None = None
) -> tuple[tuple[HalfBlock, ...], ...]:
    """The image resampled to `columns`×`rows` cells (2 pixels a cell, top and bottom), as rows
    of cells. With a `background`, translucent pixels are blended onto it; without, a mostly
    transparent pixel is left to the terminal's own background."""
    if columns < 1 or rows < 1:
        return ()
    pixels = image.pil().resize((columns, rows * 2), Image.Resampling.LANCZOS, reducing_gap=3.0)
    if background is not None:
        pixels = Image.alpha_composite(Image.new("RGBA", pixels.size, (*background, 255)), pixels)
    data = pixels.tobytes()
    stride = columns * 4
    return tuple(
        tuple(
            _cell(_colour(data, 2 * row * stride + 4 * x), _colour(data, (2 * row + 1) * stride + 4 * x))
            for x in range(columns)
        )
        for row in range(rows)
    )


def _colour(data: bytes, offset: int) -> RGB | None:
    if data[offset + 3] < _OPAQUE:
        return None
    return (data[offset], data[offset + 1], data[offset + 2])


def _cell(top: RGB | None, bottom: RGB | None) -> HalfBlock:
    if top is None and bottom is None:
        return HalfBlock(" ", None, None)
    if top is None:
        return HalfBlock(LOWER_HALF, bottom, None)
    return HalfBlock(UPPER_HALF, top, bottom)
