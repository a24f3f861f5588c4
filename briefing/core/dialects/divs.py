"""Speaker notes and regions that no tool means differently, read in every dialect.

* Pandoc's fenced divs: `::: notes` … `:::` is a note (patat, Pandoc's beamer and reveal.js
  writers); `::: incremental` / `::: nonincremental` make the lists inside them shown item by
  item, or not; any other div (`::: columns`, `::: {.column width="40%"}`) loses its fence
  lines and keeps its content.
* `<div class="notes">` and `<aside class="notes">` … `</div>`: a note (Pandoc, reveal.js).

Found by lines, before markdown-it sees the text, so a note's Markdown never becomes content.
"""

from __future__ import annotations

import re
import textwrap

from briefing.core.dialects.base import Prepared
from briefing.core.items import Item, Kind, ParsedFile, Source

_QUICK = re.compile(r"^ {0,3}:{3}|<(?:div|aside)\b[^>]*\bnotes\b", re.MULTILINE)
_DIV_OPEN = re.compile(r" {0,3}(:{3,})[ \t]*(\{[^}]*\}|[\w-]+)[ \t]*:*[ \t]*$")
_DIV_CLOSE = re.compile(r" {0,3}:{3,}[ \t]*$")
_CLASS = re.compile(r"(?:^|\s)\.([\w-]+)")
_HTML_NOTES = re.compile(
    r"[ \t]*<(div|aside)\b[^>]*\bclass\s*=\s*(?:\"[^\"]*\bnotes\b[^\"]*\"|'[^']*\bnotes\b[^']*'|notes\b)[^>]*>",
    re.IGNORECASE,
)
_TAGS = {"div": re.compile(r"<(/?)div\b", re.IGNORECASE), "aside": re.compile(r"<(/?)aside\b", re.IGNORECASE)}
REGIONS = frozenset({"incremental", "nonincremental"})


def might_have(text: str) -> bool:
    """A cheap first look: does the text have anything this module reads?"""
    return _QUICK.search(text) is not None


def div_classes(attributes: str) -> list[str]:
    """The classes of a div's opening fence: `notes` or `{.notes #id key=value}`."""
    if attributes.startswith("{"):
        return _CLASS.findall(attributes[1:-1])
    return [attributes]


def read_divs(prepared: Prepared, file: ParsedFile) -> None:
    """Find notes, regions and other divs; blank their fence lines; add marks."""
    lines, fenced, source = prepared.lines, prepared.fenced, file.source
    stack: list[tuple[int, str]] = []  # open divs: (line, class that matters or "")
    number = 0
    while number < len(lines):
        line = lines[number]
        if fenced[number] or not line:
            number += 1
            continue
        html = _HTML_NOTES.match(line)
        if html:
            number = _html_notes(prepared, source, number, html.group(1).lower())
            continue
        if ":" not in line[:4]:
            number += 1
            continue
        opening = _DIV_OPEN.match(line)
        if opening:
            classes = div_classes(opening.group(2))
            if "notes" in classes:
                number = _fenced_notes(prepared, source, number)
                continue
            region = next((name for name in classes if name in REGIONS), "")
            stack.append((number, region))
            prepared.blank(number)
            if region:
                prepared.marks.append(Item(Kind.OPEN, -1, -1, number, number + 1, source, key=region))
            else:
                file.warn(number, f"Pandoc div `{opening.group(2)}` is ignored (its content is shown)")
        elif _DIV_CLOSE.match(line) and stack:
            _start, region = stack.pop()
            prepared.blank(number)
            if region:
                prepared.marks.append(Item(Kind.CLOSE, -1, -1, number, number + 1, source, key=region))
        number += 1


def _fenced_notes(prepared: Prepared, source: Source, start: int) -> int:
    """`::: notes` … its closing fence (nested divs inside it counted): one note."""
    lines = prepared.lines
    depth = 1
    number = start + 1
    while number < len(lines):
        line = lines[number]
        if not prepared.fenced[number]:
            if _DIV_OPEN.match(line):
                depth += 1
            elif _DIV_CLOSE.match(line):
                depth -= 1
                if depth == 0:
                    break
        number += 1
    end = min(number + 1, len(lines))  # an unclosed notes div runs to the end of the file
    text = textwrap.dedent("\n".join(prepared.written[start + 1 : number])).strip()
    prepared.blank(start, end)
    prepared.marks.append(Item(Kind.NOTE, -1, -1, start, end, source, note=text))
    return end


def _html_notes(prepared: Prepared, source: Source, start: int, tag: str) -> int:
    """`<div class="notes">` … its matching `</div>`; unclosed, the note ends at a blank line
    as the HTML block does in Markdown."""
    lines = prepared.lines
    pattern = _TAGS[tag]
    depth = 0
    number = start
    closed = False
    while number < len(lines):
        for match in pattern.finditer(lines[number]):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                closed = True
                break
        if closed:
            break
        number += 1
    if not closed:
        number = start
        while number + 1 < len(lines) and lines[number + 1].strip():
            number += 1
    end = number + 1
    raw = "\n".join(prepared.written[start:end])
    inner = _HTML_NOTES.sub("", raw, count=1)
    if closed:
        inner = inner[: inner.lower().rfind(f"</{tag}")]
    text = textwrap.dedent(inner.strip("\n")).strip()
    prepared.blank(start, end)
    prepared.marks.append(Item(Kind.NOTE, -1, -1, start, end, source, note=text))
    return end
