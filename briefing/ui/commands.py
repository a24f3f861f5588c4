"""Ctrl+P: Textual's command palette learns "go to slide" by title."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


class SlideCommands(Provider):
    """One command per slide, `Go to 4. What did it cost?`, matched fuzzily."""

    def _slides(self) -> list[tuple[int, str]]:
        deck = self.app.deck  # type: ignore[attr-defined]
        return [
            (index, f"Go to {slide.number}. {slide.title or '(untitled)'}")
            for index, slide in enumerate(deck.slides)
        ]

    def _command(self, index: int) -> None:
        self.app.go_to(index)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for index, label in self._slides():
            yield DiscoveryHit(Content(label), partial(self._command, index), text=label)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for index, label in self._slides():
            score = matcher.match(label)
            if score > 0:
                # Content(...) is plain text: a title is never parsed as markup here
                yield Hit(score, _highlight(label, query), partial(self._command, index), text=label)


def _highlight(label: str, query: str) -> Content:
    """The label with the query's letters in bold, found left to right as the fuzzy match does."""
    content = Content(label)
    position = 0
    folded = label.casefold()
    for char in query.casefold():
        if char.isspace():
            continue
        found = folded.find(char, position)
        if found < 0:
            break
        content = content.stylize("bold underline", found, found + 1)
        position = found + 1
    return content
