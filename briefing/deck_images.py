"""A deck's images: where they are looked for, and each one's picture or problem.

The glue between the deck model (ImageBlock, which knows only what the slide says) and
`briefing.images` (which resolves, checks and decodes files). Shared by `check`, the exports
and the show; no Textual or Rich here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefing.core.blocks import ImageBlock, walk
from briefing.core.model import Deck, Slide
from briefing.images import DecodedImage, ImageInfo, ImageProblem, inspect_image, load_image


def deck_directory(deck: Deck) -> Path:
    """The directory images must be in: the deck's, or the one holding a one-file deck."""
    return deck.root if deck.root.is_dir() else deck.root.parent


def slide_images(slide: Slide) -> Iterator[ImageBlock]:
    """Every image the slide shows (by its last step), in order."""
    for block in walk(slide.blocks):
        if isinstance(block, ImageBlock):
            yield block


def image_line(image: ImageBlock, slide: Slide) -> int:
    """The line the image is written on, else the slide's first."""
    return image.line or slide.span.start


def load_slide_image(image: ImageBlock, slide: Slide, directory: Path) -> DecodedImage | ImageProblem:
    """The image decoded (slow the first time: call it off the UI thread), or why it cannot be.
    A relative path is relative to the slide's file."""
    return load_image_beside(image, slide.span.path, directory)


def load_image_beside(image: ImageBlock, path: Path, directory: Path) -> DecodedImage | ImageProblem:
    """The image as written in file `path` (a slide's, or the editor's), decoded; see
    `load_slide_image`."""
    return load_image(image.src, path, directory)


def inspect_slide_image(image: ImageBlock, slide: Slide, directory: Path) -> ImageInfo | ImageProblem:
    """The image's header only (under a millisecond): its format and size, or why not."""
    return inspect_image(image.src, slide.span.path, directory)
