"""Pilot tests: every binding of the show does what the help says."""

from __future__ import annotations

import pytest
from textual.command import CommandList
from textual.widgets import OptionList

from briefing.ui.navigation import Position
from briefing.ui.screens.blackout import BlackoutScreen
from briefing.ui.screens.help import HelpScreen
from briefing.ui.screens.overview import OverviewScreen
from briefing.ui.screens.search import SearchScreen
from tests.conftest import DECKS
from tests.ui.helpers import deliver_in_one_read, make_app, type_search, until, view_text

SHOW = DECKS / "show.md"  # Opening, Reveal (3 steps), Table, Chart, Tall, Closing


@pytest.mark.parametrize("key", ["right", "l", "space", "pagedown", "enter"])
async def test_next_keys(key):
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        assert app.position == Position(1, 0)
        assert "First point." in view_text(app)


@pytest.mark.parametrize("key", ["left", "h", "backspace", "pageup"])
async def test_previous_keys_come_back_to_a_whole_slide(key):
    app = make_app(SHOW, start_slide=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        assert app.position == Position(1, 2)  # Reveal, all three steps shown
        assert "Third point." in view_text(app)


@pytest.mark.parametrize("key", ["home", "g"])
async def test_first_keys(key):
    app = make_app(SHOW, start_slide=4)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        assert app.position == Position(0, 0)


@pytest.mark.parametrize("key", ["end", "G"])
async def test_last_keys(key):
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        assert app.position == Position(5, 0)
        assert "Thank you." in view_text(app)


async def test_reveal_steps_forward_and_back():
    app = make_app(SHOW, start_slide=2)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = []
        for _ in range(3):
            text = view_text(app)
            shown.append(tuple(p in text for p in ("First point.", "Second point.", "Third point.")))
            await pilot.press("right")
        assert shown == [(True, False, False), (True, True, False), (True, True, True)]
        assert app.position == Position(2, 0)
        await pilot.press("left")
        assert app.position == Position(1, 2)
        await pilot.press("left")
        assert app.position == Position(1, 1)
        assert "Third point." not in view_text(app)


async def test_digits_then_enter_jump_and_escape_cancels():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "enter")
        assert app.position == Position(3, 0)
        await pilot.press("2", "enter")
        assert app.position == Position(1, 2)  # coming back: the slide whole
        await pilot.press("5", "escape", "enter")
        assert app.position == Position(2, 0)  # Enter alone is "next"
        await pilot.press("9", "9", "enter")
        await pilot.pause()
        assert app.position == Position(2, 0)
        assert any("There is no slide 99" in str(n.message) for n in app._notifications)


async def test_overview_lists_every_slide_and_jumps():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OverviewScreen)
        listing = app.screen.query_one(OptionList)
        assert listing.option_count == 6
        assert listing.highlighted == 0
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OverviewScreen)
        assert app.position == Position(3, 0)
        await pilot.press("o", "escape")
        assert app.position == Position(3, 0)


async def test_search_finds_slide_text_and_notes_and_jumps():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await type_search(pilot, "aubergine")
        [match] = app.screen.matches
        assert (match.slide, match.where) == (1, "notes")
        await pilot.press("enter")
        await pilot.pause()
        assert app.position == Position(1, 0)
        await type_search(pilot, "last line")
        await pilot.press("enter")
        await pilot.pause()
        assert app.position == Position(4, 0)


async def test_search_moves_through_results_with_arrows():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_search(pilot, "point")
        assert [m.slide for m in app.screen.matches] == [1]
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await type_search(pilot, "line")
        assert [m.slide for m in app.screen.matches] == [4]
        await pilot.press("escape")
        assert app.position == Position(0, 0)


async def test_command_palette_goes_to_a_slide_by_title():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        deliver_in_one_read(app, *"Chart")  # typed fast; letters are handled in order
        hits = app.screen.query_one(CommandList)  # filled in by a worker: wait for the hit, not a while
        await until(lambda: hits.option_count > 0 and "Chart" in str(hits.get_option_at_index(0).prompt))
        await pilot.press("enter")
        await pilot.pause()
        assert app.position == Position(3, 0)


async def test_speaker_view_shows_notes_next_and_time_and_audience_never_sees_notes():
    app = make_app(SHOW, start_slide=2)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "aubergine" not in view_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert app.present.has_class("-speaker")
        assert "aubergine" in view_text(app, "#notes-view")
        assert "Table" in view_text(app, "#next-view")
        assert "aubergine" not in view_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert not app.present.has_class("-speaker")
        assert not app.present.query_one("#speaker").display


async def test_blackout_until_any_key_without_moving():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BlackoutScreen)
        await pilot.press("right")
        assert not isinstance(app.screen, BlackoutScreen)
        assert app.position == Position(0, 0)


async def test_timer_pauses_resumes_and_resets():
    now = [100.0]
    app = make_app(SHOW, clock=lambda: now[0])
    async with app.run_test(size=(80, 24)) as pilot:
        now[0] = 130.0
        assert app.timer.elapsed == 30
        await pilot.press("t")
        now[0] = 200.0
        assert app.timer.elapsed == 30 and not app.timer.running
        await pilot.press("t")
        now[0] = 210.0
        assert app.timer.elapsed == 40
        await pilot.press("T")
        assert app.timer.elapsed == 0 and app.timer.running


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_quit(key):
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
    assert app.return_code == 0


async def test_help_lists_every_binding():
    app = make_app(SHOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "".join(segment.text for segment in app.console.render(app.screen.table))
        for binding in app.present.BINDINGS:
            assert binding.description in text
        for keys in ("→, l, space, pgdn", "home, g", "end, G", "0, 1, 2, 3, 4, 5, 6, 7, 8, 9", "^p"):
            assert keys in text
        # Ctrl+C stops a code block that runs before it quits: a line of its own
        assert "Quit, or stop running code" in text and "^c" in text
        assert "Scroll down" in text and "right-click" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_click_advances_and_right_click_goes_back():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#slide-view")
        assert app.position == Position(1, 0)
        await pilot.click("#slide-view", button=3)
        assert app.position == Position(0, 0)


async def test_wheel_and_arrows_scroll_a_tall_slide_and_show_there_is_more():
    app = make_app(SHOW, start_slide=5)
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.pause()
        view = app.present.query_one("#slide-view")
        assert view.max_scroll_y > 0
        assert app.present.query_one("StatusBar").status.more_below
        from textual import events

        view.post_message(events.MouseScrollDown(view, 2, 2, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_offset.y > 0
        await pilot.press(*["down"] * view.max_scroll_y)  # more than the rows left: it stops at the end
        await pilot.pause()
        assert view.scroll_offset.y == view.max_scroll_y
        assert not app.present.query_one("StatusBar").status.more_below
        await pilot.press("end")  # a key never scrolls past the slide: End is "last slide"
        assert app.position == Position(5, 0)


async def test_two_keys_at_once_close_a_screen_only_once():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        for opener in ("b", "o", "question_mark", "slash"):
            await pilot.press(opener)
            screen = app.screen
            screen.dismiss(None)
            screen.dismiss(None)  # the second key, before the first close has happened
            await pilot.pause()
            assert app.screen is app.present
        await pilot.press("right")
        assert app.position == Position(1, 0)
