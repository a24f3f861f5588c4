"""`x` runs the code block in view (issue 12 §4): consent, output under the block, limits,
stopping it, and nothing left running after the show."""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

import pytest

from briefing.run import Limits
from briefing.ui.screens.consent import ConsentScreen
from tests.ui.helpers import make_app, until, view_text

SIZE = (100, 40)


def write_deck(tmp_path, body: str, front_matter: str = ""):
    deck = tmp_path / "talk.md"
    top = f"---\n{front_matter}---\n\n" if front_matter else ""
    deck.write_text(f"{top}# Runs\n\n{body}\n", encoding="utf-8")
    return deck


def output_of(app) -> str:
    return view_text(app)


def finished(app) -> bool:
    runs = app._code_runs
    return runs is not None and not runs.running and "output" in output_of(app)


async def test_x_with_run_code_runs_the_block_and_shows_output_and_exit_status(tmp_path):
    deck = write_deck(tmp_path, "```bash +exec\necho hello from $PWD\n```")
    app = make_app(deck, run_code=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: "exit status 0" in output_of(app), lambda: output_of(app))
        text = output_of(app)
        assert f"hello from {tmp_path}" in text  # in the deck's directory
        assert text.index("echo hello") < text.index("hello from")  # under the code


async def test_without_run_code_x_asks_first_and_dont_run_is_the_default(tmp_path):
    marker = tmp_path / "ran"
    deck = write_deck(tmp_path, f"```sh +exec\ntouch {marker}\n```")
    app = make_app(deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, ConsentScreen))
        screen = app.screen
        shown = " ".join(str(label.render()) for label in screen.query("Label"))
        assert "sh snippet.sh" in shown and str(tmp_path) in shown  # the exact command, and where
        assert app.focused is not None and app.focused.id == "dont-run"
        await pilot.press("enter")  # a reflexive Enter runs nothing
        await until(lambda: not isinstance(app.screen, ConsentScreen))
        await pilot.pause()
        assert not app.code_runs.running
        assert "output" not in output_of(app)
    assert not marker.exists()


async def test_the_question_names_the_directory_in_full_for_a_deck_given_by_a_relative_path(tmp_path, monkeypatch):
    write_deck(tmp_path, "```sh +exec\necho hi\n```")
    monkeypatch.chdir(tmp_path)
    app = make_app(Path("talk.md"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, ConsentScreen))
        shown = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert f"in {tmp_path}" in shown and "in .\n" not in shown
        await pilot.press("escape")


async def test_escape_on_the_question_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    deck = write_deck(tmp_path, f"```sh +exec\ntouch {marker}\n```")
    app = make_app(deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, ConsentScreen))
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, ConsentScreen))
        await pilot.pause()
    assert not marker.exists()


async def test_confirming_the_question_runs_the_block(tmp_path):
    deck = write_deck(tmp_path, "```python +exec\nprint(6 * 7)\n```")
    app = make_app(deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, ConsentScreen))
        await pilot.click("#run")
        await until(lambda: "exit status 0" in output_of(app), lambda: output_of(app))
        assert "42" in output_of(app)


async def test_a_deck_cannot_give_itself_consent(tmp_path):
    # nothing in the front matter switches running on: `exec:` only says how a language runs
    deck = write_deck(tmp_path, "```bash +exec\necho hi\n```", "exec: {bash: [bash]}\nrun_code: true\n")
    app = make_app(deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, ConsentScreen))


async def test_a_block_that_is_not_marked_does_not_run(tmp_path):
    deck = write_deck(tmp_path, "```bash\necho hi\n```")
    app = make_app(deck, run_code=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert not app.code_runs.running
        assert "output" not in output_of(app)


async def test_escape_stops_a_running_block(tmp_path):
    deck = write_deck(tmp_path, "```bash +exec\necho started\nsleep 60\n```")
    app = make_app(deck, run_code=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: "started" in output_of(app), lambda: output_of(app))
        await pilot.press("escape")
        await until(lambda: finished(app) and "stopped" in output_of(app), lambda: output_of(app))


async def test_ctrl_c_stops_a_running_block_and_does_not_quit(tmp_path):
    deck = write_deck(tmp_path, "```bash +exec\necho started\nsleep 60\n```")
    app = make_app(deck, run_code=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: "started" in output_of(app), lambda: output_of(app))
        await pilot.press("ctrl+c")
        await until(lambda: finished(app) and "stopped" in output_of(app), lambda: output_of(app))
        assert app.is_running
        await pilot.press("ctrl+c")  # nothing runs now: Ctrl+C quits
        await until(lambda: not app.is_running)


async def test_the_time_limit_stops_a_block(tmp_path):
    deck = write_deck(tmp_path, "```bash +exec\necho waiting\nsleep 60\n```")
    app = make_app(deck, run_code=True, run_limits=Limits(seconds=0.5))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: "time limit (0.5 s)" in output_of(app), lambda: output_of(app), timeout=20)
        assert "waiting" in output_of(app)


