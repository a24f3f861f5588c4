"""Columns: presenterm's layout comments and Slidev's two-column slots, read into marks that
renderers group by (blocks.ColumnMark).

presenterm: `<!-- column_layout: [2, 1] -->` sets a layout, `<!-- column: 0 -->` sends what
follows into that column, `<!-- reset_layout -->` goes back to the full width. Slidev: a slide
with `layout: two-cols` starts in the left column and `::right::` moves to the right one;
`two-cols-header` starts full width and `::left::` / `::right::` open the columns.
"""

from __future__ import annotations

import re

from briefing.core.blocks import ColumnMark
from briefing.core.items import Item, Kind, ParsedFile, RawSlide

MAX_COLUMNS = 12
MAX_WEIGHT = 100
_WEIGHTS = re.compile(r"\[\s*(\d{1,3}(?:\s*,\s*\d{1,3})*)\s*,?\s*\]")
_COMMAND = re.compile(r"(column_layout|column|reset_layout)\s*(?::\s*(.*))?", re.DOTALL)
TWO_COLUMN_LAYOUTS = frozenset({"two-cols", "two-cols-header"})


def layout_command(text: str) -> tuple[str, object] | None:
    """A presenterm column command in a one-line comment, as (key, value), or None."""
    match = _COMMAND.fullmatch(text.strip())
    if match is None:
        return None
    key, value = match.group(1), (match.group(2) or "").strip()
    if key == "reset_layout":
        return None if value else (key, None)
    if key == "column":
        return (key, int(value)) if value.isdigit() and len(value) < 4 else None
    weights = _WEIGHTS.fullmatch(value)
    if weights is None:
        return None
    numbers = tuple(int(part) for part in weights.group(1).split(","))
    if not 1 <= len(numbers) <= MAX_COLUMNS or not all(1 <= n <= MAX_WEIGHT for n in numbers):
        return None
    return key, numbers


def resolve_commands(slide: RawSlide, file: ParsedFile) -> None:
    """Give each presenterm column command on the slide the mark it stands for."""
    weights: tuple[int, ...] = ()
    for item in slide.items:
        if item.kind is not Kind.LAYOUT or item.blocks is not None:
            continue
        item.blocks = ()
        if item.key == "column_layout" and isinstance(item.value, tuple):
            weights = item.value
        elif item.key == "column" and isinstance(item.value, int):
            if not weights:
                file.warn(item.start, f"`column: {item.value}` comes before any `column_layout`: ignored")
            elif item.value >= len(weights):
                file.warn(item.start, f"`column: {item.value}` names no column of the layout {list(weights)}")
            else:
                item.blocks = (ColumnMark(weights, item.value),)
        elif item.key == "reset_layout" and weights:
            item.blocks = (ColumnMark(),)
            weights = ()


def resolve_slots(slide: RawSlide, file: ParsedFile, layout: str) -> None:
    """Slidev's slot markers on a two-column slide become column marks (on any other slide
    they stay rules between the parts)."""
    slots = [item for item in slide.items if item.kind is Kind.RULE and item.key]
    if layout not in TWO_COLUMN_LAYOUTS:
        for item in slots:
            file.warn(item.start, f"Slidev slot `::{item.key}::` is drawn as a rule (columns need `layout: two-cols`)")
        return
    for item in slots:
        if item.key == "right":
            mark = ColumnMark((1, 1), 1, "right")
        elif item.key in ("left", "default"):
            mark = ColumnMark((1, 1), 0, "left")
        else:
            file.warn(item.start, f"Slidev slot `::{item.key}::` is not a column of `{layout}`: ignored")
            mark = None
        item.kind, item.blocks = Kind.LAYOUT, (mark,) if mark else ()
    if layout == "two-cols" and slide.items:
        # the default slot, before `::right::`, is the left column
        first = slide.items[0]
        start = Item(
            Kind.LAYOUT, -1, -1, first.start, first.start, first.source, blocks=(ColumnMark((1, 1), 0, "left"),)
        )
        slide.items.insert(0, start)
