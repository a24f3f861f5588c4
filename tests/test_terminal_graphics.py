"""`--images`: which terminals get kitty's graphics protocol, decided from the environment alone."""

from __future__ import annotations

import pytest

from briefing.terminal_graphics import graphics_protocol, graphics_refusal, images_drawing, no_graphics_message

KITTY = {"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1", "COLORTERM": "truecolor"}
WEZTERM = {"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm", "COLORTERM": "truecolor"}
GHOSTTY = {"TERM": "xterm-ghostty", "TERM_PROGRAM": "ghostty", "COLORTERM": "truecolor"}


@pytest.mark.parametrize(
    "env, auto",
    [
        (KITTY, "graphics"),
        # kitty over SSH: TERM travels, KITTY_WINDOW_ID does not, COLORTERM only if sent
        ({"TERM": "xterm-kitty", "COLORTERM": "truecolor"}, "graphics"),
        ({"TERM": "xterm-kitty", "COLORTERM": "24bit"}, "graphics"),
        ({"TERM": "xterm-kitty"}, "blocks"),
        ({"TERM": "xterm-kitty", "TEXTUAL_COLOR_SYSTEM": "truecolor"}, "graphics"),
        ({**KITTY, "TEXTUAL_COLOR_SYSTEM": "256"}, "blocks"),
        ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3", "COLORTERM": "truecolor"}, "graphics"),
        (GHOSTTY, "graphics"),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "ghostty", "COLORTERM": "truecolor"}, "graphics"),
        # sixels, where the terminal names itself (a sixel is pixels: colour settings do not matter)
        (WEZTERM, "graphics"),
        ({"TERM": "foot"}, "graphics"),
        ({"TERM": "foot-extra", "NO_COLOR": "1"}, "graphics"),
        ({"TERM": "mlterm"}, "graphics"),
        ({"TERM": "xterm", "MLTERM": "3.9.3"}, "graphics"),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app", "TERM_PROGRAM_VERSION": "3.5.0"}, "graphics"),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app", "TERM_PROGRAM_VERSION": "3.6.2beta1"}, "graphics"),
        # iTerm2 before 3.5, or not saying which: its own protocol only (not built): half-blocks
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app", "TERM_PROGRAM_VERSION": "3.4.23"}, "blocks"),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app", "COLORTERM": "truecolor"}, "blocks"),
        # xterm draws sixels only as a VT340, and Windows Terminal only from 1.22: neither says so
        ({"TERM": "xterm", "XTERM_VERSION": "XTerm(379)"}, "blocks"),
        ({"TERM": "xterm-256color", "WT_SESSION": "0d5f", "COLORTERM": "truecolor"}, "blocks"),
        # kitty's images but not its placeholders: half-blocks
        ({"TERM": "xterm-256color", "KONSOLE_VERSION": "230800", "COLORTERM": "truecolor"}, "blocks"),
        # tmux and screen pass nothing on, whatever the terminal outside them is
        ({**KITTY, "TMUX": "/tmp/tmux-0/default,1,0"}, "blocks"),
        ({**KITTY, "TERM": "tmux-256color"}, "blocks"),
        ({**KITTY, "TERM": "screen-256color"}, "blocks"),
        ({**GHOSTTY, "STY": "1234.pts-0.host"}, "blocks"),
        ({**WEZTERM, "TMUX": "/tmp/tmux-0/default,1,0"}, "blocks"),
        ({"TERM": "screen.foot"}, "blocks"),
        # a placeholder names its picture by colour
        ({**KITTY, "NO_COLOR": "1"}, "blocks"),
        # unsure: half-blocks
        ({"TERM": "xterm-256color"}, "blocks"),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, "blocks"),
        ({"TERM": "linux"}, "blocks"),
        ({"TERM": "dumb"}, "blocks"),
        ({}, "blocks"),
    ],
)
def test_auto_draws_with_graphics_only_where_the_environment_says_the_terminal_can(env, auto):
    assert images_drawing("auto", env) == auto
    assert images_drawing("graphics", env) == ("graphics" if auto == "graphics" else None)
    assert images_drawing("blocks", env) == "blocks"
    assert images_drawing("off", env) == "off"
    assert (graphics_refusal(env) is None) == (auto == "graphics")
    term, program = env.get("TERM"), env.get("TERM_PROGRAM")
    kitty = term in ("xterm-kitty", "xterm-ghostty") or "KITTY_WINDOW_ID" in env or program == "ghostty"
    assert graphics_protocol(env) == (None if auto == "blocks" else "kitty" if kitty else "sixel")


def test_the_refusal_says_what_to_do_instead():
    message = no_graphics_message({**KITTY, "TMUX": "/tmp/tmux-0/default,1,0"})
    assert message == (
        "this terminal has no graphics protocol briefing can use (inside tmux or screen, which do not pass "
        "images on); --images blocks draws coloured half-blocks"
    )
    assert "\n" not in no_graphics_message({})
    assert "COLORTERM=truecolor" in no_graphics_message({"TERM": "xterm-kitty"})
