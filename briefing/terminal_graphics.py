"""Whether this terminal can be trusted to draw images with a graphics protocol: `--images`.

Decided from the environment alone, never by asking the terminal: a query means writing to the
terminal and reading its answer from the keyboard's stream, which can eat a key the presenter
typed, wait on a terminal that never answers, or leave a late answer for the show to read as
keys. The one protocol briefing draws with is kitty's, with Unicode placeholders (see
`briefing.render.kitty`): the terminals known to speak it are kitty and Ghostty. WezTerm and
Konsole take kitty's images but not its placeholders, iTerm2 has a protocol of its own, and
tmux and screen do not pass any of it on: all of them get coloured half-blocks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Drawing = Literal["graphics", "blocks", "off"]
"""How the show draws images, once `--images auto` is decided."""


def no_graphics_message(env: Mapping[str, str]) -> str:
    """The line `--images graphics` exits with where it cannot draw."""
    why = graphics_refusal(env) or "unknown"
    return (
        f"this terminal has no graphics protocol briefing can use ({why}); --images blocks draws coloured half-blocks"
    )


def graphics_refusal(env: Mapping[str, str]) -> str | None:
    """Why images cannot be drawn with kitty's protocol here, or None when they can."""
    term = env.get("TERM", "")
    if env.get("TMUX") or env.get("STY") or term.startswith(("screen", "tmux")):
        return "inside tmux or screen, which do not pass images on"
    if "NO_COLOR" in env:  # a placeholder cell names its image by its colour, which NO_COLOR takes away
        return "NO_COLOR is set"
    if term == "xterm-kitty" or env.get("KITTY_WINDOW_ID"):
        return None
    if term == "xterm-ghostty" or env.get("TERM_PROGRAM") == "ghostty":
        return None
    return "briefing draws kitty's image placeholders, known to work in kitty and Ghostty"


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
