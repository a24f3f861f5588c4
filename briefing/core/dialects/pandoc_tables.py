"""Pandoc's simple, multiline and grid tables, which CommonMark reads as rules and paragraphs.

Found by lines: each table becomes one Table block (with its caption as a paragraph) and its
lines are blanked, so that its dashed lines are neither slide breaks nor heading underlines.
Cells hold inline Markdown.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from briefing.core.blocks import Align, Block, Inline, Paragraph, Table

_DASHES = re.compile(r"[ \t]*-+(?:[ \t]+-+)+[ \t]*$")  # two or more dash groups
_FULL = re.compile(r"[ \t]*-{3,}[ \t]*$")
_GRID_BORDER = re.compile(r"[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
_GRID_ROW = re.compile(r"[ \t]*[|+]")
_CAPTION = re.compile(r"[ \t]*(?:Table)?:[ \t]+(\S.*)$")

Inliner = Callable[[str], Inline]  # cell text → spans


def might_have(text: str) -> bool:
    return "--" in text or "+-" in text


def find_table(lines: list[str], start: int, inline: Inliner) -> tuple[int, tuple[Block, ...]] | None:
    """The table starting at line `start`, as (its end line, its blocks), or None."""
    line = lines[start]
    if _GRID_BORDER.match(line):
        return _grid(lines, start, inline)
    if start + 1 < len(lines) and line.strip() and not _FULL.match(line) and _DASHES.match(lines[start + 1]):
        return _simple(lines, start, inline, header=True)
    if _DASHES.match(line):
        return _simple(lines, start, inline, header=False)
    if _FULL.match(line) and start + 2 < len(lines) and lines[start + 1].strip():
        return _multiline(lines, start, inline)
    return None


# -- simple tables -----------------------------------------------------------------------------


def _columns(dashes: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in re.finditer(r"-+", dashes)]


def _cut(line: str, columns: list[tuple[int, int]]) -> list[str]:
    """A row's cells: each column runs from its dashes' start to the next column's start."""
    cells = []
    for index, (start, _end) in enumerate(columns):
        stop = columns[index + 1][0] if index + 1 < len(columns) else len(line)
        begin = 0 if index == 0 else start
        cells.append(line[begin:stop].strip())
    return cells


def _alignment(header: str, start: int, end: int) -> Align:
    """Pandoc's rule: flush with the dashes on the left only → left, right only → right,
    neither → centre, both → default."""
    text = header[start:end]
    if not text.strip():
        return ""
    left = not text[:1].isspace()
    right = len(header) >= end and not header[end - 1 : end].isspace()
    if left and right:
        return ""
    if left:
        return "left"
    if right:
        return "right"
    return "center"


def _simple(lines: list[str], start: int, inline: Inliner, *, header: bool) -> tuple[int, tuple[Block, ...]] | None:
    dash_line = start + 1 if header else start
    columns = _columns(lines[dash_line])
    if len(columns) < 2:
        return None
    rows: list[tuple[Inline, ...]] = []
    number = dash_line + 1
    closed = False
    while number < len(lines) and lines[number].strip():
        if _DASHES.match(lines[number]) or _FULL.match(lines[number]):
            number += 1  # the closing dashes
            closed = True
            break
        rows.append(tuple(inline(cell) for cell in _cut(lines[number], columns)))
        number += 1
    if not header and not (rows and closed):
        return None  # a table without a header ends with dashes
    heading: tuple[Inline, ...] = ()
    align: tuple[Align, ...] = tuple("" for _ in columns)
    if header:
        text = lines[start]
        heading = tuple(inline(cell) for cell in _cut(text, columns))
        align = tuple(_alignment(text, begin, end) for begin, end in columns)
    return _with_caption(lines, number, Table(heading, tuple(rows), align), inline)


def _multiline(lines: list[str], start: int, inline: Inliner) -> tuple[int, tuple[Block, ...]] | None:
    """A full line of dashes, header lines, dash groups, rows apart by blank lines, dashes."""
    number = start + 1
    header_lines = []
    while number < len(lines) and lines[number].strip() and not _DASHES.match(lines[number]):
        header_lines.append(lines[number])
        number += 1
    if not header_lines or number >= len(lines) or not _DASHES.match(lines[number]):
        return None  # the full line of dashes must have a header under it
    columns = _columns(lines[number])
    number += 1
    rows: list[tuple[Inline, ...]] = []
    current: list[str] = []
    while number < len(lines):
        line = lines[number]
        if _FULL.match(line) and not _DASHES.match(line):
            break
        if not line.strip():
            if current:
                rows.append(_joined(current, columns, inline))
                current = []
        else:
            current.append(line)
        number += 1
    else:
        return None  # no closing dashes: not a table
    if current:
        rows.append(_joined(current, columns, inline))
    heading = _joined(header_lines, columns, inline)
    align = tuple(_alignment(header_lines[0], begin, end) for begin, end in columns)
    return _with_caption(lines, number + 1, Table(heading, tuple(rows), align), inline)


def _joined(row_lines: list[str], columns: list[tuple[int, int]], inline: Inliner) -> tuple[Inline, ...]:
    cells = [[] for _ in columns]  # type: list[list[str]]
    for line in row_lines:
        for index, text in enumerate(_cut(line, columns)):
            if text:
                cells[index].append(text)
    return tuple(inline(" ".join(parts)) for parts in cells)


# -- grid tables -------------------------------------------------------------------------------


def _grid(lines: list[str], start: int, inline: Inliner) -> tuple[int, tuple[Block, ...]] | None:
    border = lines[start]
    bounds = [index for index, char in enumerate(border) if char == "+"]
    if len(bounds) < 2:
        return None
    align = tuple(_grid_alignment(border[a + 1 : b]) for a, b in itertools.pairwise(bounds))
    header: tuple[Inline, ...] = ()
    rows: list[tuple[Inline, ...]] = []
    current: list[list[str]] = [[] for _ in bounds[1:]]
    number = start + 1
    while number < len(lines) and _GRID_ROW.match(lines[number]):
        line = lines[number]
        if _GRID_BORDER.match(line):
            row = tuple(inline(" ".join(parts)) for parts in current)
            if "=" in line and not header and not rows:
                header = row
                align = tuple(_grid_alignment(line[a + 1 : b]) for a, b in itertools.pairwise(bounds))
            elif any(parts for parts in current):
                rows.append(row)
            current = [[] for _ in bounds[1:]]
        else:
            for index, (a, b) in enumerate(itertools.pairwise(bounds)):
                text = line[a + 1 : b].strip() if len(line) > a else ""
                if text:
                    current[index].append(text)
        number += 1
    if not rows and not header:
        return None
    return _with_caption(lines, number, Table(header, tuple(rows), align), inline)


def _grid_alignment(border: str) -> Align:
    left, right = border.startswith(":"), border.endswith(":")
    if left and right:
        return "center"
    if right:
        return "right"
    if left:
        return "left"
    return ""


def _with_caption(lines: list[str], end: int, table: Table, inline: Inliner) -> tuple[int, tuple[Block, ...]]:
    """A `Table: …` or `: …` caption after a blank line belongs to the table."""
    if end + 1 < len(lines) and not lines[end].strip():
        caption = _CAPTION.match(lines[end + 1])
        if caption:
            return end + 2, (table, Paragraph(inline(caption.group(1))))
    return end, (table,)
