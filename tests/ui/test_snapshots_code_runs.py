"""A code block's output framed under it, at 80×24 and 200×50 (issue 12 §4).

Update after an intended change with `pytest tests/ui/test_snapshots_code_runs.py
--snapshot-update` and look at the new pictures in the report before committing them.
"""

from __future__ import annotations

import pytest

from tests.conftest import DECKS
from tests.ui.helpers import make_app, until

DECK = DECKS / "exec" / "talk.md"


async def run_the_block(pilot) -> None:
    app = pilot.app
    await pilot.pause()
    await pilot.press("x")
    await until(lambda: app._code_runs is not None and not app._code_runs.running and app.code_output >= 2)
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_output_under_the_block(snap_compare, size):
    assert snap_compare(make_app(DECK, run_code=True), terminal_size=size, run_before=run_the_block)
