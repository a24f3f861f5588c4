"""The clean audience view: the room sees the slide (and a thin progress line if asked for),
never a note, a key hint, a scrollbar or a message; problems go to the console, or to a line of
their own when there is no console."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from briefing.cli import build_parser
from briefing.ui.navigation import Position
from briefing.ui.screens.search import SearchScreen
from tests.conftest import BUNDLED, DECKS
from tests.sync.helpers import wait_until
from tests.ui.helpers import make_app, type_search, view_text

SHOW = DECKS / "show.md"  # Opening, Reveal (3 steps, notes: aubergine), Table, Chart, Tall, Closing


def shown(app, selector: str) -> bool:
    widgets = app.present.query(selector)
    return bool(widgets) and widgets.first().display and widgets.first().region.area > 0


def problem(app) -> str:
    line = app.present.query_one("#problem-line")
    return line.message if shown(app, "#problem-line") else ""


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


def copy_show(tmp_path) -> Path:
    path = tmp_path / "show.md"
    shutil.copy(SHOW, path)
    return path


async def reload_and_wait(app, pilot) -> None:
    app.action_reload()
    await app.workers.wait_for_complete()
    await settle(pilot)


def test_the_command_line_asks_for_a_clean_view_and_a_progress_line():
    parse = build_parser().parse_args
    assert parse(["present"]).clean is None  # while a console is linked
    assert parse(["present", "--clean"]).clean is True
    assert parse(["present", "--no-clean"]).clean is False
    assert parse(["present", "--clean", "--progress"]).progress is True


async def test_clean_shows_only_the_slide():
    app = make_app(SHOW, clean=True, start_slide=5)  # "Tall": it scrolls
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.present.query_one("#slide-view")
        assert not shown(app, "StatusBar") and not shown(app, "KeyHints")
        assert not shown(app, "#progress-line") and not shown(app, "#problem-line")
        assert view.size.height == 24  # every row is the slide's
        assert view.max_scroll_y > 0 and view.scrollbar_size_vertical == 0  # scrolls, no bar
        await pilot.press("down")
        assert view.scroll_offset.y == 1


@pytest.mark.parametrize("key", ["s", "e", "E", "j", "shift+down"])
async def test_no_key_shows_the_room_a_note(key):
    app = make_app(SHOW, clean=True, start_slide=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await settle(pilot)
        assert app.screen is app.present and not app.speaker
        assert not app.present.query("#notes-view") or not shown(app, "#notes-view")
        assert "aubergine" not in view_text(app)


async def test_search_in_a_clean_view_finds_slides_but_never_notes():
    app = make_app(SHOW, clean=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_search(pilot, "aubergine")
        assert isinstance(app.screen, SearchScreen) and app.screen.matches == []
        await pilot.press(*["backspace"] * 9)
        await type_search(pilot, "third")
        assert [(m.slide, m.where) for m in app.screen.matches] == [(1, "slide")]


async def test_the_progress_line_is_asked_for_or_toggled_with_p():
    app = make_app(SHOW, clean=True, progress=True, start_slide=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown(app, "#progress-line")
        line = app.present.query_one("#progress-line").render().plain
        assert line == "\u2501" * 40 + "\u2500" * 40  # slide 3 of 6: half way
        assert app.present.query_one("#slide-view").size.height == 23
        await pilot.press("p")
        await settle(pilot)
        assert not shown(app, "#progress-line")
        await pilot.press("p", "end")
        await settle(pilot)
        assert app.present.query_one("#progress-line").render().plain == "\u2501" * 80


async def test_p_does_nothing_in_the_ordinary_view():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        assert not shown(app, "#progress-line") and shown(app, "StatusBar")


async def test_without_a_console_a_problem_takes_a_line_under_the_slide_never_a_toast(tmp_path):
    path = copy_show(tmp_path)
    good = path.read_text()
    app = make_app(path, clean=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        path.write_text(good.replace("title: A test show", "title: [unclosed"))
        await reload_and_wait(app, pilot)
        assert toasts(app) == []
        assert problem(app).startswith("Deck not reloaded: show.md:3: front matter is not valid YAML")
        assert str(tmp_path) not in problem(app)  # relative to the deck
        assert app.present.query_one("#slide-view").size.height == 23  # beside, not over
        assert "Welcome to the show." in view_text(app)
        path.write_text(good)
        await reload_and_wait(app, pilot)
        assert problem(app) == "" and toasts(app) == []  # and no "reloaded" for the room
        assert app.present.query_one("#slide-view").size.height == 24


async def test_a_passing_warning_leaves_the_line_after_a_while():
    app = make_app(SHOW, clean=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("9", "9", "enter")
        await settle(pilot)
        assert problem(app) == "There is no slide 99 (1\u20136)"
        line = app.present.query_one("#problem-line")
        assert line._expiry is not None  # goes by itself, as a notification would
        line._expiry._callback()  # its time is up (no sleeping in tests)
        await settle(pilot)
        assert problem(app) == ""


async def test_the_ordinary_view_keeps_its_toasts_with_paths_relative_to_the_deck(tmp_path):
    path = copy_show(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        path.write_text("---\ntitle: [unclosed\n---\n# A\n")
        await reload_and_wait(app, pilot)
        [message] = toasts(app)
        assert message.startswith("show.md:3: ")
        assert not shown(app, "#problem-line")


# -- with a console ---------------------------------------------------------------------------


@pytest.fixture
def socket_path():
    folder = Path(tempfile.mkdtemp(prefix="bcln-", dir="/tmp"))  # socket paths must be short
    folder.chmod(0o700)
    yield folder / "show.sock"
    shutil.rmtree(folder, ignore_errors=True)


def linked(deck, socket_path, **options):
    return make_app(deck, sync=True, sync_socket=socket_path, **options)


def status_text(app) -> str:
    return app.present.query_one("StatusBar").render().plain


async def test_an_audience_view_is_clean_while_a_console_is_linked(socket_path):
    audience = linked(SHOW, socket_path, start_slide=2)
    async with audience.run_test(size=(80, 24)) as room:
        await room.press("s")  # someone opened the speaker view on the projector
        await wait_until(lambda: audience.link is not None and audience.link.is_hub)
        assert not audience.clean_view and shown(audience, "StatusBar")
        console = linked(SHOW, socket_path, role="console")
        async with console.run_test(size=(120, 36)):
            await wait_until(lambda: audience.clean_view)
            await settle(room)
            assert not audience.speaker  # the notes left the room's screen
            assert not shown(audience, "StatusBar") and not shown(audience, "KeyHints")
            assert "linked" not in status_text(audience)
            await wait_until(lambda: "1 audience view" in status_text(console))
        await wait_until(lambda: not audience.clean_view)  # the console went: back to normal
        await settle(room)
        assert shown(audience, "StatusBar")


async def test_the_console_says_when_no_audience_view_follows(socket_path):
    console = linked(SHOW, socket_path, role="console")
    async with console.run_test(size=(120, 36)) as desk:
        await wait_until(lambda: console.link is not None and console.link.is_hub)
        await settle(desk)
        console.present.tick()  # what the clock does each second
        assert "no audience view" in status_text(console)


async def test_no_clean_keeps_the_ordinary_view_with_a_console(socket_path):
    audience = linked(SHOW, socket_path, clean=False)
    console = linked(SHOW, socket_path, role="console")
    async with audience.run_test(size=(80, 24)) as room, console.run_test(size=(120, 36)):
        await wait_until(lambda: audience.console_linked)
        await settle(room)
        assert not audience.clean_view and shown(audience, "StatusBar")


async def test_an_audience_views_problem_goes_to_the_console(socket_path):
    audience = linked(SHOW, socket_path)
    console = linked(SHOW, socket_path, role="console")
    async with audience.run_test(size=(80, 24)) as room, console.run_test(size=(120, 36)):
        await wait_until(lambda: audience.clean_view)
        await room.press("9", "9", "enter")  # a key pressed on the projector's keyboard
        await wait_until(lambda: any("no slide 99" in m for m in toasts(console)))
        [notification] = console._notifications
        assert notification.title == "Audience view" and notification.severity == "warning"
        assert toasts(audience) == [] and problem(audience) == ""
        assert audience.position == Position(0, 0)


async def test_a_broken_deck_is_said_once_on_the_console_and_never_to_the_room(tmp_path, socket_path):
    path = copy_show(tmp_path)
    audience = linked(path, socket_path, clean=True)
    console = linked(path, socket_path, role="console")
    async with audience.run_test(size=(80, 24)) as room, console.run_test(size=(120, 36)) as desk:
        await wait_until(lambda: audience.console_linked)
        path.write_text("---\ntitle: [unclosed\n---\n# A\n")
        await reload_and_wait(audience, room)  # the audience view notices first
        await wait_until(lambda: len(console._notifications) == 1)
        await reload_and_wait(console, desk)
        [message] = toasts(console)  # its own error replaced the audience view's copy
        assert message.startswith("show.md:3: ") and console.reload_error == message
        audience._show_reload_error()  # said again (say, a console joined): nothing new
        await room.press("9", "9", "enter")  # a later notice: when it is in, so is the first
        await wait_until(lambda: len(toasts(console)) == 2)
        assert toasts(console) == [message, "There is no slide 99 (1\u20136)"]
        assert toasts(audience) == [] and problem(audience) == ""


async def test_with_clean_and_no_console_left_the_problem_comes_back_to_the_line(tmp_path, socket_path):
    path = copy_show(tmp_path)
    audience = linked(path, socket_path, clean=True)
    async with audience.run_test(size=(80, 24)) as room:
        console = linked(path, socket_path, role="console")
        async with console.run_test(size=(120, 36)):
            await wait_until(lambda: audience.console_linked)
            path.write_text("---\ntitle: [unclosed\n---\n# A\n")
            await reload_and_wait(audience, room)
            assert problem(audience) == ""  # the console has it
        await wait_until(lambda: not audience.console_linked)
        await settle(room)
        assert problem(audience).startswith("Deck not reloaded: show.md:3: ")


async def test_the_bundled_deck_in_a_clean_view_never_shows_a_note_on_any_slide():
    app = make_app(BUNDLED, clean=True)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = {note.text for slide in app.deck.slides for note in slide.notes}
        visited = []
        while app.position not in visited:  # every step of every slide, then once more at the end
            visited.append(app.position)
            await pilot.press("s", "right")
            text = view_text(app)
            assert all(note.split("\n")[0] not in text for note in notes)
            assert not app.speaker
        assert app.position.slide == len(app.deck.slides) - 1


async def test_the_console_hears_when_the_audience_terminal_is_too_small(socket_path):
    audience = linked(SHOW, socket_path)
    console = linked(SHOW, socket_path, role="console")
    async with audience.run_test(size=(80, 24)) as room, console.run_test(size=(120, 36)):
        await wait_until(lambda: audience.clean_view)
        await room.resize_terminal(30, 10)
        await wait_until(lambda: len(toasts(console)) == 1)
        assert toasts(console) == ["The audience terminal is too small for the slide: 30\u00d710, it needs 40\u00d712"]
        await room.resize_terminal(35, 10)  # still too small: said once
        await room.resize_terminal(80, 24)
        await room.press("9", "9", "enter")  # a later notice: when it is in, so is any other
        await wait_until(lambda: "There is no slide 99 (1\u20136)" in toasts(console))
        assert len(toasts(console)) == 2 and shown(audience, "#slide-view")


def test_messages_name_files_relative_to_the_deck(tmp_path):
    from briefing.core.errors import DeckError
    from briefing.ui.notices import deck_directory, deck_relative

    deck = tmp_path / "talk"
    deck.mkdir()
    folder = deck_directory(deck)
    assert deck_relative(DeckError(deck / "02-cost.md", 3, "bad"), folder) == "02-cost.md:3: bad"
    assert deck_relative(DeckError(deck, 1, "no slides"), folder) == "talk:1: no slides"
    outside = tmp_path / "elsewhere.md"
    assert deck_relative(DeckError(outside, 2, "x"), folder) == f"{outside}:2: x"
    single = tmp_path / "talk.md"
    single.write_text("# A\n")
    assert deck_relative(DeckError(single, 5, "x"), deck_directory(single)) == "talk.md:5: x"


async def test_a_warning_at_launch_reaches_the_problem_line():
    app = make_app(SHOW, clean=True, theme="no-such-theme")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert problem(app).startswith("Unknown theme 'no-such-theme'")
        assert toasts(app) == []
