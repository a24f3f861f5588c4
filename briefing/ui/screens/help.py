"""`?`: every key the show answers to, generated from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.ui.screens.closing import ClosesOnce

MOUSE = (
    ("click", "Next"),
    ("right-click", "Previous"),
    ("wheel", "Scroll a tall slide"),
    ("shift+wheel", "Scroll a wide table or code sideways"),
    ("drag", "Select text (then super+c copies it)"),
)


class HelpScreen(ClosesOnce[None], ModalScreen[None]):
    """A table of keys; any key closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close help")]

    def __init__(self, bindings: Iterable[BindingType]) -> None:
        super().__init__()
        # BINDINGS may also hold (key, action[, description]) tuples
        self.bindings = [binding if isinstance(binding, Binding) else Binding(*binding) for binding in bindings]

    def compose(self) -> ComposeResult:
        self.table = self._table()
        with VerticalScroll(id="help-panel"):
            yield Static(self.table, id="help-table")

    def _table(self) -> Table:
        table = Table(title="Keys", box=None, show_header=False, padding=(0, 2), title_style="bold")
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        keys_by_meaning: dict[str, list[str]] = {}  # insertion-ordered: as declared
        for binding in self.bindings:
            if binding.description:
                keys = keys_by_meaning.setdefault(binding.description, [])
                for key in binding.key.split(","):
                    shown = self.app.get_key_display(Binding(key.strip(), binding.action))
                    if shown not in keys:
                        keys.append(shown)
        for meaning, keys in keys_by_meaning.items():
            table.add_row(Text(", ".join(keys)), Text(meaning))
        for gesture, meaning in MOUSE:
            table.add_row(Text(gesture), Text(meaning))
        table.add_row(Text(""), Text(""))
        table.add_row(Text("escape"), Text("Close this help"))
        return table
