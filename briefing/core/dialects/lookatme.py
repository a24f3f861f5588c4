"""lookatme: `---` slides, or headings when there are none; `<!-- stop -->` pauses.

Without thematic breaks, lookatme splits at headings its own way: when the highest-level
heading occurs only once it is the deck's title, and the next level starts the slides; else
that highest level does.
"""

from __future__ import annotations

from collections import Counter

from briefing.core.dialects.base import Dialect
from briefing.core.items import Item, Kind, ParsedFile, has_content


class Lookatme(Dialect):
    name = "lookatme"
    tool = "lookatme"
    signs = (("stop", r"^[ \t]*<!--[ \t]*stop[ \t]*-->", 2),)
    front_matter_keys = frozenset({"styles", "extensions"})

    def split(self, file: ParsedFile) -> list[list[Item]]:
        items = file.items
        if any(item.kind in (Kind.SEPARATOR, Kind.END_SLIDE) for item in items):
            return super().split(file)
        headings = [item for item in items if item.kind is Kind.HEADING]
        if not headings:
            return [items]
        counts = Counter(item.level for item in headings)
        title = headings[0]
        if counts[title.level] == 1:
            del counts[title.level]
        if not counts:
            return [items]
        level = min(counts)
        groups: list[list[Item]] = [[]]
        for item in items:
            if item.kind is Kind.HEADING and item.level == level and has_content(groups[-1]):
                groups.append([])
            groups[-1].append(item)
        return groups
