"""`--images` in a real terminal (tmux, on a private server of each test's own): tmux passes no
graphics on, so `graphics` says so in one line and exits 2 before the screen changes, and
`auto` draws half-blocks there even when the terminal outside says it is kitty."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.images.image_decks import halves
from tests.tmux import wait_until

pytestmark = pytest.mark.timeout(90)
BRIEFING = Path(sys.executable).with_name("briefing")
S = "show"
KITTY_OUTSIDE = {"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1", "COLORTERM": "truecolor"}


def flag_deck(tmp_path: Path) -> Path:
    halves((400, 200)).save(tmp_path / "flag.png")  # red over blue: 40×10 cells
    deck = tmp_path / "talk.md"
    deck.write_text("# A flag\n\n![Red over blue](flag.png)\n\n---\n\n# After\n")
    return deck


def test_graphics_in_a_terminal_without_a_protocol_says_so_and_exits_2(tmux, tmp_path):
    status = tmp_path / "status"
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), **KITTY_OUTSIDE}  # TMUX is set inside: that decides
    command = f"{BRIEFING} {flag_deck(tmp_path)} --images graphics; echo $? > {status}"
    tmux.new_session(S, command, size=(200, 24), env=env, keep_open=True)
    assert wait_until(lambda: status.exists() and status.read_text().strip() != "", timeout=30), tmux.screen(S)
    assert status.read_text().strip() == "2"
    screen = tmux.screen(S)
    assert (
        "briefing: --images graphics: this terminal has no graphics protocol briefing can use (inside tmux or "
        "screen, which do not pass images on); --images blocks draws coloured half-blocks"
    ) in screen.replace("\n", "")
    assert "A flag" not in screen
    assert tmux.display(S, "#{alternate_on}") == "0"  # the terminal never changed mode


def test_auto_inside_tmux_draws_half_blocks_whatever_the_terminal_outside(tmux, tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), **KITTY_OUTSIDE}
    tmux.new_session(S, f"{BRIEFING} {flag_deck(tmp_path)}", size=(80, 24), env=env)
    assert tmux.wait_for(S, "\u2580" * 40), tmux.screen(S)
    assert "\U0010eeee" not in tmux.screen(S)
    tmux.send_keys(S, "q")
