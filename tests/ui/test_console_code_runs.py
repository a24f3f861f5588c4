"""A code block run from the presenter console shows its output on every linked view (issue
12 §4): the console runs it (its consent, its process), the audience view draws the same frame
under the same block, either can stop it, and a link that drops mid-run never leaves the room
with a frame that says "running" forever."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from briefing.sync.link import LINK_LOST
from briefing.ui.screens.consent import ConsentScreen
from tests.sync.helpers import wait_until
from tests.ui.helpers import make_app, view_text

ROOM, DESK = (80, 24), (120, 36)


@pytest.fixture
def socket_path():
    folder = Path(tempfile.mkdtemp(prefix="bcrun-", dir="/tmp"))  # socket paths must be short
    folder.chmod(0o700)
    yield folder / "show.sock"
    shutil.rmtree(folder, ignore_errors=True)


def write_deck(tmp_path: Path, code: str, language: str = "bash") -> Path:
    deck = tmp_path / "talk.md"
    deck.write_text(f"# Runs\n\n```{language} +exec\n{code}\n```\n\n---\n\n# After\n", encoding="utf-8")
    return deck


def is_linked(app) -> bool:
    return app.link is not None and app.link.connected


def frame(app) -> str:
    """The slide's text from the output frame on ("" if there is none)."""
    text = view_text(app)
    return text.split("output", 1)[1] if "output" in text else ""


def runs_nothing_itself(app) -> bool:
    runs = app._code_runs
    return runs is None or runs._execution is None


async def linked_pair(tmp_path, socket_path, code, **console_options):
    deck = write_deck(tmp_path, code)
    audience = make_app(deck, sync=True, sync_socket=socket_path)  # no --run-code: no consent
    console = make_app(deck, sync=True, sync_socket=socket_path, role="console", **console_options)
    return audience, console


async def test_the_audience_draws_the_output_of_a_block_the_console_runs(tmp_path, socket_path):
    code = "echo hello from the console\nprintf '\\033[31mred\\033[0m \\033]0;owned\\007done\\n'"
    audience, console = await linked_pair(tmp_path, socket_path, code, run_code=True)
    async with audience.run_test(size=ROOM), console.run_test(size=DESK) as desk:
        await wait_until(lambda: is_linked(audience) and is_linked(console) and audience.console_linked)
        await desk.press("x")
        await wait_until(lambda: "exit status 0" in frame(audience))
        shown = frame(audience)
        assert "hello from the console" in shown and "red done" in shown
        assert "\x1b" not in shown and "owned" not in shown  # cleaned where it ran, checked where drawn
        assert "exit status 0" in frame(console)
        assert runs_nothing_itself(audience)  # drawn from the console's run, never run again


async def test_output_streams_into_the_audience_view_while_the_block_runs(tmp_path, socket_path):
    code = "echo started\nsleep 60"
    audience, console = await linked_pair(tmp_path, socket_path, code, run_code=True)
    async with audience.run_test(size=ROOM), console.run_test(size=DESK) as desk:
        await wait_until(lambda: is_linked(audience) and is_linked(console) and audience.console_linked)
        await desk.press("x")
        await wait_until(lambda: "started" in frame(audience))
        assert "running" in frame(audience) and audience.code_runs.running
        await desk.press("escape")
        await wait_until(lambda: "stopped" in frame(audience) and not audience.code_runs.running)


@pytest.mark.parametrize("key", ["escape", "ctrl+c"])
async def test_esc_or_ctrl_c_in_the_audience_view_stops_the_consoles_run(tmp_path, socket_path, key):
    audience, console = await linked_pair(tmp_path, socket_path, "echo started\nsleep 60", run_code=True)
    async with audience.run_test(size=ROOM) as room, console.run_test(size=DESK) as desk:
        await wait_until(lambda: is_linked(audience) and is_linked(console) and audience.console_linked)
        await desk.press("x")
        await wait_until(lambda: "started" in frame(audience))
        await room.press(key)
        await wait_until(lambda: not console.code_runs.running and "stopped" in frame(console))
        await wait_until(lambda: "stopped" in frame(audience) and not audience.code_runs.running)
        assert audience.is_running  # Ctrl+C stopped the block; it did not quit the show
        await desk.pause()


