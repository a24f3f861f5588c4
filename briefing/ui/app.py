"""BriefingApp: presents a deck full-screen. A thin layer over the core: it asks the loader for
decks, the navigation module for positions, and the renderers for lines to draw."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer

from briefing.core.blocks import CodeBlock, walk
from briefing.core.errors import DeckError
from briefing.core.model import Deck, Slide
from briefing.paths import state_dir
from briefing.render import frame
from briefing.ui import navigation
from briefing.ui.commands import SlideCommands
from briefing.ui.navigation import Position
from briefing.ui.notices import deck_directory, deck_relative, plain_message
from briefing.ui.rendering import StripCache, palette_for
from briefing.ui.screens.present import PresentScreen
from briefing.ui.timer import TalkTimer
from briefing.ui.widgets.paged_view import PagedView
from briefing.ui.widgets.problem_line import ProblemLine
from briefing.ui.widgets.progress_line import ProgressLine
from briefing.ui.widgets.speaker_panel import SpeakerPanel, TimePanel
from briefing.ui.widgets.status_bar import Status, StatusBar

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from briefing.search import Match
    from briefing.sync.link import SyncLink as SyncLinkType
    from briefing.sync.protocol import Group, Notice, State
    from briefing.ui.screens.editor import EditorScreen as EditorScreenType

# Slidev layouts that mean "centre this slide"
_CENTRED_LAYOUTS = {"center", "centre", "cover", "intro", "section", "end"}
_MAX_DIGITS = 6
_EXIT_GRACE = 1.0  # seconds an exit on a signal may take before the process just ends
_TIMER_KEYS = frozenset(
    key.strip()
    for binding in PresentScreen.BINDINGS
    if binding.action in ("app.toggle_timer", "app.reset_timer")
    for key in binding.key.split(",")
)
# what the room must never get in a clean audience view: notes, the editor (notes included)
_PRESENTER_ACTIONS = frozenset({"speaker", "scroll_notes", "edit", "external_edit"})


class BriefingApp(App[int]):
    """The slideshow: audience view, speaker view (`s`), overview, search, help, blackout.

    A clean audience view (`clean`: always; None: while a console is linked) shows the room
    only the slide, and a thin progress line if asked for: no status line, key hints or
    scrollbar, no notes, and no notifications. Its problems go to the console, or, with no
    console linked, to a line of their own under the slide.
    """

    CSS_PATH = Path(__file__).with_name("briefing.tcss")
    TITLE = "briefing"
    COMMANDS = App.COMMANDS | {SlideCommands}
    NOTIFICATION_TIMEOUT = 4

    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    position: reactive[Position] = reactive(Position(0, 0), init=False)
    speaker: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        deck_path: Path,
        *,
        deck: Deck | None = None,
        start_slide: int = 1,
        theme: str | None = None,
        watch: bool = True,
        role: str = "audience",
        clean: bool | None = None,
        progress: bool = False,
        sync: bool = True,
        sync_socket: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        epoch_clock: Callable[[], float] = time.time,
        wall_clock: Callable[[], str] = lambda: time.strftime("%H:%M"),
        dialect: str | None = None,
    ) -> None:
        super().__init__()
        self.deck_path = deck_path
        self.deck_directory = deck_directory(deck_path)  # messages name files relative to it
        self.dialect = dialect  # `--dialect`: reloads read the deck the same way
        if deck is None:
            from briefing.load import load

            deck = load(deck_path, dialect=dialect, cached=True)
        self.deck = deck
        self.loaded_at = time.time()
        self.requested_theme = theme
        self.watching = watch
        self.role = role  # "audience" (`present`) or "console" (`presenter`, a second terminal)
        self.clean = clean  # audience only: True always, None while a console is linked
        self.progress = progress  # the clean view's progress line
        self.console_linked = False  # a console is in the linked group
        self._too_small = False  # the terminal is below the frame's minimum size
        self.audience_views: int | None = None  # on a linked console: how many audience views
        self.syncing = sync
        self.sync_socket = sync_socket  # tests give their own; else one per deck, per user
        self.link: SyncLinkType | None = None
        self.blackout = False  # shared with linked processes: audience views go blank
        self.watch_ready = False  # True once a save will be noticed
        # the timer is shared with linked processes, through the wall clock they all read
        self.timer = TalkTimer(clock, epoch=epoch_clock, wait_for_key=deck.timer_start == "on-first-key")
        self.wall_clock = wall_clock  # injectable, so screenshots are the same every run
        self.typed = ""
        self.reload_error: str | None = None
        self._search_index = None
        self._start = navigation.clamp(self.deck, Position(start_slide - 1, 0))
        self._start_requested = start_slide
        self._strips: StripCache | None = None
        self.recovered: Path | None = None  # where a killed editor's buffer was kept
        # the show's own screen, whatever is pushed on top of it
        self.present = PresentScreen(on_ready=self._start_show)

    # -- layout --------------------------------------------------------------------------------

    def get_default_screen(self) -> PresentScreen:
        return self.present

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from briefing.ui.screenshot import with_own_screenshot

        return with_own_screenshot(self, super().get_system_commands(screen))

    def _start_show(self) -> None:
        self._handle_signals()
        self._apply_theme()
        # code is coloured from the second frame on: Pygments is slow to import
        self._strips = StripCache(self.console, palette_for(self.current_theme, no_color=self.no_color), highlight=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_reactive(BriefingApp.position, self._start)
        if self.role == "console":
            self.present.add_class("-console")
            self.set_reactive(BriefingApp.speaker, True)
            self.call_after_refresh(self.watch_speaker, True)
        self._apply_clean()
        if self._start.slide + 1 != self._start_requested:
            count, start = len(self.deck.slides), self._start.slide + 1
            self.notify(
                f"There is no slide {self._start_requested} (1\u2013{count}); starting at slide {start}",
                severity="warning",
            )
        self._show(scroll="top")
        self.present.query_one("#slide-view", PagedView).focus()
        self.set_interval(1, self._tick)
        self.call_after_refresh(self._after_first_frame)

    async def _after_first_frame(self) -> None:
        if not self.present.is_attached:
            return  # quit before the first frame was on screen
        await self.present.mount(Footer(show_command_palette=False))
        self.refresh_bindings()
        self.call_after_refresh(self._enable_highlighting)
        # Importing the watcher and the link takes a while: not while the first frame is being
        # written (the writer thread needs the interpreter too).
        if self.syncing:
            self.set_timer(0.2, self._start_link)
        if self.watching:
            self.set_timer(0.5, self._watch_deck)

    def _apply_theme(self) -> None:
        wanted = self.requested_theme or self.deck.metadata.get("theme")
        if not isinstance(wanted, str) or not wanted:
            return
        if wanted in self.available_themes:
            self.theme = wanted
        elif self.requested_theme is None and self.deck.dialect != "briefing":
            return  # another tool's theme (Marp's `gaia`, Slidev's `seriph`): not one of ours
        else:
            names = ", ".join(sorted(self.available_themes))
            self.notify(f"Unknown theme {wanted!r}; themes are: {names}", severity="warning", markup=False)

    def _enable_highlighting(self) -> None:
        if self._strips is None:
            return
        self._strips.set_highlight(True)
        slide, slides = self.slide, self.deck.slides
        in_view = list(slide.blocks)  # what may be on screen: this slide, its notes, the next
        if self.speaker:
            in_view += [block for note in slide.notes for block in note.blocks]
        if self.position.slide + 1 < len(slides):
            in_view += slides[self.position.slide + 1].blocks
        if any(isinstance(block, CodeBlock) and block.language for block in walk(in_view)):
            self._show(scroll="keep")  # redraw now only if colour would change what is seen

    def _theme_changed(self, theme: object) -> None:
        if self._strips is not None:
            self._strips.set_palette(palette_for(self.current_theme, no_color=self.no_color))
            self._show(scroll="keep")

    # -- drawing -------------------------------------------------------------------------------

    @property
    def live(self) -> bool:
        """The show's widgets exist: after its screen is composed, until shut down (which takes
        them down one by one, while a timer may still fire)."""
        return self.is_running and self._strips is not None and bool(self.present.query("#slide-view"))

    @property
    def slide(self) -> Slide:
        return self.deck.slides[self.position.slide]

    def _render_slide(self, slide_index: int, step: int) -> Callable[[int], list]:
        slide = self.deck.slides[slide_index]
        blocks = slide.blocks_until(step)
        strips = self._strips
        assert strips is not None
        view = self.present.query_one("#slide-view", PagedView)
        # a table too wide for the text column may use the rest of the screen before it scrolls
        return lambda width: strips.blocks(("slide", slide_index, step), blocks, width, wide=view.wide_width)

    def _centred(self, slide_index: int) -> bool:
        slide = self.deck.slides[slide_index]
        layout = str(slide.metadata.get("layout", "")).lower()
        return slide_index == 0 or layout in _CENTRED_LAYOUTS

    def _show(self, scroll: str) -> None:
        if not self.live:
            return
        index, step = self.position
        view = self.present.query_one("#slide-view", PagedView)
        view.show(self._render_slide(index, step), centre=self._centred(index), scroll=scroll)
        if self.speaker and self.present.query("#speaker"):
            self._show_speaker_panel()
        self._update_status()
        self.call_after_refresh(self._prepare_neighbours)

    def _show_speaker_panel(self) -> None:
        strips = self._strips
        assert strips is not None
        index = self.position.slide
        slide = self.slide
        notes_view = self.present.query_one("#notes-view", PagedView)
        note_blocks = tuple(block for note in slide.notes for block in note.blocks)
        if note_blocks:
            notes = lambda width: strips.blocks(("notes", index), note_blocks, width, title_first=False)  # noqa: E731
        else:
            notes = lambda width: strips.render("(no notes for this slide)", width)  # noqa: E731
        notes_view.show(notes, scroll="top")
        next_view = self.present.query_one("#next-view", PagedView)
        if index + 1 < len(self.deck.slides):
            upcoming = self.deck.slides[index + 1]
            blocks = upcoming.blocks_until(0)
            next_view.show(lambda width: strips.blocks(("next", index + 1), blocks, width), scroll="top")
        else:
            next_view.show(lambda width: strips.render("(end of the deck)", width), scroll="top")
        self._update_time_panel()

    def _prepare_neighbours(self) -> None:
        """Draw the slides a key press would show next, while the presenter is talking."""
        if not self.live:
            return
        view = self.present.query_one("#slide-view", PagedView)
        width = view.column_width
        for position in (
            navigation.forward(self.deck, self.position),
            navigation.backward(self.deck, self.position),
        ):
            if position != self.position:
                self._render_slide(*position)(width)

    @on(PagedView.Changed, "#slide-view")
    def _slide_view_changed(self) -> None:
        self._update_status()  # "more below" depends on the slide's height and scroll

    def _update_status(self) -> None:
        if not self.live:
            return
        slide = self.slide
        view = self.present.query_one("#slide-view", PagedView)
        self.present.query_one(StatusBar).update_status(
            Status(
                title=self.deck.title,
                slide=slide.number,
                slides=len(self.deck.slides),
                step=self.position.step + 1,
                steps=len(slide.steps),
                elapsed=self.timer.elapsed,
                timer=self.timer.mode,
                typed=self.typed,
                more_below=view.more_below,
                clock=self.wall_clock(),
                linked=self.link is not None and self.link.connected,
                audience_views=self.audience_views,
                blackout=self.blackout and self.role == "console",
            )
        )
        if self.clean_view:
            self.present.query_one(ProgressLine).set_progress(slide.number, len(self.deck.slides))

    def _update_time_panel(self) -> None:
        self.present.query_one(TimePanel).set_time(
            self.timer.elapsed,
            self.timer.mode,
            self.deck.duration,
            self.position.slide,
            len(self.deck.slides),
            self.wall_clock(),
        )

    def _tick(self) -> None:
        if not self.live:
            return
        self._update_status()
        if self.speaker and self.present.query("#speaker"):
            self._update_time_panel()

    def watch_position(self, old: Position, new: Position) -> None:
        if new.slide != old.slide:
            self._show(scroll="top")
        else:
            self._show(scroll="bottom" if new.step > old.step else "keep")
        self._publish()

    async def watch_speaker(self, speaker: bool) -> None:
        if not self.live:
            return
        if speaker and not self.present.query("#speaker"):
            await self.present.query_one("#stage").mount(SpeakerPanel(id="speaker"))
        self.present.set_class(speaker, "-speaker")
        self.call_after_refresh(self._show, "keep")

    @on(PagedView.Clicked, "#slide-view")
    def _clicked(self, event: PagedView.Clicked) -> None:
        self.action_next() if event.forward else self.action_previous()

    # -- navigation ----------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        """Jump to slide `index` (0-based): first step going forward, whole coming back."""
        self.position = navigation.jump(self.deck, self.position, index)

    def action_next(self) -> None:
        self._clear_typed()
        self.position = navigation.forward(self.deck, self.position)

    def action_previous(self) -> None:
        self._clear_typed()
        self.position = navigation.backward(self.deck, self.position)

    def action_first(self) -> None:
        self._clear_typed()
        self.position = navigation.first(self.deck)

    def action_last(self) -> None:
        self._clear_typed()
        self.position = navigation.last(self.deck)

    def action_digit(self, digit: int) -> None:
        if len(self.typed) < _MAX_DIGITS:
            self.typed += str(digit)
        self._update_status()

    def action_enter(self) -> None:
        if not self.typed:
            self.action_next()
            return
        number = int(self.typed)
        self._clear_typed()
        if 1 <= number <= len(self.deck.slides):
            self.go_to(number - 1)
        else:
            self.notify(f"There is no slide {number} (1\u2013{len(self.deck.slides)})", severity="warning")

    def action_clear_typed(self) -> None:
        self._clear_typed()

    def _clear_typed(self) -> None:
        if self.typed:
            self.typed = ""
            self._update_status()

    # -- screens -------------------------------------------------------------------------------

    def action_overview(self) -> None:
        from briefing.ui.screens.overview import OverviewScreen

        self.push_screen(OverviewScreen(self.deck, self.position.slide), self._jump_to_choice)

    def action_search(self) -> None:
        from briefing.search import SearchIndex
        from briefing.ui.screens.search import SearchScreen

        if self._search_index is None:
            self._search_index = SearchIndex(self.deck)
        screen = SearchScreen(self.deck, self._search_index, notes=not self.clean_view)
        self.push_screen(screen, self._jump_to_match)

    def _jump_to_choice(self, index: int | None) -> None:
        if index is not None:
            self.go_to(index)

    def _jump_to_match(self, match: Match | None) -> None:
        """Land on the result's slide with the match on screen: revealed up to its step."""
        if match is not None:
            self.position = navigation.jump_showing(self.deck, self.position, match.slide, match.step)

    def action_help(self) -> None:
        from briefing.ui.screens.help import HelpScreen

        # the keys this program declares, in the order it declares them
        bindings = [*PresentScreen.BINDINGS, *PagedView.BINDINGS, *self.BINDINGS]
        self.push_screen(HelpScreen(bindings))

    def action_blackout(self) -> None:
        """Blank the audience view(s): here, unless this is the console, and in every linked one."""
        self._set_blackout(not self.blackout)
        self._publish()

    def _set_blackout(self, on: bool) -> None:
        from briefing.ui.screens.blackout import BlackoutScreen

        self.blackout = on
        self._update_status()
        if self.role == "console":
            return  # the console keeps its notes on screen, and says "blackout" instead
        showing = isinstance(self.screen, BlackoutScreen)
        if on and not showing:
            self.push_screen(BlackoutScreen(), lambda _: self._blackout_ended())
        elif not on and showing:
            self.screen.dismiss()

    def _blackout_ended(self) -> None:
        if self.blackout:  # ended here by a key, not by a linked process
            self.blackout = False
            self._update_status()
            self._publish()

    def action_speaker(self) -> None:
        self.speaker = not self.speaker

    def action_toggle_progress(self) -> None:
        self.progress = not self.progress
        self.present.set_class(self.progress, "-progress")
        self._update_status()

    def action_scroll_notes(self, rows: int) -> None:
        """Scroll the speaker's notes, whatever has the focus (the slide, usually)."""
        if self.speaker and self.present.query("#notes-view"):
            notes = self.present.query_one("#notes-view", PagedView)
            notes.scroll_relative(y=rows, animate=False, immediate=True)

    def action_toggle_timer(self) -> None:
        self.timer.toggle()
        self._timer_changed()

    def action_reset_timer(self) -> None:
        self.timer.reset()
        self._timer_changed()

    def _timer_changed(self) -> None:
        self._tick()
        self._publish()  # one timer for the whole show: console and audience views alike

    async def on_event(self, event: events.Event) -> None:
        # `timer: on-first-key`: whatever the first key does, it also starts the talk. The
        # timer's own keys decide for themselves (`t` starts it rather than pausing it).
        if isinstance(event, events.Key) and self.timer.waiting and not (
            self.screen is self.present and event.key in _TIMER_KEYS
        ):
            self.timer.start()
            self._timer_changed()
        await super().on_event(event)

    # -- leaving -------------------------------------------------------------------------------

    def _dirty_editor(self) -> EditorScreenType | None:
        from briefing.ui.screens.editor import EditorScreen

        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen) and screen.dirty:
                return screen
        return None

    def action_quit(self) -> None:
        """Quit, but never with an unsaved slide in the editor without asking."""
        from briefing.ui.screens.editor import EditorScreen

        editors = [screen for screen in self.screen_stack if isinstance(screen, EditorScreen)]
        if editors:
            editors[-1].after_pending_keys(self._quit_unless_unsaved)  # see the keys typed just before
        else:
            self.exit(0)

    def _quit_unless_unsaved(self) -> None:
        editor = self._dirty_editor()
        if editor is None:
            self.exit(0)
            return
        from briefing.ui.screens.editor import ChoiceScreen

        def answer(choice: str | None) -> None:
            if (choice == "save" and editor.save_now()) or choice == "discard":
                self.exit(0)

        self.push_screen(
            ChoiceScreen(
                "The slide in the editor has unsaved changes.",
                [("save", "Save and quit"), ("discard", "Quit without saving"), ("cancel", "Keep editing")],
            ),
            answer,
        )

    def _handle_signals(self) -> None:
        """SIGTERM and SIGHUP end the show as `q` does: terminal restored, nothing half-written,
        and an unsaved editor buffer kept in a recovery file."""
        import signal

        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            # not possible off the main thread (tests) or on platforms without these signals
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._terminated, signum)

    def _terminated(self, signum: int) -> None:
        import os
        import threading

        editor = self._dirty_editor()
        if editor is not None:
            self.recovered = editor.keep_for_recovery()
        # When the terminal itself is gone (its window closed: SIGHUP), restoring it can block
        # forever on output nobody reads. Everything worth keeping is written atomically by
        # now, so if the orderly exit has not finished in a moment, leave without it.
        watchdog = threading.Timer(_EXIT_GRACE, os._exit, [128 + signum])
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=128 + signum)

    # -- editing -------------------------------------------------------------------------------

    def action_edit(self) -> None:
        """Open the current slide's source lines in the editor screen."""
        from briefing.editing import read_slide_source
        from briefing.ui.screens.editor import EditorScreen

        if not self.slide.blocks and not self.slide.notes:
            # an empty slide has no lines of its own to replace; E opens the whole file
            self.notify("This slide is empty: press E to edit its file", severity="warning")
            return
        span = self.slide.span
        try:
            source = read_slide_source(span.path, span.start, span.end)
        except (OSError, UnicodeDecodeError) as error:
            self.notify(f"Cannot edit {span.path}: {error}", severity="error", markup=False)
            return
        strips = self._strips
        assert strips is not None
        render = lambda blocks, width: strips.blocks(("preview", blocks), blocks, width)  # noqa: E731
        self.push_screen(EditorScreen(source, render))

    def on_editor_screen_saved(self) -> None:
        self._reload()  # the watcher would too; this is sooner, and works without it

    def action_external_edit(self) -> None:
        """Suspend the show, open $VISUAL or $EDITOR at the slide's first line, then reload."""
        import os

        from briefing.external_editor import EditorUnavailable, editor_command, outcome_problem, run_in_foreground

        try:
            command = editor_command(os.environ)  # checked first: a missing one must not suspend the show
        except EditorUnavailable as error:
            self.notify(str(error), severity="error", markup=False)
            return
        span = self.slide.span
        try:
            with self.suspend():
                outcome = run_in_foreground([*command, f"+{span.start}", str(span.path)])
        except Exception as error:  # SuspendNotSupported and the like: the terminal cannot hand over
            self.notify(f"Cannot open an editor here: {error}", severity="error", markup=False)
            return
        problem = outcome_problem(command[0], outcome)
        if problem is not None:
            self.notify(problem, severity="error", markup=False)
        self._reload()  # whatever its exit status, the editor may have saved

    # -- linked processes (console and audience views in other terminals) ------------------

    async def _start_link(self) -> None:
        from briefing.sync.link import SyncLink, log_to_file

        log_to_file(state_dir() / "sync.log")
        index, step = self.position
        self.link = SyncLink(
            self.deck_path, self.role, self._remote_state,
            socket_path=self.sync_socket, initial=(index, step, self.blackout),
            initial_timer=self.timer.state, on_group=self._group_changed, on_notice=self._audience_notice,
        )
        await self.link.start()
        if self.link.error and self.role == "console":
            self.notify(f"Not linked to the audience view: {self.link.error}", severity="warning", markup=False)
        elif not self.link.error:
            self._group_changed(self.link.group)  # alone so far: a console says so

    def _publish(self) -> None:
        if self.link is not None:
            self.link.publish(self.position.slide, self.position.step, self.blackout, self.timer.state)

    def _remote_state(self, state: State) -> None:
        """Another process moved: follow it (its slide may not exist here after an edit)."""
        if state.timer != self.timer.state:
            self.timer.adopt(state.timer)
            self._tick()
        self.position = navigation.clamp(self.deck, Position(state.slide, state.step))
        if state.blackout != self.blackout:
            self._set_blackout(state.blackout)

    def _group_changed(self, group: Group) -> None:
        was_clean, had_console = self.clean_view, self.console_linked
        self.console_linked = group.consoles > 0
        if self.role == "console":
            self.audience_views = group.audiences
        if self.live:
            clean = self.clean_view
            self._apply_clean(reroute=clean != was_clean or (clean and had_console != self.console_linked))
            self._update_status()

    def _audience_notice(self, notice: Notice) -> None:
        """On the console: a problem an audience view kept from the room."""
        if notice.text == self.reload_error:
            return  # the same deck: this console already says so
        title = f"Audience view: {notice.title}" if notice.title else "Audience view"
        severity: SeverityLevel = "error" if notice.severity == "error" else "warning"
        self.notify(notice.text, title=title, severity=severity, markup=False)

    async def on_unmount(self) -> None:
        if self.link is not None:
            await self.link.stop()

    # -- the clean audience view -------------------------------------------------------------

    @property
    def clean_view(self) -> bool:
        """This is an audience view that shows the room the slide and nothing else."""
        if self.role != "audience":
            return False
        return self.clean if self.clean is not None else self.console_linked

    def _apply_clean(self, *, reroute: bool = False) -> None:
        """Show the clean view or the ordinary one, as `clean_view` says. With `reroute`
        (where problems go has changed), the problem on screen is said again where they go
        now: the console, the problem line, or a notification."""
        clean = self.clean_view
        self.present.set_class(clean, "-clean")
        self.present.set_class(clean and self.progress, "-progress")
        if clean and self.speaker:
            self.speaker = False
        if reroute:
            self.clear_notifications()
            if self.reload_error is not None:
                self._show_reload_error()
        self.refresh_bindings()

    def on_resize(self, event: events.Resize) -> None:
        """A clean view too small for the slide tells the console (the room sees the
        request for a bigger terminal, which the speaker may not)."""
        width, height = event.size
        need_width, need_height = frame.MIN_SIZE
        too_small = width < need_width or height < need_height
        if too_small and not self._too_small and self.clean_view:
            self.notify(
                f"The audience terminal is too small for the slide: {width}\u00d7{height}, "
                f"it needs {need_width}\u00d7{need_height}",
                severity="warning",
            )
        self._too_small = too_small

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.clean_view and action in _PRESENTER_ACTIONS:
            return False
        if action == "toggle_progress" and not self.clean_view:
            return False
        return True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notification, except in a clean audience view: there, problems go to the
        console (or the problem line), and confirmations nowhere."""
        problem_line = self.present.query(ProblemLine)
        if not self.clean_view or not problem_line:
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
            return
        if severity == "information":
            return  # confirmations are for whoever typed; the room needs none
        text = plain_message(message, markup)
        if self.console_linked and self.link is not None:
            from briefing.sync.protocol import Notice

            self.link.send_notice(Notice.make(severity, title, text))
            return
        line = f"{title}: {text}" if title else text
        problem_line.first().show(line, severity, self.NOTIFICATION_TIMEOUT if timeout is None else timeout)

    def clear_notifications(self) -> None:
        super().clear_notifications()
        for line in self.present.query(ProblemLine):
            line.clear()

    # -- reloading -----------------------------------------------------------------------------

    def action_reload(self) -> None:
        self._reload(announce=True)  # asked for: say how it went, even if nothing changed

    @work(exclusive=True, group="reload", thread=True)
    def _reload(self, announce: bool = False) -> None:
        """Load the deck again off the UI thread; apply it, or report why it cannot be."""
        from briefing.load import load

        try:
            deck = load(self.deck_path, dialect=self.dialect, cached=True)
        except DeckError as error:
            self.call_from_thread(self._reload_failed, deck_relative(error, self.deck_directory), announce)
            return
        except RecursionError:
            error = DeckError(self.deck_path, 1, "too deeply nested")
            self.call_from_thread(self._reload_failed, deck_relative(error, self.deck_directory), announce)
            return
        self.call_from_thread(self.use_deck, deck, announce)

    def use_deck(self, deck: Deck, announce: bool = False) -> None:
        """Show `deck` in place of the current one, staying on the same slide; with `announce`,
        or after a failed reload, say so."""
        old = self.deck
        position = navigation.follow(old, deck, self.position)
        self.deck = deck
        self.loaded_at = time.time()
        self._search_index = None
        if self._strips is not None:
            self._strips.clear()
        recovered = self.reload_error is not None
        if recovered:
            self.reload_error = None
            self.clear_notifications()
        if recovered or announce:
            count = len(deck.slides)
            self.notify(f"reloaded ({count} slide{'' if count == 1 else 's'})", timeout=2, markup=False)
        self.set_reactive(BriefingApp.position, position)
        self._show(scroll="keep")

    def _reload_failed(self, message: str, announce: bool = False) -> None:
        if message != self.reload_error or announce:
            self.reload_error = message
            self._show_reload_error()

    def _show_reload_error(self) -> None:
        assert self.reload_error is not None
        self.clear_notifications()
        # stays up until the deck loads again; the last good deck stays on screen
        self.notify(
            self.reload_error, title="Deck not reloaded", severity="error", timeout=24 * 3600, markup=False
        )

    @work(exclusive=True, group="watch")
    async def _watch_deck(self) -> None:
        from briefing.ui.watch import deck_changes, latest_change

        def ready() -> None:
            self.watch_ready = True
            if latest_change(self.deck) > self.loaded_at:
                self._reload()  # saved between loading and watching

        while True:
            try:
                async for _ in deck_changes(self.deck_path, on_ready=ready):
                    self._reload()
            except Exception as error:  # the watched directory went away: retry shortly
                problem = DeckError(self.deck_path, 1, f"cannot watch for changes ({error})")
                self._reload_failed(deck_relative(problem, self.deck_directory))
            await asyncio.sleep(1)

