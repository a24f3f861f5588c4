"""A code fence's info string: its language, its walk-through steps and its line numbers.

presenterm writes ```` ```rust {1-3|5|all} +line_numbers ````, Slidev ```` ```ts {2|3-4} ````
(and `{lines:true}` for numbers). Each `|`-separated group is a step that highlights those
lines; `all` (or `*`) highlights every line. A brace group that is not a list of lines is some
other attribute and is left alone, as are words briefing has no use for (`+exec`, `{monaco}`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_BRACES = re.compile(r"\{([^{}]*)\}")
_LINE_ITEM = re.compile(r"\s*(?:(\d{1,9})(?:\s*-\s*(\d{1,9}))?|(all|\*))\s*")
_LINES_ON = re.compile(r"\blines\s*:\s*true\b")
MAX_GROUPS = 100  # more steps than any walk-through needs; a hostile fence gets no more


class CodeInfo(NamedTuple):
    language: str = ""
    highlights: tuple[tuple[int, ...], ...] = ()  # lines (1-based) per step; () is every line
    line_numbers: bool = False


def language_of(info: str) -> str:
    """The fence's language: its first word, up to any `{`."""
    words = info.strip().split(maxsplit=1)
    return words[0].split("{", 1)[0] if words else ""


def parse_info(info: str, line_count: int) -> CodeInfo:
    """Read a fence's info string for a block of `line_count` lines (line numbers past the end
    are dropped, so `{1-999999999}` costs no more than the block's own lines)."""
    highlights: tuple[tuple[int, ...], ...] = ()
    line_numbers = "+line_numbers" in info.split()
    for match in _BRACES.finditer(info):
        inner = match.group(1)
        if _LINES_ON.search(inner):
            line_numbers = True
            continue
        if not highlights:
            highlights = _groups(inner, line_count) or ()
    return CodeInfo(language_of(info), highlights, line_numbers)


def _groups(spec: str, line_count: int) -> tuple[tuple[int, ...], ...] | None:
    """`1-3|5|all` → ((1, 2, 3), (5,), ()); None when `spec` is not lines."""
    groups: list[tuple[int, ...]] = []
    for group in spec.split("|")[:MAX_GROUPS]:
        lines: set[int] = set()
        every = False
        for item in group.split(","):
            match = _LINE_ITEM.fullmatch(item)
            if match is None:
                return None
            if match.group(3):
                every = True
                continue
            first = int(match.group(1))
            last = int(match.group(2) or first)
            if last < first:
                first, last = last, first
            lines.update(range(max(1, first), min(last, line_count) + 1))
        # every line, or lines all past the end: nothing to dim
        groups.append(() if every or not lines else tuple(sorted(lines)))
    return tuple(groups)
