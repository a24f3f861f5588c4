"""Tables and code wider than the slide: nothing is cut unseen, and the view scrolls sideways."""

from __future__ import annotations

import re

import pytest
from textual import events
from textual.binding import Binding
from textual.geometry import Region

from briefing.render.frame import wide_width
from briefing.ui.widgets.paged_view import PagedView
from tests.conftest import DECKS
from tests.ui.helpers import make_app, view_text

WIDE = DECKS / "wide.md"
TABLE, WRAPPED, CODE = 2, 3, 4  # slides of wide.md


def screen_lines(app) -> list[str]:
    """The slide view's rows as the terminal shows them."""
    view = app.present.query_one("#slide-view", PagedView)
    rows = []
    for y in range(view.size.height):
        (strip,) = view.render_lines(Region(0, y, view.size.width, 1))
        rows.append(strip.text)
    return rows


def table_rows(app) -> list[str]:
    return [row for row in screen_lines(app) if "\u2192" in row or "\u2190" in row]


async def test_a_table_too_wide_scrolls_sideways_with_arrows_and_no_cut_cells():
    app = make_app(WIDE, start_slide=TABLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.present.query_one("#slide-view", PagedView)
        assert "\u2026" not in view_text(app)  # no cell ends in an ellipsis
        for number in ("1,234,567", "2,354,669", "-3.4%", "22.1%"):
            assert number in view_text(app)
        rows = table_rows(app)
        assert len(rows) == 8  # header, rule, three rows of two lines each
        assert all(row.rstrip().endswith("\u2192") and "\u2190" not in row for row in rows)
        assert "Revenue by quarter" in screen_lines(app)[1]
        seen = set(re.findall(r"[\d,.%-]+", " ".join(rows)))
        for key in ["shift+right"] * 6:
            await pilot.press(key)
            seen.update(re.findall(r"[\d,.%-]+", " ".join(table_rows(app))))
        assert view.pan == view.max_pan > 0
        rows = table_rows(app)
        assert all("\u2190" in row and "\u2192" not in row for row in rows)
        assert any(row.rstrip().endswith("steady") for row in rows)
        assert {"1,234,567", "1,244,566", "2,354,669", "12.5%", "-3.4%"} <= seen
        assert "Revenue by quarter" in screen_lines(app)[1]  # the title stays where it was
        await pilot.press("shift+left", "shift+left", "left_square_bracket", "left_square_bracket")
        assert view.pan == 0 and all("\u2190" not in row for row in table_rows(app))
        await pilot.press("right_square_bracket")
        assert 0 < view.pan < view.max_pan


async def test_shift_wheel_and_sideways_wheel_scroll_wide_lines():
    app = make_app(WIDE, start_slide=CODE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.present.query_one("#slide-view", PagedView)

        def wheel(event_type, shift=False):  # as the terminal sends it: to the app, at a place
            x, y = view.region.x + 10, view.region.y + 5
            app.post_message(event_type(None, x, y, 0, 1, 0, shift, False, False, screen_x=x, screen_y=y))

        wheel(events.MouseScrollDown, shift=True)
        await pilot.pause()
        assert view.pan == PagedView.WHEEL_PAN
        wheel(events.MouseScrollRight)
        await pilot.pause()
        assert view.pan == 2 * PagedView.WHEEL_PAN
        wheel(events.MouseScrollLeft)
        wheel(events.MouseScrollUp, shift=True)
        await pilot.pause()
        assert view.pan == 0
        wheel(events.MouseScrollDown)  # an ordinary wheel step still scrolls up and down only
        await pilot.pause()
        assert view.pan == 0


async def test_a_long_code_line_says_it_goes_on_and_scrolls_into_view():
    app = make_app(WIDE, start_slide=CODE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        code = [row for row in screen_lines(app) if "def train" in row or "return model" in row]
        assert len(code) == 2 and all(row.rstrip().endswith("\u2192") for row in code)
        assert "warmup_steps=2000):" not in "".join(screen_lines(app))
        await pilot.press("shift+right", "shift+right")
        rows = screen_lines(app)
        assert any(row.rstrip().endswith("warmup_steps=2000):") for row in rows)
        assert any(row.lstrip().startswith("\u2190") and "short line" in row for row in rows)
        await pilot.press("right")  # the next slide starts unscrolled
        await pilot.press("left")
        assert app.present.query_one("#slide-view", PagedView).pan == 0


async def test_on_a_wide_screen_the_table_uses_the_room_beside_the_text_column():
    app = make_app(WIDE, start_slide=TABLE)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        view = app.present.query_one("#slide-view", PagedView)
        assert view.max_pan == 0
        rows = screen_lines(app)
        assert not any("\u2192" in row or "\u2190" in row for row in rows)
        line = next(row for row in rows if "Asia-Pacific" in row)
        assert "2,354,669" in line and "fastest growing" in line  # one line: nothing wrapped
        title = next(row for row in rows if "Revenue by quarter" in row)
        assert title.index("Revenue") == (view.scrollable_content_region.width - view.column_width) // 2


async def test_a_table_that_fits_the_text_column_when_wrapped_stays_in_it():
    app = make_app(WIDE, start_slide=WRAPPED)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        view = app.present.query_one("#slide-view", PagedView)
        left = (view.scrollable_content_region.width - view.column_width) // 2
        rows = [row for row in screen_lines(app) if row.strip()]
        assert all(len(row) - len(row.lstrip()) >= left for row in rows)
        assert all(len(row.rstrip()) <= left + view.column_width for row in rows)
        assert any(row.strip() == "launch" for row in rows)  # its cells wrap instead


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_the_view_gives_wide_blocks_the_room_check_measures_with(size):
    app = make_app(WIDE, start_slide=TABLE)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.present.query_one("#slide-view", PagedView).wide_width == wide_width(size[0])


async def test_the_keys_are_in_help():
    app = make_app(WIDE)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        rows = app.screen.table.columns[0]._cells, app.screen.table.columns[1]._cells
        keys = dict(zip((str(k) for k in rows[1]), (str(k) for k in rows[0]), strict=True))
        assert "]" in keys["Scroll a wide table or code right"]
        assert "[" in keys["Scroll a wide table or code left"]
        shown = app.get_key_display(Binding("shift+right", ""))
        assert shown in keys["Scroll a wide table or code right"]
