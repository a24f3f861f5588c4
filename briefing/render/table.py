"""Table geometry shared by the plain-text and terminal renderers: column widths and gaps.

A table that does not fit first loses space between its columns, then wraps its cells at word
boundaries. No cell is ever cut: a column is never narrower than its widest word (a number is
one word), so a table that is still too wide says so, and the renderer scrolls it or draws it
another way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from briefing.render.cells import cell_len


class TableLayout(NamedTuple):
    widths: tuple[int, ...]  # cells each column's text is drawn in
    gap: int  # blank cells between two columns
    fits: bool  # False: even fully wrapped, the table is wider than it was asked to be

    @property
    def width(self) -> int:
        return sum(self.widths) + self.gap * max(0, len(self.widths) - 1)


def word_width(text: str) -> int:
    """Cells of the widest piece `text` cannot be broken into. Words of wide (CJK) characters
    break anywhere, as they do in print, so only their widest character counts."""
    widest = 0
    for word in text.split():
        size = cell_len(word)
        if size > len(word) and not word.isascii():
            size = max(cell_len(char) for char in word)
        widest = max(widest, size)
    return widest


def layout_table(
    rows: Sequence[Sequence[str]], width: int, gaps: Sequence[int], wrap_gaps: Sequence[int]
) -> TableLayout:
    """Widths for a table of plain-text cells in `width` cells: natural widths with the widest
    of `gaps` that fits; else the widest of `wrap_gaps` at which the widest columns can shrink
    toward their widest word to fit; else every column at its widest word, with the last gap."""
    count = max((len(row) for row in rows), default=0)
    if count == 0:
        return TableLayout((), wrap_gaps[-1], True)
    natural = [1] * count
    minimum = [1] * count
    for row in rows:
        for column, cell in enumerate(row):
            natural[column] = max(natural[column], cell_len(cell))
            minimum[column] = max(minimum[column], word_width(cell))
    for gap in gaps:
        if sum(natural) + gap * (count - 1) <= width:
            return TableLayout(tuple(natural), gap, True)
    for gap in wrap_gaps:
        budget = width - gap * (count - 1)
        if sum(minimum) <= budget:
            return TableLayout(_shrink(natural, minimum, budget), gap, True)
    return TableLayout(tuple(minimum), wrap_gaps[-1], False)


def _shrink(natural: list[int], minimum: list[int], budget: int) -> tuple[int, ...]:
    """Cap the widest columns (never below their minimum) so the widths add up to `budget`:
    narrow columns keep their natural width, wide ones share what is left."""

    def capped(cap: int) -> list[int]:
        return [max(low, min(high, cap)) for low, high in zip(minimum, natural, strict=True)]

    low, high = 1, max(natural)  # the largest cap whose total fits the budget, by bisection
    while low < high:
        middle = (low + high + 1) // 2
        if sum(capped(middle)) <= budget:
            low = middle
        else:
            high = middle - 1
    widths = capped(low)
    spare = budget - sum(widths)
    for column in sorted(range(len(widths)), key=lambda c: -natural[c]):
        if spare <= 0:
            break
        if widths[column] < natural[column]:  # hand out the cells the cap rounded away
            widths[column] += 1
            spare -= 1
    return tuple(widths)
