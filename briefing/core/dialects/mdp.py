"""mdp: a `%title:` header, `<br>` and `^` pauses, `-> centred <-` lines.

* `%title:`, `%author:` and `%date:` lines at the top of the file are the deck's title, author
  and date.
* A line holding only `<br>` or `^` is a pause (also between the items of a list).
* A paragraph whose lines are all written `-> text <-` is centred; `-> # Heading <-` is a
  heading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from briefing.core.dialects.base import Dialect, Prepared
from briefing.core.items import Item, Kind, ParsedFile

_HEADER = re.compile(r"%([A-Za-z][\w-]*):[ \t]*(.*?)[ \t]*$")
_PAUSE = re.compile(r"[ \t]*(?:<br\s*/?>|\^)[ \t]*$", re.IGNORECASE)
_CENTRED = re.compile(r"->[ \t]?(.*?)[ \t]?<-[ \t]*$")


class Mdp(Dialect):
    name = "mdp"
    tool = "mdp"
    signs = (
        ("", r"%(?:title|author|date):", 3),
        ("\n->", r"^->.*<-[ \t]*$", 2),
        ("<br>", r"^[ \t]*<br>[ \t]*$", 1),
        ("^", r"^[ \t]*\^[ \t]*$", 1),
    )
    honoured = frozenset({"title", "author", "date"})

    def __init__(self, front_matter: Mapping[str, object]) -> None:
        super().__init__(front_matter)
        self.centred: dict[int, set[int]] = {}  # per file (by id of its Source): centred lines

    def header(self, prepared: Prepared, file: ParsedFile, start: int) -> dict[str, object]:
        settings: dict[str, object] = {}
        lines = prepared.lines
        number = start
        while number < len(lines) and lines[number].startswith("%"):
            match = _HEADER.match(lines[number])
            if match:
                settings[match.group(1).lower()] = match.group(2)
            prepared.blank(number)
            number += 1
        return settings

    def prepare(self, prepared: Prepared, file: ParsedFile) -> None:
        lines, fenced = prepared.lines, prepared.fenced
        centred = self.centred.setdefault(id(file.source), set())
        for number, line in enumerate(lines):
            if fenced[number] or not line:
                continue
            if _PAUSE.match(line):
                prepared.blank(number)
                prepared.marks.append(Item(Kind.PAUSE, -1, -1, number, number + 1, file.source))
            elif "->" in line:
                match = _CENTRED.match(line.strip())
                if match:
                    lines[number] = match.group(1)
                    centred.add(number)

    def paragraph(self, content: str) -> Kind | None:
        return None

    def item(self, item: Item, file: ParsedFile) -> None:
        tokens = item.tokens
        centred = self.centred.get(id(item.source), set())
        if (
            centred
            and item.kind is Kind.CONTENT
            and tokens[item.first].type == "paragraph_open"
            and all(line in centred for line in range(item.start, item.end))
        ):
            # mdp draws each source line as a line: centred one by one, never reflowed
            from briefing.core.blocks import Paragraph, Span
            from briefing.core.markdown import inline_spans, parser

            spans: list[Span] = []
            for line in item.source.lines[item.start : item.end]:
                if not line.strip():
                    continue
                if spans:
                    spans.append(Span("\n"))
                parsed = parser(False).parseInline(line.strip())
                spans.extend(inline_spans(parsed[0]) if parsed else ())
            item.blocks = (Paragraph(tuple(spans), "center"),)
