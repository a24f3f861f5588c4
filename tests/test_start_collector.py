"""The show starts with the cyclic garbage collector paused, and the first frame resumes it,
freezing what start-up built; a show that ends before its first frame resumes it unfrozen;
nothing else ever changes the collector."""

from __future__ import annotations

import gc

import pytest

import briefing.cli as cli
from briefing import collector
from briefing.ui.app import BriefingApp
from briefing.ui.screens.present import PresentScreen
from tests.conftest import BUNDLED
from tests.ui.helpers import make_app, until


@pytest.fixture
def freezes(monkeypatch):
    """The objects `gc.freeze` would have frozen are counted instead: a test never moves the
    suite's own objects into the permanent generation."""
    calls: list[None] = []
    monkeypatch.setattr(collector.gc, "freeze", lambda: calls.append(None))
    yield calls
    collector.resume()  # whatever a failing test left paused
    gc.enable()


def test_resuming_does_nothing_unless_start_up_paused_it(freezes):
    collector.resume_after_first_frame()
    collector.resume()
    assert gc.isenabled() and freezes == []
    gc.disable()  # paused by somebody else: not ours to resume
    collector.resume_after_first_frame()
    collector.resume()
    assert not gc.isenabled() and freezes == []


def test_the_show_runs_paused_until_its_first_frame_and_resumes_when_it_ends(freezes, monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "not_a_terminal", lambda: None)
    monkeypatch.setattr(BriefingApp, "run", lambda app, *args, **options: seen.append(gc.isenabled()))
    assert cli.main(["present", str(BUNDLED)]) == 0
    assert seen == [False]  # the app started with the collector paused...
    assert gc.isenabled() and freezes == []  # ...and it runs again once the show is over


def test_a_show_that_fails_to_start_resumes_the_collector(freezes, monkeypatch):
    monkeypatch.setattr(cli, "not_a_terminal", lambda: "standard input")
    assert cli.main(["present", str(BUNDLED)]) == 2
    assert gc.isenabled() and freezes == []  # nothing frozen: no show ran


async def test_the_first_frame_resumes_the_collector_and_freezes_start_up(freezes):
    collector.pause_until_first_frame()
    assert not gc.isenabled()
    app = make_app(BUNDLED)
    async with app.run_test(size=(80, 24)):
        await until(lambda: freezes, lambda: "the first frame never resumed the collector")
        assert isinstance(app.screen, PresentScreen)
        assert gc.isenabled() and freezes == [None]
