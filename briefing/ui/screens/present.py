"""The show's own screen: the slide, the status line, the key hints, and the keys of the show.

The keys live here rather than on the App so that a screen pushed on top (overview, search,
help) gets its own keys: Enter selects a search result there, it does not turn the page.

None of them is a priority binding: every key then takes one path (through the focused view,
which binds only the arrows that scroll it), so keys that arrive in one read are handled in the
order they arrived. A priority Enter would run before the digits typed ahead of it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static

from briefing.render import frame
from briefing.ui.widgets.paged_view import PagedView
from briefing.ui.widgets.problem_line import ProblemLine
from briefing.ui.widgets.progress_line import ProgressLine
from briefing.ui.widgets.status_bar import StatusBar


class PresentScreen(Screen[None]):
    """Audience view by default; `s` adds the speaker's panel beside the slide."""

    BINDINGS = [
        # ← before →: the key hints list them in this order
        Binding("left,h,backspace,pageup", "app.previous", "Previous"),
        Binding("right,l,space,pagedown", "app.next", "Next"),
        Binding("enter", "app.enter", "Next, or go to the slide number typed", show=False),
        Binding("home,g", "app.first", "First slide", show=False),
        Binding("end,G", "app.last", "Last slide", show=False),
        *(
            Binding(str(digit), f"app.digit({digit})", "Type a slide number (then Enter)", show=False)
            for digit in range(10)
        ),
        Binding("o", "app.overview", "Overview"),
        Binding("slash", "app.search", "Search"),
        Binding("ctrl+p", "app.command_palette", "Commands: go to a slide by title", show=False),
        Binding("s", "app.speaker", "Speaker view"),
        Binding("j,shift+down", "app.scroll_notes(1)", "Scroll the notes down (speaker view)", show=False),
        Binding("k,shift+up", "app.scroll_notes(-1)", "Scroll the notes up (speaker view)", show=False),
        Binding("b", "app.blackout", "Blackout", show=False),
        Binding("t", "app.toggle_timer", "Pause / resume the timer", show=False),
        Binding("T", "app.reset_timer", "Reset the timer", show=False),
        Binding("r", "app.reload", "Reload the deck", show=False),
        Binding("e", "app.edit", "Edit this slide", show=False),
        Binding("E", "app.external_edit", "Edit this slide in $VISUAL / $EDITOR", show=False),
        Binding("p", "app.toggle_progress", "Progress line (clean audience view)", show=False),
        Binding("question_mark", "app.help", "Help"),
        Binding("escape", "app.clear_typed", "Cancel a typed slide number", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, on_ready: Callable[[], None]) -> None:
        super().__init__()
        self._on_ready = on_ready

    def on_mount(self) -> None:
        self._check_size()
        # Called, not messaged: the first slide is then drawn before the first frame, rather
        # than one frame later.
        self._on_ready()

    def on_resize(self, event: events.Resize) -> None:
        self._check_size()

    def _check_size(self) -> None:
        """Below the frame's minimum, show only a request for a bigger terminal."""
        width, height = self.app.size
        need_width, need_height = frame.MIN_SIZE
        too_small = width < need_width or height < need_height
        self.set_class(too_small, "-too-small")
        if too_small:
            message = f"terminal too small (need {need_width}\u00d7{need_height})"
            self.query_one("#too-small", Static).update(message)

    def compose(self) -> ComposeResult:
        # The speaker panel and the key hints are mounted after the first frame: the audience
        # sees the slide sooner, and the panel costs nothing until `s` is pressed.
        yield Horizontal(PagedView(id="slide-view"), id="stage")
        yield Static(id="too-small", markup=False)
        yield ProblemLine(id="problem-line")
        yield ProgressLine(id="progress-line")
        yield StatusBar(id="status")
