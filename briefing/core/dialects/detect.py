"""Recognising a deck's tool from its text, in one pass of one regular expression.

1. The front matter's `dialect:` key (or `--dialect NAME`) decides.
2. Else a front-matter key only one tool uses decides (`marp`, `patat`, Slidev's `transition`
   or `layout`, reveal-md's `revealOptions`, presenterm's `options`, …).
3. Else every mark only one tool uses (its `signs`, outside fenced code) counts for that tool,
   by weight; the tool with the most wins, if it has at least `THRESHOLD`. Else: `briefing`.
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
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$", re.MULTILINE)


@lru_cache(maxsize=1)
def _signs() -> tuple[re.Pattern[str], list[tuple[str, int]]]:
    """All tools' signs as one alternation of named groups, and what each group means."""
    parts: list[str] = []
    meaning: list[tuple[str, int]] = []
    for tool in TOOLS:
        for pattern, weight in tool.signs:
            parts.append(f"(?P<s{len(meaning)}>{pattern})")
            meaning.append((tool.name, weight))
    return re.compile("|".join(parts), re.MULTILINE), meaning


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
    order = [tool.name for tool in TOOLS]
    best = max(scores, key=lambda name: (scores[name], -order.index(name)))
    return best if scores[best] >= THRESHOLD else Dialect.name


def score(texts: Iterable[str]) -> dict[str, int]:
    """Each tool's weight of marks in the texts (marks in fenced code do not count)."""
    pattern, meaning = _signs()
    scores: dict[str, int] = {}
    for text in texts:
        fences = _fenced_spans(text)
        for match in pattern.finditer(text):
            if fences and _inside(fences, match.start()):
                continue
            group = match.lastgroup
            if group is None:
                continue
            name, weight = meaning[int(group[1:])]
            if name == "slidev" and match.start() == 0 and match.group().startswith("---"):
                continue  # the front matter, not a per-slide block
            scores[name] = scores.get(name, 0) + weight
    return scores


def _fenced_spans(text: str) -> list[int]:
    """Start and end offsets of fenced code blocks, flattened: [start0, end0, start1, …]."""
    if "```" not in text and "~~~" not in text:
        return []
    spans: list[int] = []
    opening: str | None = None
    for match in _FENCE.finditer(text):
        fence = match.group(1)
        if opening is None:
            if fence[0] == "`" and "`" in match.group(2):
                continue
            opening = fence
            spans.append(match.start())
        elif fence[0] == opening[0] and len(fence) >= len(opening) and not match.group(2).strip():
            opening = None
            spans.append(match.end())
    if opening is not None:
        spans.append(len(text))
    return spans


def _inside(spans: list[int], offset: int) -> bool:
    return bisect_right(spans, offset) % 2 == 1