async def test_without_consent_the_question_is_asked_on_the_console_only(tmp_path, socket_path):
    marker = tmp_path / "ran"
    audience, console = await linked_pair(tmp_path, socket_path, f"touch {marker}")
    async with audience.run_test(size=ROOM) as room, console.run_test(size=DESK) as desk:
        await wait_until(lambda: is_linked(audience) and is_linked(console) and audience.console_linked)
        await desk.press("x")
        await wait_until(lambda: isinstance(console.screen, ConsentScreen))
        await room.pause()
        assert not isinstance(audience.screen, ConsentScreen)  # the room never sees the question
        await desk.click("#run")
        await wait_until(lambda: "(no output)" in frame(audience) and "exit status 0" in frame(audience))
        assert marker.exists() and runs_nothing_itself(audience)


async def test_when_the_link_drops_mid_run_the_audience_says_so_and_the_console_runs_on(tmp_path, socket_path):
    audience, console = await linked_pair(tmp_path, socket_path, "echo started\nsleep 60", run_code=True)
    async with audience.run_test(size=ROOM) as room, console.run_test(size=DESK) as desk:
        await wait_until(lambda: is_linked(audience) and is_linked(console) and audience.console_linked)
        await desk.press("x")
        await wait_until(lambda: "started" in frame(audience))
        assert console.link is not None
        await console.link.stop()  # the console's end of the link goes, the run does not
        await wait_until(lambda: LINK_LOST in frame(audience) and not audience.code_runs.running)
        await room.press("right")  # the show goes on in the room
        assert audience.position.slide == 1
        assert console.code_runs.running and "running" in frame(console)
        await desk.press("escape")
        await wait_until(lambda: not console.code_runs.running)


async def test_what_a_peer_says_about_runs_only_ever_draws_and_only_under_a_block_of_this_deck(tmp_path):
    """A peer's messages never make this view run anything; a run under no block of this
    deck (another version of it), or output of a run never started, draws nothing."""
    from briefing.sync.protocol import RunEnded, RunOutput, RunStarted
    from briefing.ui.linking import RunMirrored

    marker = tmp_path / "ran"
    app = make_app(write_deck(tmp_path, f"touch {marker}"), run_code=True)  # consent, even
    async with app.run_test(size=ROOM) as pilot:
        for message in (
            RunStarted("p-1", 0, 99),  # no block opens on line 99
            RunOutput("p-1", "nowhere\n"),
            RunOutput("p-2", "never started\n"),
            RunStarted("p-3", 0, 3),  # the block: its fence is line 3
            RunOutput("p-3", "from the peer\n"),
        ):
            app.post_message(RunMirrored(message))
        await wait_until(lambda: "from the peer" in frame(app))
        assert "nowhere" not in frame(app) and "never started" not in frame(app)
        app.post_message(RunMirrored(RunEnded("p-3", "exit status 3", True)))
        await wait_until(lambda: "exit status 3" in frame(app) and not app.code_runs.running)
        await pilot.pause()
    assert not marker.exists() and runs_nothing_itself(app)


async def test_a_flood_reaches_the_audience_as_its_last_lines_and_the_link_holds(tmp_path, socket_path):
    deck = write_deck(tmp_path, "for n in range(50_000):\n    print('line', n)", language="python")
    audience = make_app(deck, sync=True, sync_socket=socket_path)
    console = make_app(deck, sync=True, sync_socket=socket_path, role="console", run_code=True)
    async with audience.run_test(size=ROOM), console.run_test(size=DESK) as desk:
        await wait_until(lambda: is_linked(audience) and is_linked(console) and audience.console_linked)
        await desk.press("x")
        await wait_until(lambda: "exit status 0" in frame(audience), timeout=30)
        shown = frame(audience)
        assert "line 49999" in shown and "earlier lines not shown" in shown
        assert is_linked(audience) and is_linked(console)  # nobody was dropped for reading slowly
