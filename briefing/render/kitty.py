"""Images drawn with kitty's graphics protocol through Unicode placeholders (textual-image).

The picture is sent to the terminal once per image and size, as a PNG in the protocol's own
escape frames (`ESC _ G ... ESC \\`), with a virtual placement `columns`×`rows` cells big. The
slide then draws placeholder cells: an ordinary character with combining marks that give the
cell's row and column, in a colour that names the image. The terminal draws that part of the
picture there. Placeholder cells are text to Textual: they move, scroll and get covered like
any other, and drawing the slide again costs no more than drawing text.

textual-image 0.12 asks the terminal about sixel and kitty support when
`textual_image.renderable` is first imported, reading the answer from standard input for up to
0.1 s each. In a running show that read races Textual's key reader: it can eat a key, or leave
an answer to be read as keys. So the module is imported with standard output standing in as a
non-terminal, which skips those queries (and leaves textual-image's cell size at its default,
10×20 pixels, the size `image_cells.fit_cells` lays pictures out with). Its renderable writes
the frames to `sys.__stdout__`; they are captured here and handed to the caller, which writes
them in order with Textual's own output. Every frame asks the terminal not to answer (`q=2`).
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from rich.console import Console
from rich.segment import Segment

if TYPE_CHECKING:
    from briefing.images import DecodedImage

PlacedRows = tuple[tuple[Segment, ...], ...]
"""Placeholder cells, row by row."""

Drawn = PlacedRows | Literal["pending", "blocks"]
"""What `KittyPictures.cells` has for an image: its placeholder cells, nothing yet (the picture
is being encoded), or a reason to draw half-blocks instead (it cannot be sent)."""

# A frame as textual-image writes it: keys and numbers, then base64. Anything else is refused.
_FRAMES = re.compile(r"(?:\x1b_G[A-Za-z0-9=,]+(?:;[A-Za-z0-9+/=]*)?\x1b\\)+")
_LIBRARY_LOCK = threading.Lock()  # sys.__stdout__ is swapped while the library works
_library: ModuleType | None = None


class _NotATerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


@dataclass(frozen=True)
class Transmission:
    """An image encoded for the terminal: the frames that send and place it, and the cells
    that show it."""

    image_id: int
    frames: str
    rows: PlacedRows


class CannotSend(Exception):
    """textual-image cannot send this picture (too many cells for its placeholders, say)."""


def _tgp() -> ModuleType:
    """textual-image's kitty renderable, imported without querying the terminal (see above).
    Call with _LIBRARY_LOCK held."""
    global _library
    if _library is None:
        with _standing_in(_NotATerminal()):
            from textual_image._terminal import get_cell_size
            from textual_image.renderable import tgp

            get_cell_size()  # fills its cache now, from the stand-in: never a query later
        _library = tgp
    return _library


@contextlib.contextmanager
def _standing_in(stream: io.StringIO) -> Iterator[None]:
    """`stream` as sys.__stdout__, which textual-image writes to and asks isatty() of. Nothing
    else in the show uses it: Textual draws on standard error."""
    saved = sys.__stdout__
    setattr(sys, "__stdout__", stream)  # noqa: B010 (typed as the real stream's class)
    try:
        yield
    finally:
        setattr(sys, "__stdout__", saved)  # noqa: B010


def transmission(image: DecodedImage, columns: int, rows: int) -> Transmission:
    """Encode `image` to fill `columns`×`rows` cells (it takes milliseconds: call it off the
    UI thread). Raises CannotSend if the library cannot."""
    pixels = image.pil()
    console = Console(file=io.StringIO(), width=columns, height=rows, color_system="truecolor")
    captured = _NotATerminal()
    with _LIBRARY_LOCK:
        tgp = _tgp()
        with _standing_in(captured):
            try:
                picture = tgp.Image(pixels, width=columns, height=rows)
                segments = list(picture.__rich_console__(console, console.options))
            except ValueError as error:  # "Image to large to render": more cells than it can number
                raise CannotSend(str(error)) from None
    frames = captured.getvalue()
    image_id = picture.terminal_image_id
    if not isinstance(image_id, int) or not _FRAMES.fullmatch(frames):
        raise CannotSend("unexpected output from textual-image")
    lines = list(Segment.split_lines(segments))
    if len(lines) != rows or any(Segment.get_line_length(line) != columns for line in lines):
        raise CannotSend("placeholder cells of the wrong size")
    return Transmission(image_id, frames, tuple(tuple(line) for line in lines))


def deletion(image_id: int) -> str:
    """The frame that frees an image in the terminal. (textual-image's own cleanup() names the
    image by number, `I=`, and lets the terminal answer, which the show would read as keys.)"""
    return f"\x1b_Ga=d,d=I,i={image_id},q=2\x1b\\"


_Key = tuple["DecodedImage", int, int]


class KittyPictures:
    """The pictures sent to this terminal, by image and size, and the ones being encoded.

    Used on the UI thread only. `want(image, columns, rows)` is called once for a picture not
    sent yet (the caller encodes it off the UI thread and calls `sent` or `failed`); `write`
    puts frames on the terminal, in order with the show's own output. The last `kept` pictures
    stay in the terminal; older ones are freed.
    """

    def __init__(
        self,
        write: Callable[[str], None],
        want: Callable[[DecodedImage, int, int], None],
        *,
        kept: int = 24,
    ) -> None:
        self.write = write
        self.want = want
        self.kept = kept
        self._shown: OrderedDict[_Key, Transmission] = OrderedDict()
        self._pending: set[_Key] = set()
        self._unsendable: set[_Key] = set()

    def cells(self, image: DecodedImage, columns: int, rows: int) -> Drawn:
        key = (image, columns, rows)
        shown = self._shown.get(key)
        if shown is not None:
            self._shown.move_to_end(key)
            return shown.rows
        if key in self._unsendable:
            return "blocks"
        if key not in self._pending:
            self._pending.add(key)
            self.want(image, columns, rows)
        return "pending"

    def sent(self, image: DecodedImage, columns: int, rows: int, encoded: Transmission) -> None:
        """`encoded` is ready: put it on the terminal, and its cells on the slide from now on."""
        key = (image, columns, rows)
        self._pending.discard(key)
        self.write(encoded.frames)
        self._shown[key] = encoded
        while len(self._shown) > self.kept:
            _, old = self._shown.popitem(last=False)
            self.write(deletion(old.image_id))

    def failed(self, image: DecodedImage, columns: int, rows: int) -> None:
        key = (image, columns, rows)
        self._pending.discard(key)
        self._unsendable.add(key)

    def forget(self, *, free: bool = True) -> None:
        """Send everything again when next drawn: another deck, or a terminal that may have
        lost what it had (the show was suspended)."""
        if free:
            for encoded in self._shown.values():
                self.write(deletion(encoded.image_id))
        self._shown.clear()
        self._pending.clear()
        self._unsendable.clear()
