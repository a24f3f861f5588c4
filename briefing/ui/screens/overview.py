"""`o`: every slide by number and title; arrows move, Enter jumps."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from briefing.core.model import Deck
from briefing.ui.screens.closing import ClosesOnce


def slide_label(number: int, title: str, width: int) -> Text:
    text = Text(f"{number:>{width}}. ", style="dim")
    text.append(title or "(untitled)", style="" if title else "italic dim")
    return text


class OverviewScreen(ClosesOnce[int | None], ModalScreen[int | None]):
    """Dismisses with the chosen slide's index, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,o,q", "dismiss_none", "Close overview")]

    def __init__(self, deck: Deck, current: int) -> None:
        super().__init__()
        self.deck = deck
        self.current = current

    def compose(self) -> ComposeResult:
        width = len(str(len(self.deck.slides)))
        options = [
            Option(slide_label(slide.number, slide.title, width), id=str(index))
            for index, slide in enumerate(self.deck.slides)
        ]
        with Vertical(id="overview-panel", classes="panel"):
            yield Label(Text(f"Slides ({len(options)})  ·  Enter jumps, Esc closes"), classes="panel-title")
            yield OptionList(*options, id="overview-list")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = self.current
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
