"""What the screen shows at 80×24, compared with stored SVG snapshots.

Update after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the new pictures in the report before committing them.
"""

from __future__ import annotations

from textual.widgets import Input

from tests.conftest import BUNDLED, DECKS
from tests.ui.helpers import make_app

SIZE = (80, 24)


def bundled(**options):
    return make_app(BUNDLED, **options)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


def test_title_slide(snap_compare):
    assert snap_compare(bundled(), terminal_size=SIZE, run_before=settle)


def test_table_slide(snap_compare):
    # slide 5 has the H800/H100 table after a pause; coming back shows it whole
    assert snap_compare(bundled(start_slide=6), press=["left"], terminal_size=SIZE, run_before=settle)


def test_chart_slide(snap_compare):
    assert snap_compare(bundled(start_slide=8), terminal_size=SIZE, run_before=settle)


def test_slide_mid_reveal(snap_compare):
    assert snap_compare(bundled(start_slide=7), press=["right"], terminal_size=SIZE, run_before=settle)


def test_speaker_view(snap_compare):
    assert snap_compare(bundled(start_slide=4), press=["s"], terminal_size=SIZE, run_before=settle)


def test_overview(snap_compare):
    assert snap_compare(bundled(start_slide=3), press=["o"], terminal_size=SIZE, run_before=settle)


def test_search_results(snap_compare):
    async def search(pilot):
        await settle(pilot)  # the key hints are mounted after the first frame
        await pilot.press("slash")
        await pilot.pause()
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.press(*"Bloomberg")
        await settle(pilot)

    assert snap_compare(bundled(), terminal_size=SIZE, run_before=search)


def test_help(snap_compare):
    assert snap_compare(bundled(), press=["question_mark"], terminal_size=SIZE, run_before=settle)


def test_too_small(snap_compare):
    assert snap_compare(bundled(), terminal_size=(30, 10), run_before=settle)


def wide(**options):
    return make_app(DECKS / "wide.md", **options)


def test_wide_table(snap_compare):
    # 14 columns at 80 columns: cells whole, arrows where the table goes on
    assert snap_compare(wide(start_slide=2), terminal_size=SIZE, run_before=settle)


def test_wide_table_scrolled(snap_compare):
    assert snap_compare(wide(start_slide=2), press=["shift+right"], terminal_size=SIZE, run_before=settle)


def test_wide_table_on_a_wide_screen(snap_compare):
    assert snap_compare(wide(start_slide=2), terminal_size=(200, 50), run_before=settle)


def test_long_code_line(snap_compare):
    assert snap_compare(wide(start_slide=4), terminal_size=SIZE, run_before=settle)


def test_no_color(snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(bundled(start_slide=2), terminal_size=SIZE, run_before=settle)
