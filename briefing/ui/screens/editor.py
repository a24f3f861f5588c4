"""`e`: edit the current slide's source beside a live preview drawn as the show draws it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Button, Label, TextArea

from briefing.editing import (
    EditConflict,
    SlideSource,
    keep_recovery_copy,
    preview_blocks,
    read_slide_source,
    save_slide,
)
from briefing.ui.pictures import SlidePictures
from briefing.ui.rendering import StripCache, palette_for
from briefing.ui.screens.closing import ClosesOnce
from briefing.ui.widgets.key_hints import KeyHints
from briefing.ui.widgets.paged_view import PagedView

PREVIEW_DELAY = 0.1  # seconds after the last key; the issue allows 150 ms


class ChoiceScreen(ClosesOnce[str], ModalScreen[str]):
    """A question with a few answers as buttons; dismisses with the chosen answer's id.

    The answer "cancel" (keep editing, as Escape) has the focus, so a reflexive Enter never
    discards work: any other answer takes a deliberate move to it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss('cancel')", "Keep editing")]
    AUTO_FOCUS = "#cancel"

    def __init__(self, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-panel", classes="panel"):
            yield Label(Text(self.question), id="choice-question")
            with Horizontal(id="choice-buttons"):
                for answer_id, label in self.answers:
                    yield Button(Text(label), id=answer_id)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")


class SourceArea(TextArea):
    """The editor's text area. Escape is left to the screen (back to the show) rather than
    moving the focus on, so that it reaches the screen after the keys typed before it."""

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.prevent_default()  # TextArea's own handler would stop it here


class EditorScreen(Screen[None]):
    """The slide's lines in a Markdown editor; the preview follows ≤ 150 ms after typing.

    Ctrl+S and Escape are not priority bindings: they reach the screen through the text area,
    after every key that arrived before them has been applied, so a save holds every key
    typed before it (a priority binding would run first, and save without the last keys)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "close", "Back to the show"),
    ]

    class Saved(Message):
        """The slide was written to disk: the show should reload and stay on it."""

    def __init__(
        self, source: SlideSource, *, dialect: str | None = None, pictures: SlidePictures | None = None
    ) -> None:
        super().__init__()
        self.source = source
        self.dialect = dialect  # the deck's: the preview reads the slide as the show does
        # the show's pictures: decoded once, off the UI thread, not again as you type
        self.pictures = pictures
        self.strips: StripCache | None = None  # the preview, drawn as the show draws slides
        self._preview_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Label(self._header(), id="editor-header")
        with Horizontal(id="editor-body"):
            yield SourceArea(
                self.source.text,
                language="markdown",
                soft_wrap=True,
                show_line_numbers=True,
                line_number_start=self.source.start,
                tab_behavior="indent",
                id="editor-text",
            )
            yield PagedView(id="editor-preview", pad_columns=2, pad_rows=1)
        yield KeyHints()

    def _header(self) -> Text:
        source = self.source
        text = Text(f" {source.path}:{source.start}\u2013{source.end}", style="bold")
        text.append("  \u00b7  Ctrl+S saves, Esc returns to the show", style="dim")
        if self.is_mounted and self.dirty:
            text.append("  \u00b7  modified", style="italic")
        return text

    def on_mount(self) -> None:
        self.strips = StripCache(self.app.console, palette_for(self.app.current_theme, no_color=self.app.no_color))
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.pictures is not None:
            self.pictures.decoded.subscribe(self, self._picture_decoded)
        self.query_one(TextArea).focus()
        self._update_preview()
        if self.source.cleaned:
            self.notify(
                "Control characters in this slide are not shown and will not be saved back.",
                severity="warning",
                markup=False,
            )

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @property
    def dirty(self) -> bool:
        """The buffer differs from what is on disk (as far as this editor knows)."""
        return self.text != self.source.text

    @on(TextArea.Changed)
    def _changed(self) -> None:
        self.query_one("#editor-header", Label).update(self._header())
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._update_preview)

    def _update_preview(self) -> None:
        strips = self.strips
        assert strips is not None
        blocks = preview_blocks(self.text, dialect=self.dialect, path=self.source.path)
        images = self.pictures.lookup_in(self.source.path) if self.pictures is not None else None
        view = self.query_one("#editor-preview", PagedView)

        def draw(width: int) -> list[Strip]:
            # pictures fit in the rows the rest of the preview leaves, as on the slide
            height = max(1, view.scrollable_content_region.height - 2 * view.pad_rows)
            return strips.blocks(("preview", blocks), blocks, width, height=height, images=images)

        view.show(draw, scroll="keep")

    def _picture_decoded(self, _: None) -> None:
        """A picture is ready: draw the preview again (from the cache if it shows none)."""
        self._update_preview()

    def _theme_changed(self, theme: Theme) -> None:
        if self.strips is not None:
            self.strips.set_palette(palette_for(theme, no_color=self.app.no_color))
            self._update_preview()

    # -- saving --------------------------------------------------------------------------------

    def action_save(self) -> None:
        self._save(force=False)

    def save_now(self) -> bool:
        """Save without asking anything; False (with a message) if it could not be done."""
        return self._save(force=False)

    def after_pending_keys(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the text area has applied every key already sent to it: a
        priority key (Ctrl+C) is handled as it arrives, before the keys typed just ahead of it."""
        if not self.query_one(SourceArea).call_later(callback):
            callback()  # the text area is closing: nothing more will reach it

    def keep_for_recovery(self) -> Path | None:
        """Write the buffer where it cannot clobber anything: the process is being killed."""
        return keep_recovery_copy(self.source, self.text)

    def _save(self, *, force: bool, then_close: bool = False) -> bool:
        try:
            self.source = save_slide(self.source, self.text, force=force)
        except EditConflict:
            self.app.push_screen(
                ChoiceScreen(
                    f"{self.source.path} changed on disk since you opened it.",
                    [
                        ("reload", "Reload it (lose my edits)"),
                        ("overwrite", "Overwrite it"),
                        ("cancel", "Keep editing"),
                    ],
                ),
                lambda answer: self._resolve_conflict(answer, then_close),
            )
            return False
        except OSError as error:
            reason = error.strerror or str(error)
            self.notify(f"Not saved: {self.source.path}: {reason}", severity="error", markup=False)
            return False
        self.query_one("#editor-header", Label).update(self._header())
        self.notify(f"Saved {self.source.path.name}", timeout=2, markup=False)
        self.post_message(self.Saved())
        if then_close:
            self.dismiss()
        return True

    def _resolve_conflict(self, answer: str | None, then_close: bool) -> None:
        if answer == "overwrite":
            self._save(force=True, then_close=then_close)
        elif answer == "reload":
            self._reload_from_disk()

    def _reload_from_disk(self) -> None:
        try:
            fresh = read_slide_source(self.source.path, self.source.start, self.source.end)
        except OSError as error:
            self.notify(f"Cannot read {self.source.path}: {error.strerror or error}", severity="error", markup=False)
            return
        self.source = fresh
        self.query_one(TextArea).load_text(fresh.text)
        self.query_one("#editor-header", Label).update(self._header())
        self.post_message(self.Saved())  # the show picks up the file as it now is

    # -- leaving -------------------------------------------------------------------------------

    def action_close(self) -> None:
        if not self.dirty:
            self.dismiss()
            return
        self.app.push_screen(
            ChoiceScreen(
                "This slide has unsaved changes.",
                [("save", "Save and close"), ("discard", "Discard them"), ("cancel", "Keep editing")],
            ),
            self._close_answer,
        )

    def _close_answer(self, answer: str | None) -> None:
        if answer == "save":
            self._save(force=False, then_close=True)
        elif answer == "discard":
            self.dismiss()
