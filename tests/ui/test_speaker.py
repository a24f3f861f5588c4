"""The speaker's side: the speaker view (`s`) and the presenter console's notes, next and time."""

from __future__ import annotations

from tests.conftest import DECKS
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
