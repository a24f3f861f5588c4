"""Which images a deck's slides name, and from which file: what `briefing serve` may hand out.

Read from each step's Markdown with the core's own parser; speaker notes are left out (their
images are not the audience's business). Pure: no file is looked at here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from markdown_it.token import Token

from briefing.core.markdown import parser
from briefing.core.model import Deck


def image_references(deck: Deck) -> list[tuple[str, Path]]:
    """Each image destination on the slides with the file that names it, in deck order, once."""
    seen: set[tuple[str, Path]] = set()
    found: list[tuple[str, Path]] = []
    for slide in deck.slides:
        for step in slide.steps:
            for source in _sources(parser(False).parse(step.markdown)):
                key = (source, step.span.path)
                if key not in seen:
                    seen.add(key)
                    found.append(key)
    return found


def _sources(tokens: list[Token]) -> Iterator[str]:
    for token in tokens:
        if token.type == "image":
            source = token.attrGet("src")
            if isinstance(source, str) and source:
                yield source
        if token.children:
            yield from _sources(token.children)
