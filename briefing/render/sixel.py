"""Images drawn as sixel bitmaps (`--images graphics` in foot, WezTerm, mlterm, iTerm2 3.5+).

A sixel picture is pixels drawn from the cursor, not cells: the slide keeps the picture's cells
blank, and the stage writes the picture over them after each frame that repainted them (writing
text over a sixel erases it). The encoding is textual-image's (`image_to_sixels`), done off the
UI thread once per image and size and kept; each write is the same string, placed with the
cursor saved, moved and restored so that Textual's own output is not disturbed.

The picture is scaled to the terminal's cell size in pixels, as the kernel reports it for the
terminal (TIOCGWINSZ), never by asking the terminal: where that is unknown (0, as over some SSH
set-ups), the picture could overflow its cells, so it is drawn in half-blocks instead.
"""

from __future__ import annotations

import itertools
import re
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style

if TYPE_CHECKING:
    from briefing.images import DecodedImage
    from briefing.render.kitty import Drawn

MARK = "briefing-sixel"
"""The style meta key that marks a sixel picture's top-left cell; its value names the picture."""

# DCS, parameters, 'q', then sixel data (printable ASCII only), then ST: nothing else may reach the terminal
_FRAME = re.compile(r"\x1bP[0-9;]*q[\x20-\x7e\r\n]*\x1b\\")

CellPixels = tuple[int, int]


class CannotEncode(Exception):
    """The picture cannot be drawn as sixels here."""


def cell_pixels(fd: int) -> CellPixels | None:
    """The size of a character cell in pixels of the terminal on `fd`, from the kernel; None
    where it is not known."""
    import fcntl
    import struct
    import termios

    try:
        packed = fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8)
    except OSError:
        return None
    rows, columns, width, height = struct.unpack("HHHH", packed)
    if not (rows and columns and width and height):
        return None
    return width // columns or None, height // rows or None  # type: ignore[return-value]


def encode(image: DecodedImage, columns: int, rows: int, cell: CellPixels) -> str:
    """`image` as one sixel frame exactly `columns`×`rows` cells of `cell` pixels big (it takes
    milliseconds: call it off the UI thread)."""
    from PIL import Image as PILImage
    from textual_image._sixel import image_to_sixels  # the encoder alone: no terminal queries

    size = (columns * cell[0], rows * cell[1])
    pixels = image.pil().convert("RGBA").resize(size, PILImage.Resampling.LANCZOS)
    frame = image_to_sixels(pixels)
    if not _FRAME.fullmatch(frame):
        raise CannotEncode("unexpected output from textual-image")
    return frame


def placed(frame: str, x: int, y: int) -> str:
    """`frame` drawn with its top-left at screen cell (`x`, `y`), 0-based, the cursor (and its
    attributes) restored afterwards."""
    return f"\x1b7\x1b[{y + 1};{x + 1}H{frame}\x1b8"


_Key = tuple["DecodedImage", int, int]


class SixelPictures:
    """The pictures encoded as sixels, by image and size, and the ones being encoded.

    Used on the UI thread only, as `KittyPictures` is: `cells` gives the cells a picture takes
    (blank; the first marked with `MARK`), asking `want(image, columns, rows)` once for a
    picture not encoded yet; the caller encodes it off the UI thread and calls `sent` or
    `failed`. `picture(name)` is the encoded picture a marked cell names. The last `kept` are kept.
    """

    def __init__(
        self, want: Callable[[DecodedImage, int, int], None], cell: CellPixels | None, *, kept: int = 24
    ) -> None:
        self.want = want
        self.cell = cell
        self.kept = kept
        self._encoded: OrderedDict[_Key, str] = OrderedDict()
        self._names: dict[_Key, int] = {}
        self._numbers = itertools.count(1)
        self._pending: set[_Key] = set()
        self._unsendable: set[_Key] = set()

    def cells(self, image: DecodedImage, columns: int, rows: int) -> Drawn:
        key = (image, columns, rows)
        if self.cell is None or key in self._unsendable:
            return "blocks"
        if key in self._encoded:
            self._encoded.move_to_end(key)
            mark = Style(meta={MARK: self._names[key]})
            first = (Segment(" ", mark), Segment(" " * (columns - 1))) if columns > 1 else (Segment(" ", mark),)
            return (first, *(((Segment(" " * columns),),) * (rows - 1)))
        if key not in self._pending:
            self._pending.add(key)
            self.want(image, columns, rows)
        return "pending"

    def sent(self, image: DecodedImage, columns: int, rows: int, frame: str) -> None:
        """`frame` is the picture encoded: its cells are marked on the slide from now on."""
        key = (image, columns, rows)
        self._pending.discard(key)
        self._names.setdefault(key, next(self._numbers))
        self._encoded[key] = frame
        while len(self._encoded) > self.kept:
            old, _ = self._encoded.popitem(last=False)
            del self._names[old]

    def failed(self, image: DecodedImage, columns: int, rows: int) -> None:
        key = (image, columns, rows)
        self._pending.discard(key)
        self._unsendable.add(key)

    def picture(self, name: object) -> tuple[str, int, int] | None:
        """The frame of the picture a marked cell names, and its size in cells."""
        for key, number in self._names.items():
            if number == name and key in self._encoded:
                return self._encoded[key], key[1], key[2]
        return None

    def forget(self, *, free: bool = True) -> None:
        """Nothing is kept in the terminal: each frame that repaints a picture draws it again."""
