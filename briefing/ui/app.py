"""BriefingApp: presents a deck full-screen. A thin layer over the core: it asks the loader for
decks and the navigation module for positions, holds the show's state, and leaves drawing it to
the show's screen."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from briefing.core.model import Deck, Slide
from briefing.core.timer_state import TimerState
from briefing.render import frame
from briefing.ui import navigation
from briefing.ui.navigation import Position
from briefing.ui.notices import Problem, deck_directory, plain_message
from briefing.ui.screens.present import PresentScreen
from briefing.ui.text_box_keys import queue_own_binding
from briefing.ui.timer import TalkTimer
from briefing.ui.widgets.paged_view import PagedView

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from briefing.core.runnable import Limits
    from briefing.render.run_output import ShownOutput
    from briefing.search import Match, SearchIndex
    from briefing.sync.link import SyncLink
    from briefing.ui.code_runs import CodeRuns
    from briefing.ui.linking import AudienceNotice, GroupChanged, LinkUnavailable, RemoteMoved, RunMirrored, ShowLink
    from briefing.ui.pictures import ImagesMode
    from briefing.ui.reloader import DeckFailed, DeckLoaded, Reloader
    from briefing.ui.screens.editor import EditorScreen
    from briefing.ui.signals import Terminated

_MAX_DIGITS = 6
_TIMER_KEYS = frozenset(
    key.strip()
    for binding in PresentScreen.BINDINGS
    if isinstance(binding, Binding) and binding.action in ("app.toggle_timer", "app.reset_timer")
    for key in binding.key.split(",")
)
# what the room must never get in a clean audience view: notes, the editor (notes included)
_PRESENTER_ACTIONS = frozenset({"speaker", "edit", "external_edit"})


def slide_commands() -> type[Provider]:
    """The palette's slide commands, imported when the palette first opens (Textual accepts a
    callable here), not before the first frame."""
    from briefing.ui.commands import SlideCommands

    return SlideCommands


class BriefingApp(App[int]):
    """The slideshow: audience view, speaker view (`s`), overview, search, help, blackout.

    The app holds the show's state as reactives and changes it on keys, reloads and linked
    processes; the show's screen (PresentScreen) watches that state and draws it, and the app
    never reaches into that screen's widgets. Live reload (`reloader`), the console link
    (`linking`) and signals (`signals`) live in modules of their own and post messages here.

    A clean audience view (`clean`: always; None: while a console is linked) shows the room
    only the slide, and a thin progress line if asked for: no status line, key hints or
    scrollbar, no notes, and no notifications. Its problems go to the console, or, with no
    console linked, to a line of their own under the slide.
    """

    CSS_PATH = Path(__file__).with_name("briefing.tcss")
    TITLE = "briefing"
    COMMANDS = App.COMMANDS | {slide_commands}
    NOTIFICATION_TIMEOUT = 4

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "interrupt", "Quit, or stop running code", show=False, priority=True)
    ]

    deck: reactive[Deck] = reactive(cast(Deck, None), always_update=True, init=False)  # set in __init__
    """The deck shown: the last one that loaded."""
    position: reactive[Position] = reactive(Position(0, 0), init=False)
    """The slide (0-based) and how many of its steps are shown, less one."""
    speaker: reactive[bool] = reactive(False, init=False)
    """The speaker's panel (notes, what comes next, the time) is beside the slide."""
    blackout: reactive[bool] = reactive(False, init=False)
    """Audience views are blank (shared with linked processes; the console says so instead)."""
    clean_view: reactive[bool] = reactive(False, init=False)
    """This is an audience view that shows the room the slide and nothing else."""
    progress: reactive[bool] = reactive(False, init=False)
    """The clean view's progress line is on."""
    typed: reactive[str] = reactive("", init=False)
    """Digits typed so far to go to a slide."""
    timer_state: reactive[TimerState] = reactive(TimerState(), init=False)
    """The talk timer as shared with linked processes; elapsed time is read from `timer`."""
    linked: reactive[bool] = reactive(False, init=False)
    """Another terminal (console or audience view) is following this one."""
    audience_views: reactive[int | None] = reactive(None, init=False)
    """On a linked console: how many audience views follow it."""
    room_problem: reactive[Problem | None] = reactive(None, always_update=True, init=False)
    """A clean view's problem for its own line, when there is no console to tell."""
    code_output: reactive[int] = reactive(0, init=False)
    """Counts changes to code blocks' output (see `code_outputs`): the slide is drawn again."""

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
        images: ImagesMode = "auto",
        run_code: bool = False,
        run_limits: Limits | None = None,
    ) -> None:
        super().__init__()
        self.images: ImagesMode = images  # `--images`: how the stage draws pictures
        self.deck_path = deck_path
        self.deck_directory = deck_directory(deck_path)  # messages name files relative to it
        self.dialect = dialect  # `--dialect`: reloads read the deck the same way
        if deck is None:
            from briefing.load import load

            deck = load(deck_path, dialect=dialect, cached=True)
        self.loaded_at = time.time()
        self.requested_theme = theme
        self.watching = watch
        self.role = role  # "audience" (`present`) or "console" (`presenter`, a second terminal)
        self.clean = clean  # audience only: True always, None while a console is linked
        self.console_linked = False  # a console is in the linked group
        self.syncing = sync
        self.sync_socket = sync_socket  # tests give their own; else one per deck, per user
        # the timer is shared with linked processes, through the wall clock they all read
        self.timer = TalkTimer(clock, epoch=epoch_clock, wait_for_key=deck.timer_start == "on-first-key")
        self.wall_clock = wall_clock  # injectable, so screenshots are the same every run
        self.reload_error: str | None = None
        self.recovered: Path | None = None  # where a killed editor's buffer was kept
        self._search_index: SearchIndex | None = None
        self._start_requested = start_slide
        self._too_small = False  # the terminal is below the frame's minimum size
        self._reloader: Reloader | None = None  # made when first needed (after the first frame)
        self._link: ShowLink | None = None
        self._following = False  # applying another process's state: nothing to publish
        self.run_code = run_code  # `--run-code`: code blocks run without asking; never from the deck
        self.run_limits = run_limits
        self._code_runs: CodeRuns | None = None  # made when `x` is first pressed
        # the state the show starts in (set, not assigned: nothing is drawn yet to watch it)
        self.set_reactive(BriefingApp.deck, deck)
        self.set_reactive(BriefingApp.position, navigation.clamp(deck, Position(start_slide - 1, 0)))
        self.set_reactive(BriefingApp.speaker, role == "console")  # the console opens with its notes
        self.set_reactive(BriefingApp.progress, progress)
        self.set_reactive(BriefingApp.timer_state, self.timer.state)
        self.set_reactive(BriefingApp.clean_view, self._wants_clean_view())
        # the show's own screen, whatever is pushed on top of it
        self.present = PresentScreen()

    @property
    def slide(self) -> Slide:
        return self.deck.slides[self.position.slide]

    @property
    def link(self) -> SyncLink | None:
        """The link to other processes showing this deck, once started."""
        return self._link.sync if self._link is not None else None

    @property
    def watch_ready(self) -> bool:
        """A save to the deck will be noticed from now on."""
        return self._reloader is not None and self._reloader.watching

    # -- starting ------------------------------------------------------------------------------

    def get_default_screen(self) -> PresentScreen:
        return self.present

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from briefing.ui.screenshot import with_own_screenshot

        return with_own_screenshot(self, super().get_system_commands(screen))

    def on_mount(self) -> None:
        from briefing.ui.signals import end_on_signals

        end_on_signals(self)
        self._apply_theme()
        if self.position.slide + 1 != self._start_requested:
            count, start = len(self.deck.slides), self.position.slide + 1
            self.notify(
                f"There is no slide {self._start_requested} (1\u2013{count}); starting at slide {start}",
                severity="warning",
                markup=False,
            )

    def on_present_screen_ready(self) -> None:
        # Importing the watcher and the link takes a while: not while the first frame is being
        # written (the writer thread needs the interpreter too).
        if self.syncing:
            self.set_timer(0.2, self._start_link)
        if self.watching:
            self.set_timer(0.5, lambda: self._reloads().watch())

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

    # -- navigation ----------------------------------------------------------------------------

    def watch_position(self) -> None:
        self._publish()
        if self._code_runs is not None:
            self._code_runs.slide_left(self.position.slide)

    def go_to(self, index: int) -> None:
        """Jump to slide `index` (0-based): first step going forward, whole coming back."""
        self.position = navigation.jump(self.deck, self.position, index)

    def action_next(self) -> None:
        self.typed = ""
        self.position = navigation.forward(self.deck, self.position)

    def action_previous(self) -> None:
        self.typed = ""
        self.position = navigation.backward(self.deck, self.position)

    def action_first(self) -> None:
        self.typed = ""
        self.position = navigation.first(self.deck)

    def action_last(self) -> None:
        self.typed = ""
        self.position = navigation.last(self.deck)

    def action_digit(self, digit: int) -> None:
        if len(self.typed) < _MAX_DIGITS:
            self.typed += str(digit)

    def action_enter(self) -> None:
        if not self.typed:
            self.action_next()
            return
        number = int(self.typed)
        self.typed = ""
        if 1 <= number <= len(self.deck.slides):
            self.go_to(number - 1)
        else:
            self.notify(
                f"There is no slide {number} (1\u2013{len(self.deck.slides)})", severity="warning", markup=False
            )

    def action_clear_typed(self) -> None:
        """Esc: cancel the digits typed, and stop a code block that is running."""
        self.typed = ""
        if self._code_runs is not None:
            self._code_runs.stop()

    # -- code blocks that run ------------------------------------------------------------------

    @property
    def code_runs(self) -> CodeRuns:
        if self._code_runs is None:
            from briefing.core.runnable import Limits
            from briefing.ui.code_runs import CodeRuns

            self._code_runs = CodeRuns(self, consented=self.run_code, limits=self.run_limits or Limits())
        return self._code_runs

    def action_run_code(self) -> None:
        """`x`: run the code block in view (asking first, without `--run-code`)."""
        self.typed = ""
        self.code_runs.run_in_view()

    def code_outputs(self, slide: int) -> Mapping[int, ShownOutput]:
        """What the code blocks of `slide` (0-based) printed, by the line their fence opens on."""
        return self._code_runs.shown(slide) if self._code_runs is not None else {}

    def on_run_mirrored(self, event: RunMirrored) -> None:
        """A linked process runs a code block: draw its output here too (never run it here)."""
        self.code_runs.mirrored(event.run)

    async def action_interrupt(self) -> None:
        """Ctrl+C: stop the code block that is running, else quit."""
        if self._code_runs is not None and self._code_runs.stop():
            return
        await self.action_quit()

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
        self.blackout = not self.blackout

    def watch_blackout(self, on: bool) -> None:
        from briefing.ui.screens.blackout import BlackoutScreen

        self._publish()
        if self.role == "console":
            return  # the console keeps its notes on screen, and says "blackout" instead
        showing = isinstance(self.screen, BlackoutScreen)
        if on and not showing:
            self.push_screen(BlackoutScreen(), self._blackout_ended)
        elif not on and showing:
            self.screen.dismiss()

    def _blackout_ended(self, _: None) -> None:
        self.blackout = False  # ended here by a key (ended by a linked process, it is already)

    def action_speaker(self) -> None:
        self.speaker = not self.speaker

    def action_toggle_progress(self) -> None:
        self.progress = not self.progress

    # -- the timer -----------------------------------------------------------------------------

    def action_toggle_timer(self) -> None:
        self.timer.toggle()
        self.timer_state = self.timer.state

    def action_reset_timer(self) -> None:
        self.timer.reset()
        self.timer_state = self.timer.state

    def watch_timer_state(self) -> None:
        self._publish()  # one timer for the whole show: console and audience views alike

    async def on_event(self, event: events.Event) -> None:
        # `timer: on-first-key`: whatever the first key does, it also starts the talk. The
        # timer's own keys decide for themselves (`t` starts it rather than pausing it).
        if (
            isinstance(event, events.Key)
            and self.timer.waiting
            and not (self.screen is self.present and event.key in _TIMER_KEYS)
        ):
            self.timer.start()
            self.timer_state = self.timer.state
        if isinstance(event, events.Key) and not event.is_forwarded and queue_own_binding(self, event):
            return  # applied by the text box after the keys that came before it
        await super().on_event(event)

    # -- leaving -------------------------------------------------------------------------------

    def _dirty_editor(self) -> EditorScreen | None:
        from briefing.ui.screens.editor import EditorScreen

        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen) and screen.dirty:
                return screen
        return None

    async def action_quit(self) -> None:
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

    def on_terminated(self, event: Terminated) -> None:
        """SIGTERM and SIGHUP end the show as `q` does: terminal restored, nothing half-written,
        and an unsaved editor buffer kept in a recovery file."""
        from briefing.ui.signals import EXIT_GRACE, leave_within

        editor = self._dirty_editor()
        if editor is not None:
            self.recovered = editor.keep_for_recovery()
        leave_within(EXIT_GRACE, event.exit_status)
        self.exit(return_code=event.exit_status)

    # -- editing -------------------------------------------------------------------------------

    def action_edit(self) -> None:
        """Open the current slide's source lines in the editor screen."""
        from briefing.editing import read_slide_source
        from briefing.ui.screens.editor import EditorScreen

        if not self.slide.blocks and not self.slide.notes:
            # an empty slide has no lines of its own to replace; E opens the whole file
            self.notify("This slide is empty: press E to edit its file", severity="warning", markup=False)
            return
        span = self.slide.span
        try:
            source = read_slide_source(span.path, span.start, span.end)
        except (OSError, UnicodeDecodeError) as error:
            self.notify(f"Cannot edit {span.path}: {error}", severity="error", markup=False)
            return
        self.push_screen(EditorScreen(source, dialect=self.deck.dialect, pictures=self.present.stage.pictures))

    def on_editor_screen_saved(self) -> None:
        self._reloads().reload()  # the watcher would too; this is sooner, and works without it

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
        self._reloads().reload()  # whatever its exit status, the editor may have saved

    # -- reloading -----------------------------------------------------------------------------

    def _reloads(self) -> Reloader:
        if self._reloader is None:
            from briefing.ui.reloader import Reloader

            self._reloader = Reloader(
                self,
                self.deck_path,
                dialect=self.dialect,
                directory=self.deck_directory,
                deck=self.deck,
                loaded_at=self.loaded_at,
            )
        return self._reloader

    def action_reload(self) -> None:
        """Load the deck again now, and say how it went (even if nothing changed)."""
        self._reloads().reload(announce=True)

    def on_deck_loaded(self, event: DeckLoaded) -> None:
        self.use_deck(event.deck, event.announce)

    def on_deck_failed(self, event: DeckFailed) -> None:
        if event.problem != self.reload_error or event.announce:
            self.reload_error = event.problem
            self._show_reload_error()

    def use_deck(self, deck: Deck, announce: bool = False) -> None:
        """Show `deck` in place of the current one, staying on the same slide; with `announce`,
        or after a failed reload, say so."""
        position = navigation.follow(self.deck, deck, self.position)
        recovered = self.reload_error is not None
        if recovered:
            self.reload_error = None
            self.clear_notifications()
        if recovered or announce:
            count = len(deck.slides)
            self.notify(f"reloaded ({count} slide{'' if count == 1 else 's'})", timeout=2, markup=False)
        self.set_reactive(BriefingApp.position, position)  # drawn with the deck, just below
        self.deck = deck

    def watch_deck(self) -> None:
        self._search_index = None  # built again for this deck when first asked for
        if self._code_runs is not None:
            self._code_runs.forget()

    def _show_reload_error(self) -> None:
        assert self.reload_error is not None
        self.clear_notifications()
        # stays up until the deck loads again; the last good deck stays on screen
        self.notify(self.reload_error, title="Deck not reloaded", severity="error", timeout=24 * 3600, markup=False)

    # -- linked processes (console and audience views in other terminals) ------------------

    async def _start_link(self) -> None:
        from briefing.ui.linking import ShowLink

        index, step = self.position
        self._link = ShowLink(
            self,
            self.deck_path,
            self.role,
            socket_path=self.sync_socket,
            initial=(index, step, self.blackout),
            initial_timer=self.timer.state,
        )
        await self._link.start()

    def _publish(self) -> None:
        if self._link is not None and not self._following:
            index, step = self.position
            self._link.publish(index, step, self.blackout, self.timer.state)

    def on_remote_moved(self, event: RemoteMoved) -> None:
        """Another process moved: follow it (its slide may not exist here after an edit)."""
        if self._link is None or not self._link.is_latest(event.state):
            return  # a newer state has come in since: its own message follows
        state = event.state
        self._following = True  # what changes here came from the link: nothing to tell it
        try:
            if state.timer != self.timer.state:
                self.timer.adopt(state.timer)
                self.timer_state = self.timer.state
            self.position = navigation.clamp(self.deck, Position(state.slide, state.step))
            self.blackout = state.blackout
        finally:
            self._following = False
        self._publish()  # only if the slide it is on does not exist here

    def on_group_changed(self, event: GroupChanged) -> None:
        was_clean, had_console = self.clean_view, self.console_linked
        self.console_linked = event.group.consoles > 0
        self.linked = event.connected
        if self.role == "console":
            self.audience_views = event.group.audiences
        self.clean_view = self._wants_clean_view()
        clean = self.clean_view
        if clean != was_clean or (clean and had_console != self.console_linked):
            self._reroute_problems()

    def on_audience_notice(self, event: AudienceNotice) -> None:
        """On the console: a problem an audience view kept from the room."""
        notice = event.notice
        if notice.text == self.reload_error:
            return  # the same deck: this console already says so
        title = f"Audience view: {notice.title}" if notice.title else "Audience view"
        severity: SeverityLevel = "error" if notice.severity == "error" else "warning"
        self.notify(notice.text, title=title, severity=severity, markup=False)

    def on_link_unavailable(self, event: LinkUnavailable) -> None:
        if self.role == "console":
            self.notify(f"Not linked to the audience view: {event.reason}", severity="warning", markup=False)

    async def on_unmount(self) -> None:
        if self._code_runs is not None:
            await self._code_runs.stop_and_wait()  # nothing a snippet started outlives the show
        if self._link is not None:
            await self._link.stop()

    # -- the clean audience view -------------------------------------------------------------

    def _wants_clean_view(self) -> bool:
        if self.role != "audience":
            return False
        return self.clean if self.clean is not None else self.console_linked

    def watch_clean_view(self, clean: bool) -> None:
        if clean and self.speaker:
            self.speaker = False  # the notes leave the room's screen
        if self.screen_stack:  # a link's last message can come after quitting took the screens
            self.refresh_bindings()

    def _reroute_problems(self) -> None:
        """Where problems go has changed: say the one on screen again where they go now (the
        console, the problem line, or a notification)."""
        self.clear_notifications()
        if self.reload_error is not None:
            self._show_reload_error()

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
                markup=False,
            )
        self._too_small = too_small

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.clean_view and action in _PRESENTER_ACTIONS:
            return False
        return not (action == "toggle_progress" and not self.clean_view)

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
        if not self.clean_view:
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
            return
        if severity == "information":
            return  # confirmations are for whoever typed; the room needs none
        text = plain_message(message, markup)
        if self.console_linked and self._link is not None:
            self._link.tell_consoles(severity, title, text)
            return
        line = f"{title}: {text}" if title else text
        self.room_problem = Problem(line, severity, self.NOTIFICATION_TIMEOUT if timeout is None else timeout)

    def clear_notifications(self) -> None:
        super().clear_notifications()
        self.room_problem = None
