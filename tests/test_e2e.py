"""The installed `briefing` in a real terminal (tmux): it paints, pages, quits and restores."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import sys
import time
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install tmux)")
BRIEFING = Path(sys.executable).with_name("briefing")


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *args], capture_output=True, text=True)


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session).stdout


def wait_for(session: str, text: str, timeout: float = 20.0, *, present: bool = True) -> bool:
    """Whether `text` comes on screen (or, with present=False, goes) within `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (text in screen(session)) == present:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def session(tmp_path):
    name = f"briefing-e2e-{uuid.uuid4().hex[:8]}"
    keepalive = f"{name}-keep"
    tmux("new-session", "-d", "-s", keepalive)  # keeps the server up between sessions
    yield name
    tmux("kill-session", "-t", name)
    tmux("kill-session", "-t", keepalive)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_present_page_and_quit(session, tmp_path, size):
    status = tmp_path / "status"
    command = f"{BRIEFING}; echo $? > {status}; printf 'shell is back'; sleep 30"
    width, height = size
    tmux("new-session", "-d", "-s", session, "-x", str(width), "-y", str(height),
         "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}", command)
    assert wait_for(session, "DeepSeek R1"), screen(session)
    assert "1/9" in screen(session)
    tmux("send-keys", "-t", session, "Right")
    assert wait_for(session, "The release"), screen(session)
    assert "2/9" in screen(session)
    tmux("send-keys", "-t", session, "q")
    assert wait_for(session, "shell is back"), screen(session)
    assert status.read_text().strip() == "0"
    after = screen(session)
    assert "The release" not in after  # the alternate screen is gone: the terminal is restored
    assert tmux("display-message", "-p", "-t", session, "#{alternate_on}").stdout.strip() == "0"


def test_bad_deck_never_starts_the_ui(session, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# ok\n\xff\n")
    status = tmp_path / "status"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24",
         f"{BRIEFING} {bad}; echo exit=$? > {status}; sleep 30")
    assert wait_for(session, "not valid UTF-8"), screen(session)
    assert f"briefing: {bad}:2: not valid UTF-8" in screen(session).replace("\n", "")
    deadline = time.monotonic() + 10
    while not status.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert status.read_text().strip() == "exit=2"


def child_pid(session: str) -> int:
    shell = tmux("display-message", "-p", "-t", session, "#{pane_pid}").stdout.strip()
    children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    return int(children[0])


@pytest.mark.parametrize("signal_name, code", [("TERM", 143), ("HUP", 129)])
def test_signals_end_the_show_cleanly(session, tmp_path, signal_name, code):
    status = tmp_path / "status"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24",
         "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}",
         f"{BRIEFING}; echo $? > {status}; printf 'shell is back'; sleep 30")
    assert wait_for(session, "DeepSeek R1"), screen(session)
    subprocess.run(["kill", f"-{signal_name}", str(child_pid(session))], check=True)
    assert wait_for(session, "shell is back"), screen(session)
    assert status.read_text().strip() == str(code)
    assert tmux("display-message", "-p", "-t", session, "#{alternate_on}").stdout.strip() == "0"


def test_sigterm_while_editing_keeps_the_unsaved_buffer(session, tmp_path):
    deck = tmp_path / "talk.md"
    deck.write_text("# One\n\nfirst\n")
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30",
         "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}", "-e", f"XDG_STATE_HOME={tmp_path / 'state'}",
         f"{BRIEFING} {deck}; printf 'shell is back'; sleep 30")
    assert wait_for(session, "first"), screen(session)
    tmux("send-keys", "-t", session, "e")
    assert wait_for(session, "Back to the show"), screen(session)  # the editor's key hints
    tmux("send-keys", "-t", session, "-l", "typed but not saved ")
    assert wait_for(session, "typed but not saved"), screen(session)
    subprocess.run(["kill", "-TERM", str(child_pid(session))], check=True)
    assert wait_for(session, "shell is back"), screen(session)
    [kept] = (tmp_path / "state" / "briefing" / "recovered").glob("talk-lines-1-*.md")
    assert "typed but not saved" in kept.read_text()
    assert "unsaved slide edits were kept in" in screen(session)  # said on the terminal after exit
    assert deck.read_text() == "# One\n\nfirst\n"  # the deck itself was not written half-way


def test_console_in_a_second_terminal_drives_the_audience_view(session, tmp_path):
    runtime = Path(tempfile.mkdtemp(prefix="be2e-", dir="/tmp"))  # short: a socket path limit
    audience, console = session, f"{session}-console"
    environment = ["-e", f"XDG_RUNTIME_DIR={runtime}", "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}"]
    try:
        tmux("new-session", "-d", "-s", audience, "-x", "80", "-y", "24", *environment, f"{BRIEFING} present")
        tmux("new-session", "-d", "-s", console, "-x", "120", "-y", "36", *environment, f"{BRIEFING} presenter")
        assert wait_for(audience, "1/9") and wait_for(console, "Notes"), screen(console)
        assert wait_for(console, "\u21c4 1 audience view"), screen(console)
        assert wait_for(audience, "1/9", present=False), screen(audience)  # clean: the slide only
        tmux("send-keys", "-t", console, "Right")
        assert wait_for(audience, "The release", timeout=5), screen(audience)
        assert "Sources" not in screen(audience)  # notes stay on the console
        tmux("send-keys", "-t", audience, "Right")  # either side drives
        assert wait_for(console, "2/9 ·2/2", timeout=5), screen(console)
        tmux("send-keys", "-t", console, "b")
        assert wait_for(console, "BLACKOUT", timeout=5)
        deadline = time.monotonic() + 5
        while "The release" in screen(audience) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "The release" not in screen(audience)  # blank
        tmux("send-keys", "-t", audience, "x")
        assert wait_for(audience, "The release", timeout=5)
        tmux("kill-session", "-t", console)  # losing the console never stops the show
        tmux("send-keys", "-t", audience, "Right")
        assert wait_for(audience, "3/9", timeout=5), screen(audience)  # its status line is back
        tmux("new-session", "-d", "-s", console, "-x", "120", "-y", "36", *environment, f"{BRIEFING} presenter")
        assert wait_for(console, "3/9", timeout=10), screen(console)  # a restarted console resyncs
    finally:
        tmux("kill-session", "-t", console)
        shutil.rmtree(runtime, ignore_errors=True)


def test_closing_the_terminal_ends_the_process(tmp_path):
    """Closing the window mid-show (keys still being drawn) must not leave a process behind:
    Textual's own shutdown can block forever writing to a terminal that is gone."""
    socket = tmp_path / "tmux.sock"  # a tmux server of its own, killed outright like a window
    server = ["tmux", "-S", str(socket)]
    leftovers = []
    for attempt in range(3):
        subprocess.run([*server, "new-session", "-d", "-s", "w", "-x", "200", "-y", "50",
                        "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}", f"exec {BRIEFING}"], check=True)
        pid = int(subprocess.run([*server, "display-message", "-p", "-t", "w", "#{pane_pid}"],
                                 capture_output=True, text=True).stdout.strip())
        time.sleep(1.2)
        subprocess.run([*server, "send-keys", "-t", "w", *["Right", "s"] * 30])
        subprocess.run([*server, "kill-server"])
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
            time.sleep(0.05)
        if Path(f"/proc/{pid}").exists():
            leftovers.append(pid)
            subprocess.run(["kill", "-9", str(pid)])
    assert leftovers == [], "briefing outlived its terminal"
