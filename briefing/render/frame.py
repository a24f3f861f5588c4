"""The presenter's frame: how much of the terminal a slide's content gets.

The UI's stylesheet draws this frame; `check` uses these numbers to say whether a slide fits,
and a UI test holds the two together.
"""

from __future__ import annotations

STATUS_ROWS = 2  # the status line and the key hints under the slide
PAD_ROWS = 1  # blank rows above and below the content
PAD_COLUMNS = 3  # blank columns left and right of the content
MAX_COLUMNS = 100  # the content column stops growing here, centred on wide terminals
MIN_SIZE = (40, 12)  # below this the screen asks for a bigger terminal


def content_size(columns: int, rows: int) -> tuple[int, int]:
    """Cells (width, height) a slide's content has in a terminal of `columns` × `rows`."""
    width = min(MAX_COLUMNS, columns - 2 * PAD_COLUMNS)
    height = rows - STATUS_ROWS - 2 * PAD_ROWS
    return max(1, width), max(1, height)


def wide_width(columns: int) -> int:
    """Cells a table or code block too wide for the content may take before it scrolls
    sideways: the terminal's whole width less the padding."""
    return max(1, columns - 2 * PAD_COLUMNS)
