"""A wide table and a long code line in a real terminal (tmux, on a private server): the arrows
show, and Shift+→ / `]` bring the rest into view, as the terminal sends those keys."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import DECKS
from tests.tmux import INSTALLED, wait_until

pytestmark = pytest.mark.skipif(not INSTALLED, reason="tmux is not installed (apt-get install tmux)")
BRIEFING = Path(sys.executable).with_name("briefing")
S = "show"
WIDE = DECKS / "wide.md"


def start(tmux, tmp_path: Path, size: tuple[int, int]) -> None:
    # COLUMNS and LINES, which a new tmux server may hand its sessions, win over the real size
    command = f"env -u COLUMNS -u LINES {BRIEFING} {WIDE} --slide 2"
    tmux.new_session(S, command, size=size, env={"XDG_CACHE_HOME": str(tmp_path / "cache")})


def slide(screen: str) -> str:
    """The screen without the status line and the key hints (which have arrows of their own)."""
    return "\n".join(screen.rstrip("\n").split("\n")[:-2])


def shows(tmux, condition) -> bool:
    return wait_until(lambda: condition(tmux.screen(S)))


def test_a_wide_table_scrolls_sideways_at_80x24(tmux, tmp_path):
    start(tmux, tmp_path, (80, 24))
    # the key hints come once the show has its first frame up and takes keys
    assert shows(tmux, lambda s: "Revenue by quarter" in s and "\u2192" in slide(s) and "Quit" in s), tmux.screen(S)
    screen = tmux.screen(S)
    assert "\u2190" not in slide(screen) and "1,234,567" in screen and "1,244,566" not in screen
    tmux.send_keys(S, "S-Right")
    assert shows(tmux, lambda s: "\u2190" in slide(s)), tmux.screen(S)
    tmux.send_keys(S, "]", "]")
    assert shows(tmux, lambda s: "1,244,566" in s and "steady" in s), tmux.screen(S)
    assert "Revenue by quarter" in tmux.screen(S)  # the title did not move
    tmux.send_keys(S, "S-Left", "[", "[")
    assert shows(tmux, lambda s: "\u2190" not in slide(s) and "1,234,567" in s), tmux.screen(S)
    tmux.send_keys(S, "Right", "Right")  # to the code slide, which starts unscrolled
    assert shows(tmux, lambda s: "def train" in s and "warmup_steps" not in s and "\u2192" in slide(s)), tmux.screen(S)
    tmux.send_keys(S, "S-Right", "S-Right")
    assert shows(tmux, lambda s: "warmup_steps=2000):" in s), tmux.screen(S)


def test_a_wide_table_fits_whole_at_200x50(tmux, tmp_path):
    start(tmux, tmp_path, (200, 50))

    def whole_row(screen: str) -> bool:
        row = next((line for line in screen.splitlines() if "Asia-Pacific" in line), "")
        return "2,345,678" in row and "2,354,669" in row and "fastest growing" in row

    assert shows(tmux, whole_row), tmux.screen(S)
    assert "\u2192" not in slide(tmux.screen(S)) and "\u2190" not in slide(tmux.screen(S))
