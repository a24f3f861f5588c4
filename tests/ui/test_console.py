"""The presenter console and audience views in one process, linked by a private socket."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from briefing.ui.navigation import Position
from briefing.ui.screens.blackout import BlackoutScreen
from tests.conftest import DECKS
from tests.sync.helpers import wait_until
from tests.ui.helpers import make_app, view_text

SHOW = DECKS / "show.md"


@pytest.fixture
def socket_path():
    folder = Path(tempfile.mkdtemp(prefix="bcon-", dir="/tmp"))  # socket paths must be short
    folder.chmod(0o700)
    yield folder / "show.sock"
    shutil.rmtree(folder, ignore_errors=True)


def is_linked(app) -> bool:
    return app.link is not None and app.link.connected


def linked(socket_path, **options):
    return make_app(SHOW, sync=True, sync_socket=socket_path, **options)


async def test_console_and_audience_move_each_other_steps_included(socket_path):
    audience, console = linked(socket_path), linked(socket_path, role="console")
    async with audience.run_test(size=(80, 24)) as room, console.run_test(size=(120, 36)) as desk:
        await wait_until(lambda: is_linked(audience) and is_linked(console))
        assert console.present.has_class("-console") and console.present.has_class("-speaker")
        await desk.press("right")
        await wait_until(lambda: audience.position == Position(1, 0))
        await desk.press("right")  # a reveal step travels too
        await wait_until(lambda: audience.position == Position(1, 1))
        await room.press("right", "right")
        await wait_until(lambda: console.position == Position(2, 0))
        await room.pause()
        assert "Table" in view_text(audience)
        assert "aubergine" not in view_text(audience)
        await desk.press("4", "enter")
        await wait_until(lambda: audience.position == Position(3, 0))


async def test_console_blanks_the_audience_and_any_key_there_brings_it_back(socket_path):
    audience, console = linked(socket_path), linked(socket_path, role="console")
    async with audience.run_test(size=(80, 24)) as room, console.run_test(size=(120, 36)) as desk:
        await wait_until(lambda: is_linked(audience) and is_linked(console))
        await desk.press("b")
        await wait_until(lambda: isinstance(audience.screen, BlackoutScreen))
        assert not isinstance(console.screen, BlackoutScreen)
        assert "BLACKOUT" in console.present.query_one("StatusBar").render().plain
        await room.press("x")
        await wait_until(lambda: not console.blackout)
        assert not isinstance(audience.screen, BlackoutScreen)
        await desk.press("b", "b")
        await desk.pause()
        await wait_until(lambda: not audience.blackout and audience.screen is audience.present)


async def test_several_audience_views_follow_one_console(socket_path):
    first, second, console = linked(socket_path), linked(socket_path), linked(socket_path, role="console")
    async with first.run_test(size=(80, 24)), second.run_test(size=(80, 24)), console.run_test(size=(120, 36)) as desk:
        await wait_until(lambda: all(is_linked(app) for app in (first, second, console)))
        await desk.press("end")
        await wait_until(lambda: first.position.slide == second.position.slide == 5)


async def test_a_restarted_console_picks_up_where_the_show_is(socket_path):
    audience = linked(socket_path)
    async with audience.run_test(size=(80, 24)) as room:
        console = linked(socket_path, role="console")
        async with console.run_test(size=(120, 36)):
            await wait_until(lambda: is_linked(console))
        await room.press("3", "enter")  # the show goes on without the console
        assert audience.position == Position(2, 0)
        restarted = linked(socket_path, role="console")
        async with restarted.run_test(size=(120, 36)) as desk:
            await wait_until(lambda: restarted.position == Position(2, 0))
            await desk.press("right")
            await wait_until(lambda: audience.position == Position(3, 0))


async def test_a_restarted_audience_view_resyncs_and_losing_it_never_stops_the_console(socket_path):
    console = linked(socket_path, role="console")
    async with console.run_test(size=(120, 36)) as desk:
        audience = linked(socket_path)
        async with audience.run_test(size=(80, 24)):
            await wait_until(lambda: is_linked(audience))
        await desk.press("right", "right")  # alone now: still works
        assert console.position == Position(1, 1)
        again = linked(socket_path)
        async with again.run_test(size=(80, 24)):
            await wait_until(lambda: again.position == Position(1, 1))


async def test_a_state_the_show_has_moved_past_is_not_followed_nor_sent_again(socket_path):
    """Messages from the link are handled after whatever the app was doing: by then a newer
    state may be in. Following the older one would send it out again as news."""
    from briefing.ui.linking import RemoteMoved

    app = linked(socket_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(lambda: app.link is not None and app.link.is_hub)
        stale = app.link.state  # slide 1
        await pilot.press("right", "right")
        current = app.link.state
        assert current.view == (1, 1, False)
        app.post_message(RemoteMoved(stale))
        await pilot.pause()
        assert app.position == Position(1, 1) and app.link.state == current


async def test_following_a_move_that_also_blanks_the_screen_sends_nothing_back(socket_path):
    """A state that changes the slide and blackout at once is taken whole: a publish between
    the two changes would send a half-followed state back out as the newest."""
    from briefing.sync.link import SyncLink

    app = linked(socket_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(lambda: app.link is not None and app.link.is_hub)
        other = SyncLink(SHOW, "console", lambda state: None, socket_path=socket_path)
        await other.start()
        try:
            await wait_until(lambda: other.connected and app.console_linked)
            other.publish(2, 0, True)
            await wait_until(lambda: app.position == Position(2, 0) and app.blackout)
            await pilot.pause()
            assert app.link.state.origin == other.origin  # the newest state is still the other's
            assert other.state.origin == other.origin
        finally:
            await other.stop()


async def test_a_link_change_after_the_last_screen_is_gone_refreshes_nothing():
    """Quitting empties the screen stack before the link's last message is handled: the clean
    view's watcher then has no bindings to refresh (it raised ScreenStackError, seen under load)."""
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        stack = app._screen_stacks[app._current_mode]  # Textual's own, emptied as on shutdown
        saved = stack[:]
        stack.clear()
        try:
            app.watch_clean_view(True)
        finally:
            stack[:] = saved
