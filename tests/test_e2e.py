"""The installed `briefing` in a real terminal (tmux): it paints, pages, quits and restores.

Every test runs on a private tmux server of its own (the `tmux` fixture), never the user's."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.processes import has_ended
from tests.tmux import INSTALLED, Tmux, wait_until

pytestmark = pytest.mark.skipif(not INSTALLED, reason="tmux is not installed (apt-get install tmux)")
BRIEFING = Path(sys.executable).with_name("briefing")
S = "show"  # the session name: each test has a server of its own


def cache(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "cache")}


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_present_page_and_quit(tmux, tmp_path, size):
    status = tmp_path / "status"
    command = f"{BRIEFING}; echo $? > {status}; printf 'shell is back'"
    tmux.new_session(S, command, size=size, env=cache(tmp_path), keep_open=True)
    assert tmux.wait_for(S, "DeepSeek R1"), tmux.screen(S)
    assert "1/9" in tmux.screen(S)
    tmux.send_keys(S, "Right")
    assert tmux.wait_for(S, "The release"), tmux.screen(S)
    assert "2/9" in tmux.screen(S)
    tmux.send_keys(S, "q")
    assert tmux.wait_for(S, "shell is back"), tmux.screen(S)
    assert status.read_text().strip() == "0"
    assert "The release" not in tmux.screen(S)  # the alternate screen is gone: the terminal is restored
    assert tmux.display(S, "#{alternate_on}") == "0"


def test_bad_deck_never_starts_the_ui(tmux, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# ok\n\xff\n")
    status = tmp_path / "status"
    tmux.new_session(S, f"{BRIEFING} {bad}; echo exit=$? > {status}", keep_open=True)
    assert tmux.wait_for(S, "not valid UTF-8"), tmux.screen(S)
    assert f"briefing: {bad}:2: not valid UTF-8" in tmux.screen(S).replace("\n", "")
    assert wait_until(lambda: status.exists() and status.read_text().strip() != "", timeout=10)
    assert status.read_text().strip() == "exit=2"


@pytest.mark.parametrize("signal_name, code", [("TERM", 143), ("HUP", 129)])
def test_signals_end_the_show_cleanly(tmux, tmp_path, signal_name, code):
    status = tmp_path / "status"
    tmux.new_session(S, f"{BRIEFING}; echo $? > {status}; printf 'shell is back'", env=cache(tmp_path), keep_open=True)
    assert tmux.wait_for(S, "DeepSeek R1"), tmux.screen(S)
    subprocess.run(["kill", f"-{signal_name}", str(tmux.child_pid(S))], check=True)
    assert tmux.wait_for(S, "shell is back"), tmux.screen(S)
    assert status.read_text().strip() == str(code)
    assert tmux.display(S, "#{alternate_on}") == "0"


def test_sigterm_while_editing_keeps_the_unsaved_buffer(tmux, tmp_path):
    deck = tmp_path / "talk.md"
    deck.write_text("# One\n\nfirst\n")
    tmux.new_session(
        S,
        f"{BRIEFING} {deck}; printf 'shell is back'",
        size=(100, 30),
        env={**cache(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")},
        keep_open=True,
    )
    assert tmux.wait_for(S, "first"), tmux.screen(S)
    tmux.send_keys(S, "e")
    assert tmux.wait_for(S, "Back to the show"), tmux.screen(S)  # the editor's key hints
    tmux.send_keys(S, "typed but not saved ", literal=True)
    assert tmux.wait_for(S, "typed but not saved"), tmux.screen(S)
    subprocess.run(["kill", "-TERM", str(tmux.child_pid(S))], check=True)
    assert tmux.wait_for(S, "shell is back"), tmux.screen(S)
    [kept] = (tmp_path / "state" / "briefing" / "recovered").glob("talk-lines-1-*.md")
    assert "typed but not saved" in kept.read_text()
    assert "unsaved slide edits were kept in" in tmux.screen(S)  # said on the terminal after exit
    assert deck.read_text() == "# One\n\nfirst\n"  # the deck itself was not written half-way


def test_console_in_a_second_terminal_drives_the_audience_view(tmux, tmp_path):
    runtime = Path(tempfile.mkdtemp(prefix="be2e-", dir="/tmp"))  # short: a socket path limit
    audience, console = "audience", "console"
    environment = {"XDG_RUNTIME_DIR": str(runtime), **cache(tmp_path)}
    try:
        tmux.new_session(audience, f"{BRIEFING} present", env=environment)
        tmux.new_session(console, f"{BRIEFING} presenter", size=(120, 36), env=environment)
        assert tmux.wait_for(audience, "1/9") and tmux.wait_for(console, "Notes"), tmux.screen(console)
        assert tmux.wait_for(console, "\u21c4 1 audience view"), tmux.screen(console)
        assert tmux.wait_gone(audience, "1/9"), tmux.screen(audience)  # clean: the slide only
        tmux.send_keys(console, "Right")
        assert tmux.wait_for(audience, "The release", timeout=5), tmux.screen(audience)
        assert "Sources" not in tmux.screen(audience)  # notes stay on the console
        tmux.send_keys(audience, "Right")  # either side drives
        assert tmux.wait_for(console, "2/9 ·2/2", timeout=5), tmux.screen(console)
        tmux.send_keys(console, "b")
        assert tmux.wait_for(console, "BLACKOUT", timeout=5)
        assert tmux.wait_gone(audience, "The release", timeout=5), tmux.screen(audience)  # blank
        tmux.send_keys(audience, "x")
        assert tmux.wait_for(audience, "The release", timeout=5)
        tmux.kill_session(console)  # losing the console never stops the show
        tmux.send_keys(audience, "Right")
        assert tmux.wait_for(audience, "3/9", timeout=5), tmux.screen(audience)  # its status line is back
        tmux.new_session(console, f"{BRIEFING} presenter", size=(120, 36), env=environment)
        assert tmux.wait_for(console, "3/9", timeout=10), tmux.screen(console)  # a restarted console resyncs
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def test_closing_the_terminal_ends_the_process(tmp_path):
    """Closing the window mid-show (keys still being drawn) must not leave a process behind:
    Textual's own shutdown can block forever writing to a terminal that is gone. (It ends in
    about a second; the timeout here is only a hard limit, generous for a busy machine.)"""
    leftovers = []
    for _attempt in range(3):
        with Tmux() as server:  # a server of its own each time, killed outright like a window
            server.new_session("w", f"exec {BRIEFING}", size=(200, 50), env=cache(tmp_path))
            pid = server.pane_pid("w")
            assert server.wait_for("w", "Overview"), server.screen("w")  # key hints: after the first frame
            server.send_keys("w", *["Right", "s"] * 30)
        if not wait_until(lambda pid=pid: has_ended(pid), timeout=5):
            leftovers.append(pid)
            subprocess.run(["kill", "-9", str(pid)])
    assert leftovers == [], "briefing outlived its terminal"


def test_a_picture_in_half_blocks_in_a_real_terminal(tmux, tmp_path):
    from tests.images.image_decks import halves

    halves((400, 200)).save(tmp_path / "flag.png")  # red over blue: 40×10 cells
    deck = tmp_path / "talk.md"
    deck.write_text("# A flag\n\n![Red over blue](flag.png)\n\n---\n\n# After\n")
    tmux.new_session(S, f"{BRIEFING} {deck}", size=(80, 24), env={**cache(tmp_path), "COLORTERM": "truecolor"})
    assert tmux.wait_for(S, "\u2580" * 40), tmux.screen(S)
    coloured = tmux.run("capture-pane", "-p", "-e", "-t", S).stdout
    picture = [line for line in coloured.split("\n") if "\u2580" in line]
    assert len(picture) == 10
    assert all("38;2;255;0;0" in line for line in picture[:5]), picture[0]  # red on red, top half
    assert all("48;2;0;0;255" in line for line in picture[5:]), picture[-1]  # blue below
    tmux.send_keys(S, "Right")
    assert tmux.wait_for(S, "After") and tmux.wait_gone(S, "\u2580"), tmux.screen(S)
    tmux.send_keys(S, "Left")
    assert tmux.wait_for(S, "\u2580" * 40), tmux.screen(S)
