"""The speaker's side: the speaker view (`s`) and the presenter console's notes, next and time."""

from __future__ import annotations

import pytest

from briefing.ui.navigation import Position
from tests.conftest import BUNDLED, DECKS
from tests.ui.helpers import deliver_in_one_read, make_app, until, view_text

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


async def panel_drawn(app, pilot) -> None:
    """The speaker's panel is mounted and drawn a frame or more after it is asked for (the
    console's at start): wait for what it draws, not for the process to look idle."""
    await until(
        # the panel is set before its children are mounted: look for the view, then its text
        lambda: bool(app.present.query("#next-view")) and bool(view_text(app, "#next-view").strip()),
        lambda: "the speaker's panel is not drawn",
    )
    await pilot.pause()


@pytest.mark.parametrize("role", ["audience", "console"])
@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("shift+down", "shift+up")])
async def test_keys_scroll_the_notes_and_leave_the_slide_where_it_is(role, down, up):
    app = make_app(BUNDLED, start_slide=2, role=role)  # slide 2 has long notes
    async with app.run_test(size=(80, 24)) as pilot:
        if role == "audience":
            await pilot.press("s")
        await panel_drawn(app, pilot)
        notes = notes_view(app)
        assert notes.max_scroll_y > 0
        await pilot.press(down, down, down)
        assert notes.scroll_offset.y == 3
        await pilot.press(up)
        assert notes.scroll_offset.y == 2
        # held down, the key repeats: many in one read, two more than the bottom needs
        deliver_in_one_read(app, *[down] * notes.max_scroll_y)
        await until(lambda: notes.scroll_offset.y == notes.max_scroll_y, lambda: f"notes at {notes.scroll_offset}")
        await pilot.press(up)  # handled after all of them: they stopped at the bottom
        assert notes.scroll_offset.y == notes.max_scroll_y - 1
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
        await panel_drawn(app, pilot)
        upcoming = app.present.query_one("#next-view")
        assert view_text(app, "#next-view").strip() == "(end of the deck)"
        assert upcoming.size.height == 1
        at_the_end = notes_view(app).size.height
        await pilot.press("home")  # slide 1: the next slide is more than a glance
        await pilot.pause()
        assert 1 < upcoming.size.height < notes_view(app).size.height
        assert notes_view(app).size.height == at_the_end - (upcoming.size.height - 1)


def time_lines(app) -> list[str]:
    panel = app.present.query_one("#time-panel")
    return [line.rstrip() for line in panel.render().plain.split("\n")]


@pytest.mark.parametrize(
    ("size", "role", "expected"),
    [
        ((80, 24), "audience", ["Elapsed 0:00  Clock 09:30", "Remaining 10:00  on pace"]),
        ((80, 24), "console", ["Elapsed 0:00  Clock 09:30", "Remaining 10:00  on pace"]),
        ((120, 36), "audience", ["Elapsed 0:00  Remaining 10:00  on pace  Clock 09:30"]),
        ((40, 12), "audience", ["Elapsed 0:00", "Remaining 10:00", "on pace"]),
    ],
)
async def test_the_timer_is_laid_out_for_the_width_never_breaking_a_phrase(size, role, expected):
    app = make_app(SHOW, role=role)
    async with app.run_test(size=size) as pilot:
        if role == "audience":
            await pilot.press("s")
        await panel_drawn(app, pilot)  # the console's panel comes a frame or more after the first
        panel = app.present.query_one("#time-panel")
        assert time_lines(app) == expected
        assert panel.size.height == len(expected)  # drawn whole: nothing wraps or is cut


async def test_the_timer_stays_whole_when_paused_at_80x24():
    now = [0.0]
    app = make_app(SHOW, clock=lambda: now[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        now[0] = 754.0
        await pilot.press("t")
        await pilot.pause()
        assert time_lines(app) == ["Elapsed 12:34 paused  Clock 09:30", "Remaining -2:34  behind pace"]


def test_phrases_break_only_between_phrases_at_every_width():
    from rich.text import Text

    from briefing.ui.widgets.speaker_panel import fit_phrases

    a, b, c = Text("Elapsed 4:05"), Text("Remaining 10:55"), Text("on pace")
    layouts = [[[a, b, c]], [[a], [b, c]], [[a], [b], [c]]]
    for width in range(1, 60):
        lines = fit_phrases(layouts, width).plain.split("\n")
        assert all(len(line) <= width for line in lines)
        if width >= len("Remaining 10:55"):  # some layout fits: every phrase is whole
            phrases = [phrase for line in lines for phrase in line.split("  ")]
            assert sorted(phrases) == ["Elapsed 4:05", "Remaining 10:55", "on pace"]
        else:
            assert lines[1].endswith("\u2026")
    assert fit_phrases(layouts, 40).plain == "Elapsed 4:05  Remaining 10:55  on pace"
    assert fit_phrases(layouts, 25).plain == "Elapsed 4:05\nRemaining 10:55  on pace"
