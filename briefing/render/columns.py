"""How columns share a width: by weight, a gap between them, and stacked when one would be
too narrow to read. The presenter, `check` and the handout agree through this one rule."""

from __future__ import annotations

from collections.abc import Sequence

MIN_COLUMN = 24  # cells: a column narrower than this is stacked under the one before
GAP = 3  # cells between columns


def column_widths(weights: Sequence[int], width: int) -> list[int] | None:
    """Each column's width within `width` cells, by weight; None when the columns stack."""
    if not weights:
        return None
    room = width - GAP * (len(weights) - 1)
    total = sum(weights)
    if total <= 0 or room <= 0:
        return None
    widths = [room * weight // total for weight in weights]
    widths[-1] += room - sum(widths)  # the cells rounding left over go to the last column
    return widths if min(widths) >= MIN_COLUMN else None


def column_label(index: int, count: int, name: str) -> str:
    """What the handout calls a column: its name when the author gave one (Slidev's `right`)."""
    if name:
        return f"{name[:1].upper()}{name[1:]} column"
    return f"Column {index + 1} of {count}"
