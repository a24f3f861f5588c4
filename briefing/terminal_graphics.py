"""Whether this terminal can be trusted to draw images with a graphics protocol: `--images`.

Decided from the environment alone, never by asking the terminal: a query means writing to the
terminal and reading its answer from the keyboard's stream, which can eat a key the presenter
typed, wait on a terminal that never answers, or leave a late answer for the show to read as
keys. briefing draws with two protocols. Kitty's, with Unicode placeholders (see
`briefing.render.kitty`): the terminals known to speak it are kitty and Ghostty, and a
placeholder names its picture by its 24-bit colour, so Textual must draw in 24-bit colour
(COLORTERM=truecolor, which both set; SSH does not pass it on unless told to). Sixel (see
`briefing.render.sixel`), in the terminals that name themselves and are known to draw it:
WezTerm, foot, mlterm and iTerm2 from 3.5. Konsole takes kitty's images but not its
placeholders, xterm draws sixels only when started as a VT340 (which nothing in the environment
says), Windows Terminal only from 1.22 (nor does its environment say which), and tmux and screen
do not pass any of it on: all of them get coloured half-blocks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Drawing = Literal["graphics", "blocks", "off"]
"""How the show draws images, once `--images auto` is decided."""

Protocol = Literal["kitty", "sixel"]
"""The graphics protocol `graphics` draws with."""


def no_graphics_message(env: Mapping[str, str]) -> str:
    """The line `--images graphics` exits with where it cannot draw."""
    why = graphics_refusal(env) or "unknown"
    return (
        f"this terminal has no graphics protocol briefing can use ({why}); --images blocks draws coloured half-blocks"
    )


def graphics_protocol(env: Mapping[str, str]) -> Protocol | None:
    """The protocol images are drawn with in the terminal `env` describes, if any."""
    if graphics_refusal(env) is not None:
        return None
    return "sixel" if _sixel_terminal(env) else "kitty"


def graphics_refusal(env: Mapping[str, str]) -> str | None:
    """Why images cannot be drawn with a graphics protocol here, or None when they can."""
    term = env.get("TERM", "")
    if env.get("TMUX") or env.get("STY") or term.startswith(("screen", "tmux")):
        return "inside tmux or screen, which do not pass images on"
    if _sixel_terminal(env):
        return None  # a sixel is pixels: neither NO_COLOR nor the colours of the cells bear on it
    if "NO_COLOR" in env:  # a placeholder cell names its image by its colour, which NO_COLOR takes away
        return "NO_COLOR is set"
    kitty = term == "xterm-kitty" or bool(env.get("KITTY_WINDOW_ID"))
    ghostty = term == "xterm-ghostty" or env.get("TERM_PROGRAM") == "ghostty"
    if not (kitty or ghostty):
        return (
            "briefing draws kitty's image placeholders (kitty, Ghostty) or sixels (WezTerm, foot, mlterm, iTerm2 3.5+)"
        )
    if not _true_colour(env):  # in 256 colours the colour naming the picture would be another
        return "its colours are not 24-bit: COLORTERM=truecolor is not set"
    return None


def _sixel_terminal(env: Mapping[str, str]) -> bool:
    """Whether the environment names a terminal known to draw sixels."""
    term, program = env.get("TERM", ""), env.get("TERM_PROGRAM", "")
    if program == "WezTerm" or term.startswith(("foot", "mlterm")) or env.get("MLTERM"):
        return True
    if program == "iTerm.app":  # sixels from 3.5 on
        try:
            major, minor = (int(part) for part in env.get("TERM_PROGRAM_VERSION", "").split(".")[:2])
        except ValueError:
            return False
        return (major, minor) >= (3, 5)
    return False


def _true_colour(env: Mapping[str, str]) -> bool:
    """Whether Textual will draw in 24-bit colour (as Rich decides it from the environment)."""
    forced = env.get("TEXTUAL_COLOR_SYSTEM", "auto")
    if forced != "auto":
        return forced == "truecolor"
    return env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit")


def images_drawing(requested: str, env: Mapping[str, str]) -> Drawing | None:
    """What `--images requested` draws with in the terminal `env` describes; None for
    `graphics` where there is no protocol to use (the show must not start)."""
    if requested == "off":
        return "off"
    if requested == "blocks":
        return "blocks"
    usable = graphics_refusal(env) is None
    if requested == "graphics":
        return "graphics" if usable else None
    return "graphics" if usable else "blocks"
