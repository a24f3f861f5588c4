"""A wide table and a long code line in a real terminal (tmux, on a private server): the arrows
show, and Shift+→ / `]` bring the rest into view, as the terminal sends those keys."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import DECKS

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
BRIEFING = Path(sys.executable).with_name("briefing")


class Terminal:
    """One tmux session on a server of its own, which the test starts and kills."""

    def __init__(self, tmp_path: Path, size: tuple[int, int], *args: str) -> None:
        self.server = f"briefing-wide-{uuid.uuid4().hex[:8]}"
        # COLUMNS and LINES, when a new tmux server has them, would win over the real size
        command = " ".join(["env -u COLUMNS -u LINES", str(BRIEFING), *args])
        self.tmux(
            "new-session", "-d", "-s", "show", "-x", str(size[0]), "-y", str(size[1]),
            "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}", command,
        )

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.server, *args], capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "show")

    def wait_for(self, condition, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(screen := self.screen()):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out; the screen is:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "show", *keys)

    def kill(self) -> None:
        socket = self.tmux("display-message", "-p", "#{socket_path}").strip()
        self.tmux("kill-server")
        if socket.endswith(self.server):  # tmux leaves the socket file behind
            Path(socket).unlink(missing_ok=True)


@pytest.fixture
def terminal(tmp_path):
    opened: list[Terminal] = []

    def open_terminal(size, *args):
        opened.append(Terminal(tmp_path, size, *args))
        return opened[-1]

    yield open_terminal
    for each in opened:
        each.kill()


def slide(screen: str) -> str:
    """The screen without the status line and the key hints (which have arrows of their own)."""
    return "\n".join(screen.rstrip("\n").split("\n")[:-2])


def test_a_wide_table_scrolls_sideways_at_80x24(terminal):
    show = terminal((80, 24), str(DECKS / "wide.md"), "--slide", "2")
    # the key hints come once the show has its first frame up and takes keys
    screen = show.wait_for(lambda s: "Revenue by quarter" in s and "\u2192" in slide(s) and "Quit" in s)
    assert "\u2190" not in slide(screen) and "1,234,567" in screen and "1,244,566" not in screen
    show.keys("S-Right")
    show.wait_for(lambda s: "\u2190" in slide(s))
    show.keys("]", "]")
    screen = show.wait_for(lambda s: "1,244,566" in s and "steady" in s)
    assert "Revenue by quarter" in screen  # the title did not move
    show.keys("S-Left", "[", "[")
    show.wait_for(lambda s: "\u2190" not in slide(s) and "1,234,567" in s)
    show.keys("Right", "Right")  # to the code slide, which starts unscrolled
    show.wait_for(lambda s: "def train" in s and "warmup_steps" not in s and "\u2192" in slide(s))
    show.keys("S-Right", "S-Right")
    show.wait_for(lambda s: "warmup_steps=2000):" in s)
    show.keys("q")


def test_a_wide_table_fits_whole_at_200x50(terminal):
    show = terminal((200, 50), str(DECKS / "wide.md"), "--slide", "2")

    def whole_row(screen: str) -> bool:
        row = next((line for line in screen.splitlines() if "Asia-Pacific" in line), "")
        return "2,345,678" in row and "2,354,669" in row and "fastest growing" in row

    screen = show.wait_for(whole_row)
    assert "\u2192" not in slide(screen) and "\u2190" not in slide(screen)
    show.keys("q")
