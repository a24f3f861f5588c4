"""A URL as a QR code drawn with half blocks: two rows of modules to a line of text.

Light modules (the quiet zone too) are drawn as ink, dark ones as blank: on the usual light-on-
dark terminal the code comes out dark on light, as printed codes are. Plain characters only.
"""

from __future__ import annotations

import segno

QUIET_ZONE = 2
"""Modules of margin: the standard asks for 4, phones read 2, and the terminal is small."""

_HALVES = {(True, True): "\u2588", (True, False): "\u2580", (False, True): "\u2584", (False, False): " "}


def qr_lines(text: str) -> list[str]:
    """`text` as a QR code, one string per terminal line."""
    code = segno.make(text, error="l")
    rows = [[not dark for dark in row] for row in code.matrix_iter(border=QUIET_ZONE)]
    if len(rows) % 2:
        rows.append([True] * len(rows[0]))
    return [
        "".join(_HALVES[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]
