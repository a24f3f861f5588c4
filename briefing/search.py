"""Full-text search over a deck's slides and notes, as the reader sees them (no markup)."""

from __future__ import annotations

from typing import Literal, NamedTuple

from briefing.core.model import Deck
from briefing.render.text import PlainText

_WIDE = 10_000  # lay text out on long lines: search wants sentences, not wrapped fragments


class Match(NamedTuple):
    slide: int  # index
    where: Literal["slide", "notes"]
    snippet: str


class SearchIndex:
    """Lines of plain text for every slide and its notes, searched case-insensitively."""

    def __init__(self, deck: Deck) -> None:
        renderer = PlainText()
        self.entries: list[tuple[int, Literal["slide", "notes"], list[str]]] = []
        for index, slide in enumerate(deck.slides):
            lines = [slide.title, *renderer.blocks(slide.blocks, _WIDE)]
            self.entries.append((index, "slide", [line.strip() for line in lines if line.strip()]))
            if slide.notes:
                notes = [line for note in slide.notes for line in renderer.blocks(note.blocks, _WIDE)]
                self.entries.append((index, "notes", [line.strip() for line in notes if line.strip()]))

    def find(self, query: str, limit: int = 200) -> list[Match]:
        """Every line containing all the query's words, first match per slide and place."""
        words = query.casefold().split()
        if not words:
            return []
        matches: list[Match] = []
        for index, where, lines in self.entries:
            for line in lines:
                folded = line.casefold()
                if all(word in folded for word in words):
                    matches.append(Match(index, where, _snippet(line, folded.find(words[0]))))
                    break
            if len(matches) >= limit:
                break
        return matches


def _snippet(line: str, at: int, width: int = 70) -> str:
    """About `width` characters of `line` around position `at`."""
    if len(line) <= width:
        return line
    start = max(0, min(at - width // 3, len(line) - width))
    text = line[start : start + width]
    return ("\u2026" if start else "") + text + ("\u2026" if start + width < len(line) else "")
