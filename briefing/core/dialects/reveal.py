"""reveal.js (and reveal-md): `Note:` notes, slide and element attributes, fragments.

* A line starting `Note:` or `Notes:` (any case) ends the slide's content: the rest of it
  (the text after the colon included) is notes, up to the next slide separator.
* `<!-- .slide: … -->` and `<!-- .element: … -->` are attributes, kept in the slide's metadata;
  an element whose attributes say `class="fragment"` (in such a comment after it or inside
  it, or in its own HTML) appears at the next step. Other attributes are ignored.
"""

from __future__ import annotations

import re
from typing import ClassVar

from briefing.core.dialects.base import Dialect, Prepared
from briefing.core.items import VISIBLE, Item, Kind, ParsedFile

_NOTES = re.compile(r"[ \t]*notes?:", re.IGNORECASE)
_SEPARATOR = re.compile(r"-{3,4}[ \t]*$")
_ELEMENT = re.compile(r"<!--\s*\.element\s*:?(.*?)-->", re.DOTALL)
_FRAGMENT = re.compile(r"""\bclass\s*=\s*(?:"[^"]*\bfragment\b|'[^']*\bfragment\b|fragment\b)""")


def is_fragment(attributes: str) -> bool:
    return _FRAGMENT.search(attributes) is not None


class Reveal(Dialect):
    name = "reveal"
    tool = "reveal.js"
    signs = (
        ("<!--", r"<!--[ \t]*\.(?:slide|element)\b", 3),
        # (`NOTE:` in capitals is more often a remark in the text)
        ("ote:", r"^[ \t]*[Nn]ote:", 2),
        ("otes:", r"^[ \t]*[Nn]otes:", 2),
        ("fragment", r"""\bclass=["'][^"'\n]*\bfragment\b""", 2),
    )
    front_matter_keys = frozenset({"revealOptions", "separator", "verticalSeparator", "highlightTheme"})
    note_markers: ClassVar[frozenset[str]] = frozenset({"Note:"})
    setting_word = "attribute"

    def prepare(self, prepared: Prepared, file: ParsedFile) -> None:
        lines, fenced = prepared.lines, prepared.fenced
        number = 0
        while number < len(lines):
            line = lines[number]
            match = _NOTES.match(line) if line[:1] in "nN \t" and not fenced[number] else None
            if match is None:
                number += 1
                continue
            end = number + 1
            while end < len(lines) and not (
                not fenced[end] and _SEPARATOR.match(lines[end]) and not lines[end - 1].strip()
            ):
                end += 1
            while end > number + 1 and not lines[end - 1].strip():
                end -= 1  # the blank lines before the separator are not part of the note
            rest = line[match.end() :]
            text = "\n".join([rest.strip(), *prepared.written[number + 1 : end]]).strip()
            prepared.blank(number, end)
            prepared.marks.append(Item(Kind.NOTE, -1, -1, number, end, file.source, note=text))
            number = end

    def items(self, file: ParsedFile) -> None:
        previous: Item | None = None
        extra: list[tuple[int, Item]] = []
        for position, item in enumerate(file.items):
            if item.kind is Kind.SETTING and item.key == ".element":
                if previous is not None and is_fragment(str(item.value)):
                    previous.fragment = True
            elif item.kind is Kind.HTML:
                if is_fragment(item.tokens[item.first].content):
                    item.fragment = True
            elif item.kind in (Kind.CONTENT, Kind.HEADING):
                for line, attributes, comment in _inline_attributes(item):
                    if is_fragment(attributes):
                        if line <= item.start:
                            item.fragment = True
                        else:
                            item.cuts.append(line)
                    if comment:
                        setting = Item(
                            Kind.SETTING, -1, -1, line, line + 1, item.source, key=".element", value=attributes
                        )
                        extra.append((position + 1, setting))
            if item.kind in VISIBLE:
                previous = item
        for position, setting in reversed(extra):
            file.items.insert(position, setting)


def _inline_attributes(item: Item) -> list[tuple[int, str, bool]]:
    """`<!-- .element: … -->` comments and `class="fragment"` HTML inside an item's text:
    (line, attributes, whether it is a comment)."""
    found: list[tuple[int, str, bool]] = []
    tokens = item.tokens
    for token in tokens[item.first : item.last + 1]:
        if token.type != "inline" or "<" not in token.content or not token.map:
            continue
        for child in token.children or ():
            if child.type != "html_inline":
                continue
            element = _ELEMENT.match(child.content)
            if element:
                found.append((token.map[0], element.group(1).strip(), True))
            elif is_fragment(child.content):
                found.append((token.map[0], child.content, False))
    return found
