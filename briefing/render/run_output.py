"""A snippet's output as the slide shows it: a frame under the code block, the output inside,
how the run ended underneath.

The output is a program's, already cleaned (`briefing.program_output`), and becomes a `Text`
built from the plain string: never markup. Only its last lines are drawn: the room reads the
end of a long output, and a slide redrawn as the output streams must stay cheap to draw.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.console import RenderableType
from rich.panel import Panel
from rich.text import Text

from briefing.render.rich import Palette

SHOWN_LINES = 200
"""At most this many of the output's last lines are drawn (the note above them says how many
earlier ones there were)."""
SHOWN_CHARACTERS = 32_768


class ShownOutput(NamedTuple):
    """What the frame under a code block shows; immutable, so a slide's drawing can be cached
    by it."""

    text: str
    """The output's last lines (at most SHOWN_LINES, SHOWN_CHARACTERS)."""
    hidden_lines: int = 0
    """Earlier lines of output not in `text`."""
    status: str = ""
    """How the run ended (`exit status 0`, `stopped`, ...); empty while it runs."""
    failed: bool = False


def tail(text: str, hidden_lines: int = 0) -> tuple[str, int]:
    """`text` cut to its last SHOWN_LINES lines and SHOWN_CHARACTERS characters, and how many
    lines were cut (added to `hidden_lines`)."""
    if len(text) > SHOWN_CHARACTERS:
        cut = len(text) - SHOWN_CHARACTERS
        hidden_lines += text.count("\n", 0, cut)
        text = text[cut:]
        newline = text.find("\n")
        if 0 <= newline < len(text) - 1:  # start at a line's beginning
            text = text[newline + 1 :]
            hidden_lines += 1
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines > SHOWN_LINES:
        parts = text.split("\n")
        keep = SHOWN_LINES + (1 if text.endswith("\n") else 0)
        hidden_lines += len(parts) - keep
        text = "\n".join(parts[-keep:])
    return text, hidden_lines


def output_frame(shown: ShownOutput, palette: Palette) -> RenderableType:
    """The framed output area: the output (or "running…"), and how the run ended as the
    frame's bottom edge."""
    body = Text(overflow="fold")
    if shown.hidden_lines:
        earlier = f"{shown.hidden_lines:,} earlier line{'' if shown.hidden_lines == 1 else 's'}"
        body.append(f"\u2026 {earlier} not shown\n", palette.muted)
    output = shown.text[:-1] if shown.text.endswith("\n") else shown.text
    if output:
        body.append(output)
    elif shown.status:
        body.append("(no output)", palette.muted)
    else:
        body.append("running\u2026", palette.muted)
    if not shown.status:
        status = Text("running \u2026 Esc stops it", palette.muted)
        border = palette.muted
    else:
        border = palette.negative if shown.failed else palette.positive
        status = Text(shown.status, border)
    return Panel(
        body,
        title=Text("output", palette.muted),
        title_align="left",
        subtitle=status,
        subtitle_align="left",
        border_style=border,
        expand=True,
        padding=(0, 1),
    )
