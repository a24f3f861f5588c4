"""`briefing check`'s image rule: every image a slide shows can be shown."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefing.core.model import Deck, Finding

if TYPE_CHECKING:
    from briefing.check import CheckOptions


def images_shown(deck: Deck, options: CheckOptions) -> Iterator[Finding]:
    """A finding at its line for each image that would be a placeholder: missing, unreadable,
    outside the deck's directory, a URL, too large, not an image, corrupt or truncated. Each is
    decoded (once per file: the cache serves repeats), since only decoding finds a truncation."""
    from briefing.deck_images import deck_directory, image_line, load_slide_image, slide_images
    from briefing.images import ImageProblem

    directory = deck_directory(deck)
    for slide in deck.slides:
        for image in slide_images(slide):
            found = load_slide_image(image, slide, directory)
            if isinstance(found, ImageProblem):
                message = f"slide {slide.number}: {found}; the show draws a placeholder with its alt text"
                yield Finding(slide.span.path, image_line(image, slide), "error", message)
