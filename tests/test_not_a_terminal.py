"""Without a terminal there is no show: `present` and `presenter` say so in one line and exit 2
at once, writing nothing else anywhere (`briefing deck.md </dev/null 2>&1 | head` once filled
the pipe with escape sequences and then spun at full CPU after `head` had gone).

Every test has a hard timeout; the terminal ones run on a private tmux server (tests/tmux.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing import cli
from tests.conftest import BUNDLED
from tests.processes import run_to_the_end
from tests.tmux import INSTALLED, wait_until

BRIEFING = Path(sys.executable).with_name("briefing")
S = "show"


def said(command: str, stream: str) -> str:
    return (
        f"briefing: {command} needs a terminal, and {stream} is not one "
        "(to write the deck to a file or a pipe, use: briefing export)\n"
    )


@pytest.mark.parametrize("command", ["present", "presenter"])
def test_piped_through_head_it_says_so_and_ends(tmp_path, command):
    status = tmp_path / "status"
    pipeline = f"{BRIEFING} {command} {BUNDLED} </dev/null 2>&1 | head -c 300; echo ${{PIPESTATUS[0]}} > {status}"
    result = run_to_the_end(["bash", "-c", pipeline], timeout=60)
    assert result.stdout.decode() == said(command, "standard input")
    assert status.read_text().strip() == "2"


@pytest.mark.skipif(not INSTALLED, reason="tmux is not installed (apt-get install tmux)")
@pytest.mark.parametrize("command", ["present", "presenter"])
@pytest.mark.parametrize(
    "redirect, stream",
    [("<{file}", "standard input"), (">{file}", "standard output"), ("2>{file}", "standard error")],
    ids=["stdin", "stdout", "stderr"],
)
def test_in_a_terminal_with_one_stream_elsewhere_it_says_so_and_exits_2(tmux, tmp_path, command, redirect, stream):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("")
    status = tmp_path / "status"
    redirect = redirect.format(file=elsewhere)
    tmux.new_session(S, f"{BRIEFING} {command} {redirect}; echo $? > {status}", size=(160, 24), keep_open=True)
    assert wait_until(lambda: status.exists() and status.read_text().strip() != "", timeout=30), tmux.screen(S)
    assert status.read_text().strip() == "2"
    line = said(command, stream)
    if stream == "standard error":
        assert elsewhere.read_text() == line  # the message goes where errors go; nothing else does
    else:
        assert line.strip() in tmux.screen(S)
        assert elsewhere.read_text() == ""  # nothing written to standard output, and nothing read
    assert tmux.display(S, "#{alternate_on}") == "0"  # the terminal never changed mode


def test_the_check_comes_after_the_deck_and_before_the_app(monkeypatch, capsys, pretend_a_terminal):
    """A bad deck is still a `file:line` message; a good one without a terminal never makes
    an app; with every stream a terminal (pretended, here) the app runs."""
    started = []

    class FakeApp:
        recovered = None
        return_code = 0

        def __init__(self, *args, **kwargs):
            started.append(kwargs["role"])

        def run(self):
            pass

    monkeypatch.setattr("briefing.ui.app.BriefingApp", FakeApp)
    assert cli.main(["present", str(BUNDLED)]) == 0
    assert cli.main(["presenter", str(BUNDLED)]) == 0
    assert started == ["audience", "console"]
    pretend_a_terminal(stdout=False)
    assert cli.main(["present", str(BUNDLED / "missing.md")]) == 2
    assert cli.main(["present", str(BUNDLED)]) == 2
    assert started == ["audience", "console"]
    assert capsys.readouterr().err.splitlines()[1] == said("present", "standard output").strip()
