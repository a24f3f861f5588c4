"""The talk timer: when it starts (`timer:` in front matter), its keys, and one timer for the
console and every audience view."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from briefing.check import check_deck
from briefing.core.loader import load_deck, load_text
from briefing.ui.timer import TalkTimer
from tests.conftest import DECKS
from tests.sync.helpers import wait_until
from tests.ui.helpers import make_app

SHOW = DECKS / "show.md"


class Clocks:
    """A monotonic clock and a wall clock that tests move by hand, together."""

    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now

    def epoch(self) -> float:
        return 1_764_320_000.0 + self.now

    def options(self) -> dict:
        return {"clock": self.monotonic, "epoch_clock": self.epoch}


def waiting_deck(tmp_path: Path, value: str = "on-first-key") -> Path:
    deck = tmp_path / "talk.md"
    deck.write_text(f"---\ntitle: Talk\ntimer: {value}\n---\n\n# One\n\nHi.\n\n---\n\n# Two\n\nBye.\n")
    return deck


def status(app):
    return app.present.query_one("StatusBar").status


def test_a_timer_can_wait_for_the_first_key_then_runs_as_ever():
    clocks = Clocks()
    timer = TalkTimer(clocks.monotonic, epoch=clocks.epoch, wait_for_key=True)
    clocks.now += 300
    assert timer.waiting and not timer.running and timer.elapsed == 0
    timer.start()
    clocks.now += 5
    assert timer.running and timer.elapsed == 5
    timer.start()  # only a waiting timer starts: this one goes on
    assert timer.elapsed == 5


@pytest.mark.parametrize("first", ["t", "T"])
def test_the_timer_keys_start_a_waiting_timer(first):
    clocks = Clocks()
    timer = TalkTimer(clocks.monotonic, epoch=clocks.epoch, wait_for_key=True)
    timer.toggle() if first == "t" else timer.reset()
    clocks.now += 7
    assert timer.running and timer.elapsed == 7


def test_the_shared_state_is_anchored_to_the_wall_clock_and_stable():
    clocks = Clocks()
    timer = TalkTimer(clocks.monotonic, epoch=clocks.epoch)
    assert timer.state.mode == "running" and timer.state.elapsed_ms == 0
    assert timer.state.since_ms == round(clocks.epoch() * 1000)
    clocks.now += 60
    before = timer.state
    assert timer.state == before  # time passing is not a change to tell anyone about
    timer.toggle()
    assert timer.state.mode == "paused" and timer.state.elapsed_ms == 60_000
    other = TalkTimer(clocks.monotonic, epoch=clocks.epoch)
    other.adopt(timer.state)
    clocks.now += 30
    assert other.elapsed == 60 and not other.running
    timer.toggle()
    other.adopt(timer.state)
    clocks.now += 30
    assert other.elapsed == timer.elapsed == 90


async def test_on_first_key_the_timer_waits_until_a_key_is_pressed(tmp_path):
    clocks = Clocks()
    app = make_app(waiting_deck(tmp_path), **clocks.options())
    async with app.run_test(size=(80, 24)) as pilot:
        clocks.now += 600  # the speaker opened the deck ten minutes early
        await pilot.pause()
        assert app.timer.waiting and app.timer.elapsed == 0
        app.present.tick()  # what the clock does each second
        assert status(app).timer == "waiting"
        assert "0:00 waiting" in app.present.query_one("StatusBar").render().plain
        await pilot.press("right")
        clocks.now += 12
        assert app.timer.running and app.timer.elapsed == 12
        await pilot.press("left")
        assert app.timer.elapsed == 12


async def test_on_first_key_t_starts_the_timer_rather_than_pausing_it(tmp_path):
    clocks = Clocks()
    app = make_app(waiting_deck(tmp_path), **clocks.options())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        clocks.now += 3
        assert app.timer.running and app.timer.elapsed == 3
        await pilot.press("t")
        assert not app.timer.running


async def test_any_key_counts_even_one_typed_into_search(tmp_path):
    app = make_app(waiting_deck(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert app.timer.running


async def test_by_default_the_timer_starts_at_launch():
    clocks = Clocks()
    app = make_app(SHOW, **clocks.options())
    async with app.run_test(size=(80, 24)):
        clocks.now += 5
        assert app.timer.running and app.timer.elapsed == 5


def test_the_timer_setting_is_known_and_check_flags_a_bad_value(tmp_path):
    assert load_text("---\ntimer: on-first-key\n---\n# A\n").timer_start == "on-first-key"
    assert load_text("---\ntimer: At-Launch\n---\n# A\n").timer_start == "at-launch"
    assert load_text("# A\n").timer_start == "at-launch"
    deck = load_text("---\ntitle: T\ntimer: on-first-key\n---\n# A\n\nText.\n")
    assert check_deck(deck) == []
    bad = load_deck(waiting_deck(tmp_path, "on-first-keys"))
    assert bad.timer_start == "at-launch"
    [finding] = check_deck(bad)
    assert str(finding) == (
        f"{tmp_path / 'talk.md'}:3: error: timer: 'on-first-keys' is not at-launch or "
        "on-first-key; the timer starts at launch"
    )


# -- one timer for the console and the audience views --------------------------------------


@pytest.fixture
def socket_path():
    folder = Path(tempfile.mkdtemp(prefix="btim-", dir="/tmp"))  # socket paths must be short
    folder.chmod(0o700)
    yield folder / "show.sock"
    shutil.rmtree(folder, ignore_errors=True)


def linked(deck, socket_path, clocks, **options):
    return make_app(deck, sync=True, sync_socket=socket_path, **clocks.options(), **options)


def is_linked(app) -> bool:
    return app.link is not None and app.link.connected


async def test_the_console_resets_and_pauses_the_audiences_timer(socket_path):
    clocks = Clocks()
    audience = linked(SHOW, socket_path, clocks)
    console = linked(SHOW, socket_path, clocks, role="console")
    async with audience.run_test(size=(80, 24)), console.run_test(size=(120, 36)) as desk:
        await wait_until(lambda: is_linked(audience) and is_linked(console))
        clocks.now += 90
        await desk.press("T")
        await wait_until(lambda: audience.timer.elapsed == 0)
        clocks.now += 20
        assert audience.timer.elapsed == console.timer.elapsed == 20
        await desk.press("t")
        await wait_until(lambda: not audience.timer.running)
        clocks.now += 100
        assert audience.timer.elapsed == console.timer.elapsed == 20
        assert status(audience).timer == "paused"


async def test_the_first_key_on_either_side_starts_everyones_timer(socket_path, tmp_path):
    clocks = Clocks()
    deck = waiting_deck(tmp_path)
    audience = linked(deck, socket_path, clocks)
    console = linked(deck, socket_path, clocks, role="console")
    async with audience.run_test(size=(80, 24)), console.run_test(size=(120, 36)) as desk:
        await wait_until(lambda: is_linked(audience) and is_linked(console))
        clocks.now += 60
        assert audience.timer.waiting and console.timer.waiting
        await desk.press("right")
        await wait_until(lambda: audience.timer.running)
        clocks.now += 8
        assert audience.timer.elapsed == console.timer.elapsed == 8


async def test_a_restarted_audience_view_shows_the_shows_time(socket_path):
    clocks = Clocks()
    console = linked(SHOW, socket_path, clocks, role="console")
    async with console.run_test(size=(120, 36)) as desk:
        await wait_until(lambda: console.link is not None and console.link.is_hub)
        await desk.press("right")  # the show has moved on: its state is the newer one
        clocks.now += 300
        audience = linked(SHOW, socket_path, clocks)
        async with audience.run_test(size=(80, 24)):
            await wait_until(lambda: audience.timer.elapsed == 300)


async def test_a_tick_while_the_show_shuts_down_draws_nothing(monkeypatch):
    """The once-a-second tick can fire while quitting takes the show's widgets down one by
    one (seen under load): it must not look for the status line that is already gone."""
    from briefing.ui.widgets.paged_view import PagedView

    # the slide's view goes after the status line: tick just then
    monkeypatch.setattr(PagedView, "on_unmount", lambda view: view.screen.tick(), raising=False)
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code in (None, 0) and app._exception is None