async def test_the_output_limit_cuts_the_output_with_a_note(tmp_path):
    deck = write_deck(tmp_path, "```python +exec\nimport sys\nsys.stdout.write('y\\n' * 100_000)\n```")
    app = make_app(deck, run_code=True, run_limits=Limits(output_bytes=1000))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: "output cut after 1000 bytes" in output_of(app), lambda: output_of(app), timeout=20)
        # 500 lines of output were kept: the frame shows the last of them and says so
        assert "300 earlier lines not shown" in output_of(app)


async def test_escape_sequences_in_output_never_reach_the_screen(tmp_path):
    code = "printf '\\033]0;owned\\007\\033[31mred\\033[0m [b]bold[/b] \\033[2J done\\n'"
    deck = write_deck(tmp_path, f"```bash +exec\n{code}\n```")
    app = make_app(deck, run_code=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: "exit status 0" in output_of(app), lambda: output_of(app))
        frame = output_of(app).split("output", 1)[1]  # the code above it shows the printf as written
        assert "red [b]bold[/b]  done" in frame  # markup shown as written, sequences gone whole
        assert "\x1b" not in frame and "owned" not in frame


async def test_a_missing_runner_is_said_in_the_frame(tmp_path):
    deck = write_deck(tmp_path, "```cobol +exec\nDISPLAY 'HI'.\n```")
    app = make_app(deck, run_code=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: "cannot run: no runner for `cobol`" in output_of(app), lambda: output_of(app))


async def test_front_matter_runners_are_used(tmp_path):
    deck = write_deck(tmp_path, "```shout +exec\nhello\n```", "exec: {shout: [sh, -c, 'tr a-z A-Z < \"$0\"']}\n")
    app = make_app(deck, run_code=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: "exit status 0" in output_of(app), lambda: output_of(app))
        assert "HELLO" in output_of(app)


async def test_x_runs_the_blocks_in_view_in_turn(tmp_path):
    body = "```bash +exec\necho first\n```\n\n<!-- pause -->\n\n```bash +exec\necho second\n```"
    deck = write_deck(tmp_path, body)
    app = make_app(deck, run_code=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")  # only the first block is on screen yet
        await until(lambda: "exit status 0" in output_of(app), lambda: output_of(app))
        await pilot.press("right", "x")
        await until(lambda: output_of(app).count("exit status 0") == 2, lambda: output_of(app))
        assert output_of(app).count("first") == 2  # once in the code, once in its output


async def test_leaving_the_slide_stops_the_block(tmp_path):
    deck = write_deck(tmp_path, "```bash +exec\necho started\nsleep 60\n```\n\n---\n\n# Next\n")
    app = make_app(deck, run_code=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: "started" in output_of(app), lambda: output_of(app))
        await pilot.press("right")
        await until(lambda: not app.code_runs.running)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie not yet reaped by its parent counts as gone
    try:
        return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
async def test_quitting_while_a_block_runs_leaves_nothing_running(tmp_path):
    pid_file = tmp_path / "pids"
    code = f"sleep 300 &\necho $! > {pid_file}\necho $$ >> {pid_file}\necho ready\nwait"
    deck = write_deck(tmp_path, f"```bash +exec\n{code}\n```")
    app = make_app(deck, run_code=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(lambda: "ready" in output_of(app), lambda: output_of(app))
        pids = [int(line) for line in pid_file.read_text().split()]
        assert all(_alive(pid) for pid in pids)
        await pilot.press("q")
    # the app has exited: the snippet's shell and its background job are gone
    try:
        assert not any(_alive(pid) for pid in pids)
    finally:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
