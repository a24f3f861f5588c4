"""What the presenter's screens show at 80×24: the console, and the clean audience view.

Update after an intended change with
`pytest tests/ui/test_snapshots_presenter.py --snapshot-update` and look at the new pictures
before committing them.
"""

from __future__ import annotations

from tests.conftest import BUNDLED
from tests.ui.helpers import make_app

SIZE = (80, 24)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


def test_console(snap_compare):
    # the timer in two lines, breaking between phrases; Next takes what it needs
    app = make_app(BUNDLED, start_slide=2, role="console")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_console_at_the_end_of_the_deck(snap_compare):
    app = make_app(BUNDLED, start_slide=9, role="console")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_clean_audience_view_with_progress_line(snap_compare):
    app = make_app(BUNDLED, start_slide=4, clean=True, progress=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_clean_audience_view_with_a_problem_and_no_console(snap_compare):
    async def mistype(pilot):
        await settle(pilot)
        await pilot.press("9", "9", "enter")
        await settle(pilot)

    app = make_app(BUNDLED, start_slide=4, clean=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=mistype)
