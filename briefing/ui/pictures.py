"""The show's images: decoded in worker threads, kept per deck, drawn once they are ready.

A slide is drawn at once with a framed placeholder where a picture is not decoded yet; the
decoding runs off the UI thread (`asyncio.to_thread` inside a Textual worker), and when it is
done the slide is drawn again with the picture. Results are kept for the deck's life, so a
slide seen before (or drawn ahead, as the next slide is) shows its pictures at once; and
`briefing.images` keeps decoded files across reloads, so a reload only re-checks them.

The show's stage owns them; the speaker's "Next" pane and the editor's preview draw through the
same ones, so a picture is decoded once whichever view asks first, and a preview redrawn as
you type finds it decoded already (`decoded` tells them when to draw again).
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

ImagesMode = Literal["auto", "graphics", "blocks", "off"]
IMAGES_MODES: tuple[ImagesMode, ...] = ("auto", "graphics", "blocks", "off")

_Key = tuple[Path, str]  # the file the reference is in, the reference


class SlidePictures:
    """What is known of each image of the current deck, and the workers finding out the rest.

    `on_ready` is called (on the UI thread) each time an image has been decoded or refused,
    and `decoded` is published for the other views that draw pictures through these.
    """

    def __init__(self, owner: DOMNode, on_ready: Callable[[], None], *, mode: ImagesMode = "auto") -> None:
        self.owner = owner
        self.on_ready = on_ready
        self.mode = mode
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
        """Wait until every image asked for so far is decoded or refused (for tests)."""
        while self.loading:
            key, worker = next(iter(self.loading.items()))
            with contextlib.suppress(Exception):  # cancelled or failed: nothing more will come of it
                await worker.wait()
            if self.loading.get(key) is worker:
                del self.loading[key]
