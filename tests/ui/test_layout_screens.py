"""Columns, alignment and code walk-throughs on screen, at 80×24 and 200×50 (issue 12 §2, §3).

Update the snapshots after an intended change with
`pytest tests/ui/test_layout_screens.py --snapshot-update`, and look at them before committing.
"""

from __future__ import annotations

import pytest

from briefing.ui.widgets.paged_view import PagedView
from tests.conftest import DECKS
from tests.ui.helpers import make_app, view_text

LAYOUT = DECKS / "layout.md"
TWO_COLS = DECKS / "two-cols.md"
SIZES = {"80x24": (80, 24), "200x50": (200, 50)}

# (deck, slide, keys pressed) for each screen
SCREENS = {
    "title": (LAYOUT, 1, []),
    "two-columns": (LAYOUT, 2, []),
    "three-columns": (LAYOUT, 3, []),  # stacked at 80 columns, side by side at 200
    "centred": (LAYOUT, 4, []),
    "code-step-1": (LAYOUT, 5, []),
    "code-step-2": (LAYOUT, 5, ["right"]),
    "code-step-3": (LAYOUT, 5, ["right", "right"]),
    "code-speaker": (LAYOUT, 5, ["right", "s"]),
    "slidev-two-cols": (TWO_COLS, 2, []),
    "slidev-centred-code": (TWO_COLS, 3, []),
}


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_layout_screen(snap_compare, screen, size):
    deck, slide, keys = SCREENS[screen]
    app = make_app(deck, start_slide=slide)
    assert snap_compare(app, press=keys, terminal_size=SIZES[size], run_before=settle)


def rows_with(text: str, *needles: str) -> set[int]:
    lines = text.split("\n")
    return {number for number, line in enumerate(lines) for needle in needles if needle in line}


async def test_columns_sit_side_by_side_or_stack_with_the_width():
    for size, side_by_side in (((80, 24), False), ((200, 50), True)):
        app = make_app(LAYOUT, start_slide=3)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            rows = rows_with(view_text(app), "Alpha,", "Beta,", "Gamma,")
            assert (len(rows) == 1) is side_by_side, (size, rows)
    app = make_app(LAYOUT, start_slide=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(rows_with(view_text(app), "The wider", "The narrow")) == 1


async def test_a_title_slide_and_a_centred_slide_sit_in_the_middle():
    app = make_app(LAYOUT, start_slide=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = view_text(app).split("\n")
        title = next(line for line in lines if "Layout and code" in line)
        assert abs(title.index("Layout") - (80 - len("Layout and code")) // 2) <= 2
        assert 8 <= lines.index(title) <= 11  # down the middle, not at the top
        await pilot.press("right", "right", "right")
        await settle(pilot)
        lines = view_text(app).split("\n")
        line = next(line for line in lines if "Centred, across" in line)
        assert abs(line.index("Centred") - (80 - len("Centred, across and down.")) // 2) <= 2
        assert lines.index(line) >= 9


def dimmed(app, needle: str) -> bool:
    """Whether the line of the slide showing `needle` is drawn dim."""
    view = app.present.query_one("#slide-view", PagedView)
    strip = next(line for line in view._lines if needle in line.text)
    return all(segment.style and segment.style.dim for segment in strip if needle[:3] in segment.text)


async def test_each_code_step_highlights_its_lines_and_dims_the_rest():
    app = make_app(LAYOUT, start_slide=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not dimmed(app, "def greet") and dimmed(app, "print(greet")
        assert "The call comes last." in view_text(app)  # the text after the code is there
        assert " 1  def greet" in view_text(app)  # +line_numbers
        await pilot.press("right")
        await settle(pilot)
        assert app.position == (4, 1)
        assert dimmed(app, "def greet") and not dimmed(app, "print(greet")
        await pilot.press("right")
        await settle(pilot)
        assert not dimmed(app, "def greet") and not dimmed(app, "print(greet")
        await pilot.press("left", "left")
        await settle(pilot)
        assert app.position == (4, 0) and dimmed(app, "print(greet")


async def test_a_tall_walk_through_scrolls_to_the_lines_it_highlights(tmp_path):
    code = "\n".join(f"line_{n} = {n}" for n in range(1, 61))
    deck = tmp_path / "tall.md"
    deck.write_text(f"# Tall code\n\n```python {{1-3|55-57}}\n{code}\n```\n")
    app = make_app(deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.present.query_one("#slide-view", PagedView)
        assert view.more_below and view.scroll_offset.y == 0
        await pilot.press("right")
        await settle(pilot)
        shown = [view.render_line(y).text for y in range(view.size.height)]
        assert any("line_55 = 55" in line for line in shown) and any("line_57 = 57" in line for line in shown)
        await pilot.press(*["down"] * 4)  # the rest of the code is there to scroll to, not cut
        await settle(pilot)
        shown = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "line_60 = 60" in shown and not view.more_below
