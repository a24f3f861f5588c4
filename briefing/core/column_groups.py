"""Blocks grouped into columns for drawing: what renderers and `check` lay out side by side.

The marks come from the loader (`columns.py` reads them from layout comments and slots); this
part is apart from it so that drawing a slide never loads the loader's own types.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from briefing.core.blocks import Block, ColumnMark


class ColumnGroup(NamedTuple):
    """Consecutive blocks laid out in columns: each column's blocks, in column order."""

    weights: tuple[int, ...]
    columns: tuple[tuple[Block, ...], ...]
    names: tuple[str, ...]


def group_columns(blocks: Sequence[Block]) -> list[tuple[Block, ...] | ColumnGroup]:
    """`blocks` as runs drawn full width and groups drawn in columns, in order; marks dropped.
    A column's blocks are the blocks after each mark that names it, up to the next mark."""
    if not any(isinstance(block, ColumnMark) for block in blocks):
        return [tuple(blocks)]
    parts: list[tuple[Block, ...] | ColumnGroup] = []
    run: list[Block] = []
    weights: tuple[int, ...] = ()
    columns: list[list[Block]] = []
    names: list[str] = []
    current = 0

    def close() -> None:
        if weights and any(columns):
            parts.append(ColumnGroup(weights, tuple(map(tuple, columns)), tuple(names)))

    for block in blocks:
        if not isinstance(block, ColumnMark):
            (columns[current] if weights else run).append(block)
            continue
        if block.weights == weights and weights:
            current = max(0, min(block.column, len(weights) - 1))
            names[current] = names[current] or block.name
            continue
        if run:
            parts.append(tuple(run))
            run = []
        close()
        weights = block.weights
        columns = [[] for _ in weights]
        names = [""] * len(weights)
        current = max(0, min(block.column, len(weights) - 1)) if weights else 0
        if weights:
            names[current] = block.name
    if run:
        parts.append(tuple(run))
    close()
    return parts
