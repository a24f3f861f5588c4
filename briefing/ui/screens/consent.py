"""The question asked before a snippet runs in a show started without `--run-code`."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from briefing.ui.screens.closing import ClosesOnce


class ConsentScreen(ClosesOnce[bool], ModalScreen[bool]):
    """Shows the exact command and where it runs; dismisses with True only for "Run".

    "Don't run" has the focus and Escape means it too, so a reflexive Enter runs nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(False)", "Don't run")]
    AUTO_FOCUS = "#dont-run"

    def __init__(self, command_line: str, directory: Path, code_lines: int) -> None:
        super().__init__()
        self.command_line = command_line
        self.directory = directory
        self.code_lines = code_lines

    def compose(self) -> ComposeResult:
        with Vertical(id="consent-panel", classes="panel"):
            yield Label(Text("Run this code block?"), id="consent-title")
            # the command, the directory and the deck's text are plain strings, never markup
            yield Label(Text(f"  {self.command_line}"), id="consent-command")
            yield Label(
                Text(
                    f"in {self.directory.absolute()}\n"
                    f"The snippet file holds the {self.code_lines} line{'' if self.code_lines == 1 else 's'}"
                    " of code on the slide. It runs with your rights; start the show with"
                    " --run-code to run code blocks without this question."
                ),
                id="consent-detail",
            )
            with Horizontal(id="consent-buttons"):
                yield Button(Text("Don't run"), id="dont-run")
                yield Button(Text("Run"), id="run", variant="warning")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "run")
