"""The HTML export's pictures: each checked as the show checks it, then carried as a data URI."""

from __future__ import annotations

from pathlib import Path

from briefing.core.blocks import ImageBlock
from briefing.core.model import Slide
from briefing.deck_images import load_slide_image
from briefing.export.html_blocks import PictureSource
from briefing.export.image_data import ImageRefused, image_data_uri
from briefing.images import ImageProblem


def slide_pictures(slide: Slide, directory: Path) -> PictureSource:
    """What the page carries for each of `slide`'s images: the file as a data URI, when the
    show could draw it and it is within the page's size limit; else None and the reason."""
    carried: dict[ImageBlock, tuple[str | None, str]] = {}  # a slide's steps may show one image often

    def picture(image: ImageBlock) -> tuple[str | None, str]:
        if image not in carried:
            carried[image] = _carried(image, slide, directory)
        return carried[image]

    return picture


def _carried(image: ImageBlock, slide: Slide, directory: Path) -> tuple[str | None, str]:
    found = load_slide_image(image, slide, directory)
    if isinstance(found, ImageProblem):
        return None, f"{found.reference}: {found.reason}"
    path = found.info.file.path
    try:
        return image_data_uri(path), ""
    except ImageRefused as refused:
        reason = str(refused).removeprefix(f"{path}: ")
        return None, f"{image.src}: {reason}"
