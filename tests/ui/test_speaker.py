"""The speaker's side: the speaker view (`s`) and the presenter console's notes, next and time."""

from __future__ import annotations

import pytest

from briefing.ui.navigation import Position
from tests.conftest import BUNDLED, DECKS
from tests.ui.helpers import make_app, view_text

SHOW = DECKS / "show.md"  # Opening, Reveal (3 steps, notes: aubergine), Table, Chart, Tall, Closing


async def test_notes_and_next_are_drawn_every_time_the_speaker_view_opens():
    app = make_app(SHOW, start_slide=2)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await pilot.press("s")
            await pilot.pause()
            assert "aubergine" in view_text(app, "#notes-view")
            assert "Table" in view_text(app, "#next-view")
            await pilot.press("s")
            await pilot.pause()


async def test_the_console_redraws_notes_after_hiding_and_showing_them():
    app = make_app(SHOW, start_slide=2, role="console")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "aubergine" in view_text(app, "#notes-view")
        await pilot.press("s", "s")
        await pilot.pause()
        assert "aubergine" in view_text(app, "#notes-view")
        assert "Table" in view_text(app, "#next-view")


async def test_the_console_without_its_panel_lays_the_slide_out_full_width():
    app = make_app(SHOW, role="console")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        view = app.present.query_one("#slide-view")
        small = view.column_width
        await pilot.press("s")
        await pilot.pause()
        assert not app.speaker
        assert view.size.width == 120
        assert view.column_width > small
        assert view.column_width == min(100, 120 - 2 * view.pad_columns)


def notes_view(app):
    return app.present.query_one("#notes-view")


@pytest.mark.parametrize("role", ["audience", "console"])
@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("shift+down", "shift+up")])
async def test_keys_scroll_the_notes_and_leave_the_slide_where_it_is(role, down, up):
    app = make_app(BUNDLED, start_slide=2, role=role)  # slide 2 has long notes
    async with app.run_test(size=(80, 24)) as pilot:
        if role == "audience":
            await pilot.press("s")
        await pilot.pause()
        notes = notes_view(app)
        assert notes.max_scroll_y > 0
        await pilot.press(down, down, down)
        assert notes.scroll_offset.y == 3
        await pilot.press(up)
        assert notes.scroll_offset.y == 2
        await pilot.press(*[down] * 100)
        assert notes.scroll_offset.y == notes.max_scroll_y
        assert app.present.query_one("#slide-view").scroll_offset.y == 0
        assert app.position == Position(1, 0)
        await pilot.press("right", "right")  # a new slide's notes start at the top
        await pilot.pause()
        assert notes.scroll_offset.y == 0


async def test_note_keys_do_nothing_in_the_audience_view():
    app = make_app(BUNDLED, start_slide=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "shift+down", "k")
        await pilot.pause()
        assert app.position == Position(1, 0) and not app.speaker


async def test_help_lists_the_keys_that_scroll_the_notes():
    app = make_app(SHOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        text = "".join(segment.text for segment in app.console.render(app.screen.table))
        assert "Scroll the notes down" in text and "Scroll the notes up" in text
        assert "j, shift+↓" in text and "k, shift+↑" in text


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_next_takes_only_the_lines_it_needs_and_the_notes_get_the_rest(size):
    app = make_app(BUNDLED, start_slide=9, role="console")  # the last slide
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        upcoming = app.present.query_one("#next-view")
        assert view_text(app, "#next-view").strip() == "(end of the deck)"
        assert upcoming.size.height == 1
        at_the_end = notes_view(app).size.height
        await pilot.press("home")  # slide 1: the next slide is more than a glance
        await pilot.pause()
        assert 1 < upcoming.size.height < notes_view(app).size.height
        assert notes_view(app).size.height == at_the_end - (upcoming.size.height - 1)
