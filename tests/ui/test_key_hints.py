"""The key hints line: drawn as Textual's Footer draws it, kept up to date, and clickable."""

from __future__ import annotations

import re
from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Footer, Static

from briefing.ui.screens.overview import OverviewScreen
from briefing.ui.widgets.key_hints import KeyHints
from tests.conftest import BUNDLED
from tests.ui.helpers import make_app, until


class Hinted(App[None]):
    """A bare app with three shown keys, one of them unavailable (dimmed), under either line."""

    TITLE = "hints"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "step(-1)", "Previous"),
        Binding("ctrl+s", "save", "Save"),
        Binding("x", "hidden", "Not shown", show=False),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, line: type[Widget]) -> None:
        super().__init__()
        self.line = line
        self.done: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield Footer(show_command_palette=False) if self.line is Footer else KeyHints()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "save" else True  # None: shown, but dimmed

    def action_step(self, by: int) -> None:
        self.done.append(f"step {by}")

    def action_help(self) -> None:
        self.done.append("help")

    def bell(self) -> None:
        self.bells += 1


async def _drawn(line: type[Widget], hover_x: int | None) -> str:
    app = Hinted(line)
    async with app.run_test(size=(60, 3)) as pilot:
        await until(lambda: "Help" in app.export_screenshot(), lambda: "no hints drawn")
        if hover_x is not None:
            await pilot.hover(offset=(hover_x, 2))
        await pilot.pause()
        # the stylesheet's class names are hashed from the app: only the drawing is compared
        return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())


@pytest.mark.parametrize("hover_x", [None, 2, 14, 25], ids=["still", "hover-first", "hover-dimmed", "hover-last"])
async def test_the_line_is_drawn_as_textuals_footer_draws_it(hover_x):
    # Same colours, spacing, dimming and hover, in any theme that styles the Footer's variables.
    assert await _drawn(KeyHints, hover_x) == await _drawn(Footer, hover_x)
    if hover_x is not None:
        assert await _drawn(KeyHints, hover_x) != await _drawn(KeyHints, None)


async def test_a_click_on_a_hint_presses_its_key_and_an_unavailable_one_rings_the_bell():
    app = Hinted(KeyHints)
    async with app.run_test(size=(60, 3)) as pilot:
        hints = app.query_one(KeyHints)
        await until(lambda: hints.hints, lambda: "the hints are read after the first frame")
        by_name = {hint.description: hint for hint in hints.hints}
        assert list(by_name) == ["Previous", "Save", "Help"]  # shown ones only, in order
        assert [hint.shown for hint in hints.hints] == ["←", "^s", "?"]
        await pilot.click(KeyHints, offset=(by_name["Previous"].start, 0))
        await pilot.click(KeyHints, offset=(by_name["Help"].end - 1, 0))
        await pilot.click(KeyHints, offset=(by_name["Save"].start + 1, 0))
        await pilot.click(KeyHints, offset=(by_name["Help"].end + 5, 0))  # past the last: nothing
        await pilot.pause()
        assert app.done == ["step -1", "help"]
        assert app.bells == 1


async def test_the_shows_hints_follow_its_state_and_a_click_opens_the_overview():
    app = make_app(BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(lambda: app.screen.query(KeyHints), lambda: "no key hints after the first frame")
        hints = app.screen.query_one(KeyHints)
        await until(lambda: hints.hints and hints.size.width, lambda: "the hints are not read, or not laid out")
        names = [hint.description for hint in hints.hints]
        assert names == ["Previous", "Next", "Overview", "Search", "Speaker view", "Help", "Quit"]
        overview = next(hint for hint in hints.hints if hint.description == "Overview")
        await pilot.click(KeyHints, offset=(overview.start + 1, 0))
        await until(lambda: isinstance(app.screen, OverviewScreen), lambda: f"screen is {app.screen!r}")
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, OverviewScreen))
        app.clean_view = True  # the room's view: presenter keys are unavailable, and not hinted
        await until(lambda: "Speaker view" not in [h.description for h in hints.hints], lambda: str(hints.hints))


@pytest.mark.parametrize("clean", [False, True], ids=["presenter", "clean-audience-view"])
async def test_the_hints_come_after_the_first_frame_into_a_row_kept_for_them(clean, monkeypatch):
    # The slide is laid out once, at its final size: the hints do not push it up a row later.
    from briefing.ui.screens.present import PresentScreen

    first_frame: list[tuple[int, int]] = []
    original = PresentScreen._after_first_frame

    def after_first_frame(screen: PresentScreen) -> None:
        first_frame.append(tuple(screen.stage.slide_view.size))
        assert not screen.query(KeyHints)  # not in the first frame: it shows the slide sooner
        original(screen)

    monkeypatch.setattr(PresentScreen, "_after_first_frame", after_first_frame)
    app = make_app(BUNDLED, clean=True) if clean else make_app(BUNDLED)
    async with app.run_test(size=(80, 24)):
        await until(lambda: app.screen.query(KeyHints) and app.screen.query_one(KeyHints).hints, str)
        await until(lambda: not app.screen.has_class("-hints-to-come"), str)
        view = app.screen.stage.slide_view
        assert first_frame == [tuple(view.size)]
        hints = app.screen.query_one(KeyHints)
        if clean:
            assert not hints.display and view.region.bottom >= 23  # the room's view keeps no row
        else:
            assert hints.region.y == 23 and view.region.bottom <= 22
