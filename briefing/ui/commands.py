"""Ctrl+P: Textual's command palette learns "go to slide" by title."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    from briefing.ui.app import BriefingApp


class SlideCommands(Provider):
    """One command per slide, `Go to 4. What did it cost?`, matched fuzzily."""

    @property
    def _show(self) -> BriefingApp:
        return cast("BriefingApp", self.app)  # the palette is the show's: BriefingApp.COMMANDS

    def _slides(self) -> list[tuple[int, str]]:
        deck = self._show.deck
        return [
            (index, f"Go to {slide.number}. {slide.title or '(untitled)'}") for index, slide in enumerate(deck.slides)
        ]

    def _command(self, index: int) -> None:
        self._show.go_to(index)

    async def discover(self) -> Hits:
        for index, label in self._slides():
            yield DiscoveryHit(Content(label), partial(self._command, index), text=label)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for index, label in self._slides():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlight(matcher, label), partial(self._command, index), text=label)


def highlight(matcher: Matcher, label: str) -> Content:
    """What `matcher.highlight(label)` draws (the letters its fuzzy search matched, in the
    palette's style), from plain text: `Matcher.highlight` parses its candidate as markup, and
    a slide title is never markup."""
    content = Content(label)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
