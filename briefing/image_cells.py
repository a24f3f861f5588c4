"""An image in terminal cells: how many to draw it at, and coloured half-blocks to draw it with.

A cell is about twice as high as it is wide. A half-block cell shows two pixels, one above the
other: `▀` in the top pixel's colour on the bottom pixel's colour. That works in any terminal
with colour (tmux, SSH, a plain console), and needs no Textual or Rich, so the show's fallback
and the SVG and HTML exports draw from the same data.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import NamedTuple
from weakref import WeakKeyDictionary

from PIL import Image

from briefing.images import DecodedImage

RGB = tuple[int, int, int]

CELL_PIXELS = (10, 20)
"""Screen pixels in a typical terminal cell (width, height): an image's natural size in cells,
so an image is laid out the same whether a graphics protocol or half-blocks draw it."""

UPPER_HALF = "\u2580"  # ▀
LOWER_HALF = "\u2584"  # ▄
_OPAQUE = 128  # a pixel at least half opaque is drawn; a more transparent one shows the slide


class HalfBlock(NamedTuple):
    """One cell: a character and its colours; None is the terminal's (or slide's) own colour."""

    char: str
    foreground: RGB | None
    background: RGB | None


Cells = tuple[tuple[HalfBlock, ...], ...]
"""Rows of cells, top to bottom."""


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


def half_blocks(image: DecodedImage, columns: int, rows: int, *, background: RGB | None = None) -> Cells:
    """The image resampled to `columns`×`rows` cells (2 pixels a cell, top and bottom), as rows
    of cells. With a `background`, translucent pixels are blended onto it; without, a mostly
    transparent pixel is left to the terminal's own background.

    Resampling a large image takes milliseconds, so the cells for the last few sizes of each
    image are kept while the image is: drawing a slide again costs a lookup.
    """
    if columns < 1 or rows < 1:
        return ()
    key = (columns, rows, background)
    with _DRAWN_LOCK:
        drawn = _DRAWN.setdefault(image, OrderedDict())
        cells = drawn.get(key)
        if cells is not None:
            drawn.move_to_end(key)
            return cells
    cells = _resampled_cells(image, columns, rows, background)
    with _DRAWN_LOCK:
        drawn[key] = cells
        while len(drawn) > _SIZES_KEPT:
            drawn.popitem(last=False)
    return cells


_SIZES_KEPT = 4
_DRAWN: WeakKeyDictionary[DecodedImage, OrderedDict[tuple[int, int, RGB | None], Cells]] = WeakKeyDictionary()
_DRAWN_LOCK = threading.Lock()


def _resampled_cells(image: DecodedImage, columns: int, rows: int, background: RGB | None) -> Cells:
    size = (columns, rows * 2)
    if image.opaque:  # the same bytes read as RGBX: no alpha to premultiply, 4x faster
        source = Image.frombuffer("RGBX", (image.width, image.height), image.rgba, "raw", "RGBX", 0, 1)
        pixels = source.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        colours = _colours(pixels.tobytes(), opaque=True)
    else:
        pixels = image.pil().resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        if background is not None:
            pixels = Image.alpha_composite(Image.new("RGBA", size, (*background, 255)), pixels)
        colours = _colours(pixels.tobytes(), opaque=False)
    return tuple(
        tuple(
            map(
                _cell,
                colours[2 * row * columns : (2 * row + 1) * columns],
                colours[(2 * row + 1) * columns : (2 * row + 2) * columns],
            )
        )
        for row in range(rows)
    )


def _colours(rgba: bytes, *, opaque: bool) -> list[RGB | None]:
    """Each pixel's colour, or None where it is mostly transparent."""
    red, green, blue, alpha = rgba[0::4], rgba[1::4], rgba[2::4], rgba[3::4]
    if opaque:
        return list(zip(red, green, blue, strict=True))
    return [(r, g, b) if a >= _OPAQUE else None for r, g, b, a in zip(red, green, blue, alpha, strict=True)]


def _cell(top: RGB | None, bottom: RGB | None) -> HalfBlock:
    if top is None:
        return HalfBlock(" " if bottom is None else LOWER_HALF, bottom, None)
    return HalfBlock(UPPER_HALF, top, bottom)
