"""The show's own screen: the stage (slide, speaker panel), the status line, the clean view's
progress and problem lines, and the keys of the show.

It draws what the app's state says. The app holds that state as reactives (deck, position,
speaker view, blackout, clean view, timer, who is linked, ...) and never reaches into this
screen; the screen watches them and redraws what each one changes.

The keys live here rather than on the App so that a screen pushed on top (overview, search,
help) gets its own keys: Enter selects a search result there, it does not turn the page.

None of them is a priority binding: every key then takes one path (through the focused view,
which binds only the arrows that scroll it), so keys that arrive in one read are handled in the
order they arrived. A priority Enter would run before the digits typed ahead of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from briefing.collector import resume_after_first_frame
from briefing.render import frame
from briefing.ui.navigation import Position
from briefing.ui.notices import Problem
from briefing.ui.widgets.paged_view import PagedView
from briefing.ui.widgets.problem_line import ProblemLine
from briefing.ui.widgets.progress_line import ProgressLine
from briefing.ui.widgets.slide_stage import Scroll, SlideStage
from briefing.ui.widgets.status_bar import Status, StatusBar

if TYPE_CHECKING:
    from briefing.ui.app import BriefingApp

# what the status line shows, besides the deck, the position and the time
_STATUS_STATE = ("typed", "blackout", "linked", "audience_views")


class PresentScreen(Screen[None]):
    """Audience view by default; `s` adds the speaker's panel beside the slide."""

    BINDINGS: ClassVar[list[BindingType]] = [
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
        Binding("j,shift+down", "scroll_notes(1)", "Scroll the notes down (speaker view)", show=False),
        Binding("k,shift+up", "scroll_notes(-1)", "Scroll the notes up (speaker view)", show=False),
        Binding("b", "app.blackout", "Blackout", show=False),
        Binding("t", "app.toggle_timer", "Pause / resume the timer", show=False),
        Binding("T", "app.reset_timer", "Reset the timer", show=False),
        Binding("r", "app.reload", "Reload the deck", show=False),
        Binding("e", "app.edit", "Edit this slide", show=False),
        Binding("E", "app.external_edit", "Edit this slide in $VISUAL / $EDITOR", show=False),
        Binding("p", "app.toggle_progress", "Progress line (clean audience view)", show=False),
        Binding("question_mark", "app.help", "Help"),
        Binding("x", "app.run_code", "Run the code block (+exec)", show=False),
        Binding("escape", "app.clear_typed", "Cancel a typed number; stop running code", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    class Ready(Message):
        """The first slide is on screen: the app may start what it put off until then."""

    def __init__(self) -> None:
        super().__init__(classes="-hints-to-come")
        self.stage = SlideStage(id="stage")
        self.status_bar = StatusBar(id="status")
        self.problem_line = ProblemLine(id="problem-line")
        self.progress_line = ProgressLine(id="progress-line")

    @property
    def show_app(self) -> BriefingApp:
        return cast("BriefingApp", self.app)

    def compose(self) -> ComposeResult:
        # The speaker panel and the key hints are mounted after the first frame: the audience
        # sees the slide sooner, and the panel costs nothing until `s` is pressed. The hints'
        # row is kept empty until then (-hints-to-come), so the slide is not laid out again.
        yield self.stage
        yield Static(id="too-small", markup=False)
        yield self.problem_line
        yield self.progress_line
        yield self.status_bar

    def on_mount(self) -> None:
        app = self.show_app
        self._check_size()
        self.set_class(app.role == "console", "-console")
        self.watch(app, "deck", self._deck_changed, init=False)
        self.watch(app, "position", self._position_changed, init=False)
        self.watch(app, "speaker", self._speaker_changed, init=False)
        self.watch(app, "clean_view", self._view_changed, init=False)
        self.watch(app, "progress", self._view_changed, init=False)
        self.watch(app, "room_problem", self._say_problem, init=True)  # one said at launch, too
        self.watch(app, "timer_state", self.tick, init=False)
        self.watch(app, "code_output", self._code_output_changed, init=False)
        for name in _STATUS_STATE:
            self.watch(app, name, self._draw_status, init=False)
        self._view_changed()
        # Drawn here, not a frame later: the first slide is in the first frame.
        self._draw("top")
        self.stage.slide_view.focus()
        if app.speaker:  # the console opens with its panel, after the slide is on screen
            self.call_after_refresh(self._speaker_changed, True)
        self.set_interval(1, self.tick)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        resume_after_first_frame()
        if not self.is_attached:
            return  # quit before the first frame was on screen
        from briefing.ui.widgets.key_hints import KeyHints

        self.mount(KeyHints())
        self.remove_class("-hints-to-come")
        self.call_after_refresh(self.stage.colour_code)
        self.post_message(self.Ready())

    # -- drawing what the app's state says -----------------------------------------------------

    def _draw(self, scroll: Scroll) -> None:
        app = self.show_app
        outputs = app.code_outputs(app.position.slide)
        self.stage.show(app.deck, app.position, speaker=app.speaker, scroll=scroll, outputs=outputs)
        self.tick()

    def _code_output_changed(self) -> None:
        self._draw("bottom")  # the newest output is what the room is waiting for

    def _deck_changed(self) -> None:
        self._draw("keep")

    def _position_changed(self, old: Position, new: Position) -> None:
        if new.slide != old.slide:
            self._draw("top")
        else:
            self._draw("bottom" if new.step > old.step else "keep")

    async def _speaker_changed(self, speaker: bool) -> None:
        if speaker:
            await self.stage.open_speaker_panel()
        self.set_class(speaker, "-speaker")
        self.call_after_refresh(self._draw, "keep")  # once the panel has its size

    def _view_changed(self) -> None:
        app = self.show_app
        self.set_class(app.clean_view, "-clean")
        self.set_class(app.clean_view and app.progress, "-progress")
        self._draw_status()

    def _say_problem(self, problem: Problem | None) -> None:
        if problem is None:
            self.problem_line.clear()
        else:
            self.problem_line.show(problem.text, problem.severity, problem.timeout)

    def tick(self) -> None:
        """Draw what changes with time: the status line and the speaker's time panel. Runs every
        second, and when the timer changes."""
        self._draw_status()
        app = self.show_app
        panel = self.stage.speaker_panel
        if app.speaker and panel is not None:
            deck = app.deck
            timer = app.timer
            panel.time_panel.set_time(
                timer.elapsed, timer.mode, deck.duration, app.position.slide, len(deck.slides), app.wall_clock()
            )

    def _draw_status(self) -> None:
        """The status line (and the clean view's progress line): where the show is, the time,
        digits typed, who is linked."""
        app = self.show_app
        deck, (index, step) = app.deck, app.position
        slide = deck.slides[index]
        self.status_bar.update_status(
            Status(
                title=deck.title,
                slide=slide.number,
                slides=len(deck.slides),
                step=step + 1,
                steps=len(slide.steps),
                elapsed=app.timer.elapsed,
                timer=app.timer.mode,
                typed=app.typed,
                more_below=self.stage.slide_view.more_below,
                clock=app.wall_clock(),
                linked=app.linked,
                audience_views=app.audience_views,
                blackout=app.blackout and app.role == "console",
            )
        )
        if app.clean_view:
            self.progress_line.set_progress(slide.number, len(deck.slides))

    @on(PagedView.Changed, "#slide-view")
    def _slide_view_changed(self) -> None:
        self._draw_status()  # "more below" depends on the slide's height and scroll

    # -- input ---------------------------------------------------------------------------------

    @on(PagedView.Clicked, "#slide-view")
    def _clicked(self, event: PagedView.Clicked) -> None:
        app = self.show_app
        app.action_next() if event.forward else app.action_previous()

    def action_scroll_notes(self, rows: int) -> None:
        """Scroll the speaker's notes, whatever has the focus (the slide, usually)."""
        if self.show_app.speaker:
            self.stage.scroll_notes(rows)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a clean audience view has no notes to scroll: the room never sees them
        return not (action == "scroll_notes" and self.show_app.clean_view)

    # -- size ----------------------------------------------------------------------------------

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
