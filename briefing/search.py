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
    step: int = 0  # the first reveal step (0-based) that shows the match; 0 for notes


class _Entry(NamedTuple):
    slide: int
    where: Literal["slide", "notes"]
    lines: list[tuple[int, str]]  # (step, line)


class SearchIndex:
    """Lines of plain text for every slide (by reveal step) and its notes, searched
    case-insensitively."""

    def __init__(self, deck: Deck) -> None:
        renderer = PlainText()
        self.entries: list[_Entry] = []
        for index, slide in enumerate(deck.slides):
            lines = [(0, slide.title)]
            for number, step in enumerate(slide.steps):
                lines += [(number, line) for line in renderer.blocks(step.blocks, _WIDE)]
            self.entries.append(_Entry(index, "slide", _stripped(lines)))
            if slide.notes:
                notes = [(0, line) for note in slide.notes for line in renderer.blocks(note.blocks, _WIDE)]
                self.entries.append(_Entry(index, "notes", _stripped(notes)))

    def find(self, query: str, limit: int = 200, *, notes: bool = True) -> list[Match]:
        """Every line containing all the query's words, first match per slide and place
        (notes only if `notes`)."""
        words = query.casefold().split()
        if not words:
            return []
        matches: list[Match] = []
        for entry in self.entries:
            if entry.where == "notes" and not notes:
                continue
            for step, line in entry.lines:
                folded = line.casefold()
                if all(word in folded for word in words):
                    snippet = _snippet(line, folded.find(words[0]))
                    matches.append(Match(entry.slide, entry.where, snippet, step))
                    break
            if len(matches) >= limit:
                break
        return matches


def _stripped(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [(step, line.strip()) for step, line in lines if line.strip()]


def _snippet(line: str, at: int, width: int = 70) -> str:
    """About `width` characters of `line` around position `at`."""
    if len(line) <= width:
        return line
    start = max(0, min(at - width // 3, len(line) - width))
    text = line[start : start + width]
    return ("\u2026" if start else "") + text + ("\u2026" if start + width < len(line) else "")
