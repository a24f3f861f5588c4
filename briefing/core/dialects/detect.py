"""Recognising a deck's tool from its text, cheaply.

1. The front matter's `dialect:` key (or `--dialect NAME`) decides (core.loader).
2. Else a front-matter key only one tool uses decides (`marp`, `patat`, Slidev's `transition`
   or `layout`, reveal-md's `revealOptions`, presenterm's `options`, …).
3. Else every mark only one tool uses (its `signs`, outside fenced code) counts for that tool,
   by weight; the tool with the most wins, if it has at least `THRESHOLD` and no other tool
   has as much. Else: `briefing`.

Each sign names a text it contains: the text is searched for that (fast), and only the lines
where it occurs are matched against the sign's expression, so a deck with none of the marks
costs a few substring searches.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from functools import lru_cache

from briefing.core.dialects import TOOLS
from briefing.core.dialects.base import Dialect

THRESHOLD = 2
# Front-matter keys settle it in this order (Marp also has `transition`, for instance).
_FRONT_MATTER_ORDER = ("marp", "patat", "slidev", "reveal", "presenterm", "lookatme", "pandoc")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)")
_LONGEST = 2000  # marks are near a line's start: a longer line is looked at this far


@lru_cache(maxsize=1)
def _signs() -> dict[str, list[tuple[re.Pattern[str], bool, str, int]]]:
    """Every tool's signs by the text they contain: (expression, matched from the line's
    start, tool, weight)."""
    by_needle: dict[str, list[tuple[re.Pattern[str], bool, str, int]]] = {}
    for tool in TOOLS:
        for needle, pattern, weight in tool.signs:
            anchored = pattern.startswith("^")
            compiled = re.compile(pattern[1:] if anchored else pattern, re.MULTILINE)
            by_needle.setdefault(needle, []).append((compiled, anchored or not needle, tool.name, weight))
    return by_needle


def from_front_matter(front_matter: Mapping[str, object]) -> str | None:
    keys = set(front_matter)
    by_name = {tool.name: tool for tool in TOOLS}
    for name in _FRONT_MATTER_ORDER:
        if keys & by_name[name].front_matter_keys:
            return name
    return None


def detect(texts: Iterable[str], front_matter: Mapping[str, object]) -> str:
    """The name of the dialect a deck is written in."""
    named = from_front_matter(front_matter)
    if named is not None:
        return named
    scores = score(texts)
    if not scores:
        return Dialect.name
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < THRESHOLD or (len(ranked) > 1 and ranked[0] == ranked[1]):
        # Marks of two tools in equal measure: briefing's own rules, which read every common
        # note syntax as a note, rather than one tool's that could draw the other's notes.
        return Dialect.name
    return max(scores, key=scores.__getitem__)


def score(texts: Iterable[str]) -> dict[str, int]:
    """Each tool's weight of marks in the texts (marks in fenced code do not count)."""
    scores: dict[str, int] = {}
    for text in texts:
        fences: list[int] | None = None
        for needle, signs in _signs().items():
            starts = [0] if not needle else _line_starts(text, needle)
            for start in starts:
                end = text.find("\n", start)
                end = min(len(text) if end < 0 else end, start + _LONGEST)
                for pattern, anchored, name, weight in signs:
                    found = pattern.match(text, start) if anchored else pattern.search(text, start, end)
                    if found is None:
                        continue
                    if name == "slidev" and start == 0 and needle == "---\n":
                        continue  # the front matter, not a slide's own YAML block
                    if fences is None:
                        fences = _fenced_spans(text)
                    if fences and bisect_right(fences, start) % 2 == 1:
                        continue
                    scores[name] = scores.get(name, 0) + weight
    return scores


def _line_starts(text: str, needle: str) -> list[int]:
    """The start of every line where `needle` occurs (or begins), each once; every line is
    looked at once however often the needle is on it."""
    starts: list[int] = []
    position = text.find(needle)
    while position >= 0:
        offset = position + 1 if needle.startswith("\n") else position
        starts.append(text.rfind("\n", 0, offset) + 1)
        end = text.find("\n", offset)
        if end < 0:
            break
        position = text.find(needle, end)
    return starts


def _fenced_spans(text: str) -> list[int]:
    """Start and end offsets of fenced code blocks, flattened: [start0, end0, start1, …]."""
    fences = sorted({*_line_starts(text, "```"), *_line_starts(text, "~~~")})
    spans: list[int] = []
    opening: str | None = None
    for start in fences:
        match = _FENCE.match(text, start)
        if match is None or (match.end() < len(text) and text[match.end()] != "\n"):
            continue
        fence = match.group(1)
        if opening is None:
            if fence[0] == "`" and "`" in match.group(2):
                continue
            opening = fence
            spans.append(start)
        elif fence[0] == opening[0] and len(fence) >= len(opening) and not match.group(2).strip():
            opening = None
            spans.append(match.end())
    if opening is not None:
        spans.append(len(text))
    return spans
