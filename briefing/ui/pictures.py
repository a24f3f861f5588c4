"""The show's images: decoded in worker threads, kept per deck, drawn once they are ready.

A slide is drawn at once with a framed placeholder where a picture is not decoded yet; the
decoding runs off the UI thread (`asyncio.to_thread` inside a Textual worker), and when it is
done the slide is drawn again with the picture. Results are kept for the deck's life, so a
slide seen before (or drawn ahead, as the next slide is) shows its pictures at once; and
`briefing.images` keeps decoded files across reloads, so a reload only re-checks them.

The show's stage owns them; the speaker's "Next" pane and the editor's preview draw through the
same ones (in half-blocks), so a picture is decoded once whichever view asks first, and a
preview redrawn as you type finds it decoded already (`decoded` tells them when to draw again).

With `--images graphics` a decoded picture is also encoded for the terminal (kitty's protocol,
`briefing.render.kitty`) off the UI thread, once for each size it is drawn at, and written with
Textual's own output; until then its cells are blank. Drawing it again draws only text. In a
sixel terminal (`briefing.render.sixel`) the picture is encoded the same way, once per size,
and the stage writes it over its blank cells after each frame that repainted them.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.dom import DOMNode
from textual.signal import Signal
from textual.worker import Worker

from briefing.core.blocks import ImageBlock
from briefing.core.model import Deck, Slide
from briefing.render.picture import ImageLookup, ImageState

if TYPE_CHECKING:  # Pillow is imported by the first worker, not for the first paint
    from briefing.images import DecodedImage, ImageProblem
    from briefing.render.kitty import KittyPictures
    from briefing.render.sixel import SixelPictures
    from briefing.terminal_graphics import Protocol

ImagesMode = Literal["auto", "graphics", "blocks", "off"]
IMAGES_MODES: tuple[ImagesMode, ...] = ("auto", "graphics", "blocks", "off")

_Key = tuple[Path, str]  # the file the reference is in, the reference


class SlidePictures:
    """What is known of each image of the current deck, and the workers finding out the rest.

    `on_ready` is called (on the UI thread) each time an image has been decoded or refused, and
    `decoded` is published for the other views that draw pictures through these;
    `on_sent` each time a picture has been sent to the terminal (or could not be), which changes
    how slides already drawn would be drawn now. `mode` is decided before the show starts
    (`briefing.terminal_graphics`): "graphics" draws with kitty's protocol; "auto" and
    "blocks" draw half-blocks, so that an app started without that decision (a test, the SVG
    export) never writes terminal graphics.
    """

    def __init__(
        self,
        owner: DOMNode,
        on_ready: Callable[[], None],
        *,
        mode: ImagesMode = "auto",
        on_sent: Callable[[], None] | None = None,
    ) -> None:
        self.owner = owner
        self.on_ready = on_ready
        self.on_sent = on_sent or on_ready
        self.mode = mode
        self.protocol: Protocol = "kitty"  # which one "graphics" draws with
        self.cell_pixels: tuple[int, int] | None = None  # a cell's size, for sixels
        self._kitty: KittyPictures | None = None
        self._sixel: SixelPictures | None = None
        self.encoding: set[Worker[None]] = set()
        self.deck: Deck | None = None
        self.found: dict[_Key, DecodedImage | ImageProblem] = {}
        self.loading: dict[_Key, Worker[None]] = {}
        self.decoded: Signal[None] = Signal(owner, "pictures-decoded")

    def set_deck(self, deck: Deck) -> None:
        """Forget what was found for another deck (a reload may have changed any file)."""
        if deck is self.deck:
            return
        self.deck = deck
        self.found = {}
        for worker in self.loading.values():
            worker.cancel()
        self.loading = {}

    def lookup(self, slide: Slide) -> ImageLookup | None:
        """How `slide`'s images are drawn: None when images are off (every one a placeholder)."""
        return self.lookup_in(slide.span.path)

    def lookup_in(self, path: Path) -> ImageLookup | None:
        """How images written in file `path` are drawn (a relative one is found beside it)."""
        if self.mode == "off":
            return None

        def state(image: ImageBlock) -> ImageState:
            key = (path, image.src)
            known = self.found.get(key)
            if known is None and key not in self.loading:
                self.loading[key] = self.owner.run_worker(self._load(key, image), group="images", exit_on_error=False)
            return known

        return state

    @property
    def graphics(self) -> KittyPictures | SixelPictures | None:
        """The pictures sent to the terminal, in graphics mode; None: half-blocks."""
        if self.mode != "graphics":
            return None
        if self.protocol == "sixel":
            return self.sixel
        if self._kitty is None:
            from briefing.render.kitty import KittyPictures

            self._kitty = KittyPictures(self.write, self._want)
        return self._kitty

    @property
    def sixel(self) -> SixelPictures | None:
        """The pictures encoded as sixels, where the show draws with them."""
        if self.mode != "graphics" or self.protocol != "sixel":
            return None
        if self._sixel is None:
            from briefing.render.sixel import SixelPictures

            self._sixel = SixelPictures(self._want, self.cell_pixels)
        return self._sixel

    def write(self, frames: str) -> None:
        # through the driver, so that the frames go out between the show's own frames, in order
        driver = self.owner.app._driver
        if driver is not None:
            driver.write(frames)

    def _want(self, image: DecodedImage, columns: int, rows: int) -> None:
        worker = self.owner.run_worker(self._encode(image, columns, rows), group="graphics", exit_on_error=False)
        self.encoding.add(worker)

    async def _encode(self, image: DecodedImage, columns: int, rows: int) -> None:
        if self.protocol == "sixel":
            await self._encode_sixel(image, columns, rows)
            return
        from briefing.render.kitty import transmission

        kitty = self._kitty
        assert kitty is not None
        try:
            encoded = await asyncio.to_thread(transmission, image, columns, rows)
        except Exception:  # CannotSend, or anything the library raises: half-blocks instead
            kitty.failed(image, columns, rows)
        else:
            kitty.sent(image, columns, rows, encoded)
        self.on_sent()
        self.encoding = {worker for worker in self.encoding if not worker.is_finished}

    async def _encode_sixel(self, image: DecodedImage, columns: int, rows: int) -> None:
        from briefing.render.sixel import encode

        sixel, cell = self._sixel, self.cell_pixels
        assert sixel is not None and cell is not None
        try:
            frame = await asyncio.to_thread(encode, image, columns, rows, cell)
        except Exception:  # CannotEncode, or anything the library raises: half-blocks instead
            sixel.failed(image, columns, rows)
        else:
            sixel.sent(image, columns, rows, frame)
        self.on_sent()
        self.encoding = {worker for worker in self.encoding if not worker.is_finished}

    async def _load(self, key: _Key, image: ImageBlock) -> None:
        # Imported here, in the first worker, as it brings Pillow (~40 ms): never on the first paint
        from briefing import deck_images
        from briefing.images import ImageProblem

        deck = self.deck
        if deck is None:
            return
        found: DecodedImage | ImageProblem
        try:
            found = await asyncio.to_thread(
                deck_images.load_image_beside, image, key[0], deck_images.deck_directory(deck)
            )
        except Exception:  # load_image reports problems rather than raising; this is a last guard
            found = ImageProblem(image.src, "cannot be read")
        if deck is not self.deck:
            return  # the deck was replaced while this one decoded
        self.found[key] = found
        self.loading.pop(key, None)
        self.on_ready()
        self.decoded.publish(None)

    async def settled(self) -> None:
        """Wait until every image asked for so far is decoded or refused, and every picture
        asked for is sent to the terminal or refused (for tests)."""
        while self.loading:
            key, worker = next(iter(self.loading.items()))
            with contextlib.suppress(Exception):  # cancelled or failed: nothing more will come of it
                await worker.wait()
            if self.loading.get(key) is worker:
                del self.loading[key]
        while self.encoding:
            worker = self.encoding.pop()
            with contextlib.suppress(Exception):
                await worker.wait()
