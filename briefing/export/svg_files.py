"""Which SVG files `briefing export --format svg` writes, and their names: `01-title.svg`, …

One file per slide, showing it whole; with `steps`, one per reveal step of a slide that has
several (`02-reveal-step-1.svg`, …). Names come from slide titles, cut down to lower-case
ASCII letters, digits and hyphens, so that a hostile title cannot name a path, a hidden file
or anything a shell or a browser reads specially. The numbers are zero-padded: the files sort
in slide order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

from briefing.core.model import Deck

_NOT_NAME = re.compile(r"[^a-z0-9]+")
_SLUG_LIMIT = 40  # characters: enough to recognise a title, short enough for any file system


@dataclass(frozen=True)
class SlideFile:
    """One picture: the slide (0-based), the step shown (0-based), and the file's name."""

    slide: int
    step: int
    steps: int  # how many steps the slide has
    name: str
    title: str  # the slide's title, as the deck has it (for captions; never part of a path)
    stepwise: bool = False  # one of a slide's pictures, a step each

    @property
    def caption(self) -> str:
        """`4. What did it cost?`, with `(step 2 of 3)` for a picture of one step."""
        caption = f"{self.slide + 1}. {self.title}"
        return f"{caption} (step {self.step + 1} of {self.steps})" if self.stepwise else caption


def slug(title: str) -> str:
    """`What did it cost?` → `what-did-it-cost`; a title with nothing to spell → `slide`."""
    words = _NOT_NAME.sub("-", anyascii(title).lower()).strip("-")
    if len(words) > _SLUG_LIMIT:
        cut = words[:_SLUG_LIMIT]
        words = cut.rsplit("-", 1)[0] if "-" in cut else cut  # at a word's end where there is one
    return words.strip("-") or "slide"


def slide_files(deck: Deck, *, steps: bool = False) -> list[SlideFile]:
    """The pictures to draw, in order."""
    digits = max(2, len(str(len(deck.slides))))
    files: list[SlideFile] = []
    for index, slide in enumerate(deck.slides):
        count = max(1, len(slide.steps))
        stem = f"{index + 1:0{digits}d}-{slug(slide.title)}"
        if not steps or count == 1:
            files.append(SlideFile(index, count - 1, count, f"{stem}.svg", slide.title))
            continue
        step_digits = len(str(count))
        for step in range(count):
            name = f"{stem}-step-{step + 1:0{step_digits}d}.svg"
            files.append(SlideFile(index, step, count, name, slide.title, stepwise=True))
    return files
