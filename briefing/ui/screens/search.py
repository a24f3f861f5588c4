"""`/`: search slide text and speaker notes; results by slide number, Enter jumps."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from briefing.core.model import Deck
from briefing.search import Match, SearchIndex
from briefing.ui.screens.closing import ClosesOnce


def result_label(match: Match, deck: Deck, query: str) -> Text:
    slide = deck.slides[match.slide]
    text = Text(f"{slide.number:>3}. ", style="dim")
    text.append(slide.title or "(untitled)", style="bold")
    text.append("  [notes]" if match.where == "notes" else "", style="italic")
    text.append("\n     ")
    snippet = Text(match.snippet)
    for word in query.split():
        snippet.highlight_words([word], style="reverse", case_sensitive=False)
    text.append_text(snippet)
    return text


class SearchBox(Input):
    """The words to find. Down goes on to the results: a binding of the box itself, so that it
    comes after the letters typed before it (see briefing.ui.text_box_keys)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "screen.to_results", "Results", show=False)]


class SearchScreen(ClosesOnce[Match | None], ModalScreen[Match | None]):
    """Type to search; Down moves into the results; Enter jumps to the highlighted one.

    While typing, the first result is highlighted (Enter takes it), so the first Down goes on
    to the second.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Close search")]

    def __init__(self, deck: Deck, index: SearchIndex, query: str = "", *, notes: bool = True) -> None:
        super().__init__()
        self.deck = deck
        self.index = index
        self.terms = query
        self.notes = notes  # False in front of the room: never a note there
        self.matches: list[Match] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-panel", classes="panel"):
            what = "slides and notes" if self.notes else "slides"
            yield Label(Text(f"Search {what}  ·  Enter jumps, Esc closes"), classes="panel-title")
            yield SearchBox(value=self.terms, placeholder="words to find", id="search-input")
            yield Label("", id="search-count")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self._search(self.terms)
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        self.terms = query
        self.matches = self.index.find(query, notes=self.notes)
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(
            Option(result_label(match, self.deck, query), id=f"{match.slide}-{match.where}") for match in self.matches
        )
        if self.matches:
            results.highlighted = 0
        count = len(self.matches)
        label = "" if not query.strip() else f"{count} result{'s' if count != 1 else ''}"
        self.query_one("#search-count", Label).update(Text(label))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        results = self.query_one(OptionList)
        if self.matches:
            self.dismiss(self.matches[results.highlighted or 0])

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.matches[event.option_index])

    def action_to_results(self) -> None:
        """Down while typing: into the results, on the second (Enter already takes the first)."""
        if self.matches:
            results = self.query_one(OptionList)
            results.focus()
            results.action_cursor_down()

    def on_key(self, event: events.Key) -> None:
        results = self.query_one(OptionList)
        if event.key == "up" and results.has_focus and results.highlighted == 0:
            self.query_one(Input).focus()
            event.stop()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
