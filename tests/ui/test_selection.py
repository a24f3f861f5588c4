"""Selecting slide text with the mouse and copying it: the plain text of what was selected,
drawn highlighted, and a drag is not a click (it never turns the page)."""

from __future__ import annotations

from textual import events

from briefing.ui.navigation import Position
from briefing.ui.widgets.paged_view import PagedView
from tests.conftest import DECKS
from tests.ui.helpers import make_app

SHOW = DECKS / "show.md"  # slide 2, "Reveal": First point. / Second point. / Third point.


def where(view: PagedView, text: str) -> tuple[int, int]:
    """The (column, row) in the view where `text` is drawn."""
    for row, line in enumerate(view.text.split("\n")):
        if text in line:
            return line.index(text), row
    raise AssertionError(f"{text!r} is not drawn: {view.text!r}")


async def test_a_drag_across_a_slide_selects_its_text_and_the_copy_key_copies_it():
    app = make_app(SHOW, start_slide=3)  # going back to "Reveal" shows it whole
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left")
        assert app.position == Position(1, 2)
        await pilot.pause()  # the key hints are in: the slide is where it stays
        view = app.present.query_one("#slide-view", PagedView)
        column, row = where(view, "First point.")
        _, last = where(view, "Third point.")
        await pilot.mouse_down(view, offset=(column + 6, row))  # from "point." ...
        await pilot.hover(view, offset=(column + 5, last))  # ... to "Third" (the end is excluded)
        await pilot.mouse_up(view, offset=(column + 5, last))
        assert app.screen.get_selected_text() == "point.\n\nSecond point.\n\nThird"
        await pilot.press("super+c")  # the terminal's copy key, as Textual maps it
        assert app.clipboard == "point.\n\nSecond point.\n\nThird"
        assert app.position == Position(1, 2)  # selecting is not navigating


async def test_the_selection_is_drawn_highlighted_and_the_margin_is_not_copied():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the key hints are in: the slide is where it stays
        view = app.present.query_one("#slide-view", PagedView)
        column, row = where(view, "Welcome to the show.")
        await pilot.mouse_down(view, offset=(0, row))  # in the margin, left of the text
        await pilot.hover(view, offset=(column + 7, row))
        await pilot.mouse_up(view, offset=(column + 7, row))
        assert app.screen.get_selected_text() == "Welcome"
        selected = app.screen.get_component_rich_style("screen--selection")
        line = view.render_line(row - int(view.scroll_offset.y))
        highlighted = "".join(
            segment.text for segment in line if segment.style and segment.style.bgcolor == selected.bgcolor
        )
        assert highlighted.strip() == "Welcome"


async def test_a_drag_is_not_a_click():
    """Through the app as a terminal delivers it: the mouse-up of a drag ends on the widget it
    started on, which Textual also reports as a click; the page must not turn."""
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the key hints are in: the slide is where it stays
        view = app.present.query_one("#slide-view", PagedView)
        column, row = where(view, "Welcome to the show.")
        x, y = view.region.x + column, view.region.y + row
        app.post_message(events.MouseDown(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y))
        await pilot.pause()
        app.post_message(events.MouseMove(None, x + 7, y, 7, 0, 1, False, False, False, screen_x=x + 7, screen_y=y))
        await pilot.pause()
        app.post_message(events.MouseUp(None, x + 7, y, 0, 0, 1, False, False, False, screen_x=x + 7, screen_y=y))
        await pilot.pause()
        assert app.screen.get_selected_text() == "Welcome"
        assert app.position == Position(0, 0)
        await pilot.click("#slide-view")  # a click (down and up in one place) still turns it
        assert app.position == Position(1, 0)


async def test_new_content_drops_a_selection_of_the_old():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the key hints are in: the slide is where it stays
        view = app.present.query_one("#slide-view", PagedView)
        column, row = where(view, "Welcome to the show.")
        await pilot.mouse_down(view, offset=(column, row))
        await pilot.hover(view, offset=(column + 7, row))
        await pilot.mouse_up(view, offset=(column + 7, row))
        assert app.screen.get_selected_text() == "Welcome"
        await pilot.press("right")
        await pilot.pause()
        assert not app.screen.get_selected_text()


async def test_a_wide_line_that_scrolls_sideways_is_copied_whole(tmp_path):
    long_line = "x = [" + ", ".join(str(n) for n in range(60)) + "]"
    deck = tmp_path / "wide.md"
    deck.write_text(f"# Wide\n\n```python\n{long_line}\n```\n")
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the key hints are in: the slide is where it stays
        view = app.present.query_one("#slide-view", PagedView)
        assert view.max_pan > 0
        _, row = where(view, "x = [")
        await pilot.mouse_down(view, offset=(10, row))
        await pilot.hover(view, offset=(20, row))
        await pilot.mouse_up(view, offset=(20, row))
        assert app.screen.get_selected_text() == long_line


async def test_code_keeps_its_own_indentation_but_not_the_blocks_padding(tmp_path):
    deck = tmp_path / "code.md"
    deck.write_text("# Code\n\n```python\ndef f():\n    return 1\n```\n")
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the key hints are in: the slide is where it stays
        view = app.present.query_one("#slide-view", PagedView)
        _, first = where(view, "def f():")
        _, last = where(view, "return 1")
        await pilot.mouse_down(view, offset=(0, first))
        await pilot.hover(view, offset=(70, last))
        await pilot.mouse_up(view, offset=(70, last))
        assert app.screen.get_selected_text() == "def f():\n    return 1"
