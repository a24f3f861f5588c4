"""Pandoc's Markdown for slides (beamer, reveal.js, and the terminal's patat).

* A `% Title` / `% Author` / `% Date` block at the top of the file is the deck's title,
  author and date.
* Slides: a thematic break always starts one, and so does a heading at the slide level (the
  highest level directly followed by content); a heading above it is a title slide.
* Notes: `::: notes` divs (read in every dialect). `. . .` is a pause.
* `::: incremental` shows its lists item by item; so does a list in a block quote (`> - a`),
  drawn as a list. `::: nonincremental` does not.
* Attributes are not drawn: `# Title {.unnumbered}`, `[text]{.smallcaps}`,
  `![img](a.png){width=50%}`, ```` ```{.python} ````; `check` says they are ignored.
* Simple, multiline and grid tables are tables.
"""

from __future__ import annotations

import re
from typing import ClassVar

from briefing.core.blocks import Inline
from briefing.core.dialects.base import Dialect, Prepared, slide_level, split_at_headings
from briefing.core.dialects.pandoc_tables import find_table
from briefing.core.items import Item, Kind, ParsedFile, split_at

_TITLE_BLOCK = re.compile(r"%[ \t]?(.*)$")
_ATTRIBUTES = r"(?P<attributes>\{[ \t]*[#.=\w-][^{}\n]*\})"
_HEADING_ATTRIBUTES = re.compile(r"(?P<kept>)[ \t]+" + _ATTRIBUTES + r"[ \t]*$")
_SPAN = re.compile(r"(?<!!)\[(?P<kept>[^\[\]\n]*)\]" + _ATTRIBUTES)
_AFTER_LINK = re.compile(r"(?P<kept>\)|`)" + _ATTRIBUTES)
_FENCE_INFO = re.compile(r"([ \t]*(?:`{3,}|~{3,})[ \t]*)\{[ \t]*\.?([\w+-]+)[^}\n]*\}[ \t]*$")


class Pandoc(Dialect):
    name = "pandoc"
    tool = "Pandoc"
    signs: ClassVar[tuple[tuple[str, str, int], ...]] = (
        ("", r"%[ \t]\S", 3),
        (":::", r"^:{3,}[ \t]*(?:\{|[A-Za-z])", 2),
        ("{", r"^#{1,6}[ \t].*\{[ \t]*[#.][^}\n]*\}[ \t]*$", 2),
        ("{", r"\][ \t]*\{\.[\w-]+", 2),
        ("+-", r"^\+(?:[-=:]+\+){2,}[ \t]*$", 2),
        ("- -", r"^[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*$", 1),
        ('class="notes"', r"<div class=\"notes\">", 1),
    )
    front_matter_keys = frozenset(
        {
            "revealjs-url",
            "colortheme",
            "fonttheme",
            "innertheme",
            "outertheme",
            "aspectratio",
            "institute",
            "classoption",
            "header-includes",
            "slide-level",
        }
    )
    note_markers: ClassVar[frozenset[str]] = frozenset()
    quoted_lists_incremental = True

    def header(self, prepared: Prepared, file: ParsedFile, start: int) -> dict[str, object]:
        """The `% title`, `% author(s)`, `% date` block (continuation lines start with a space)."""
        lines = prepared.lines
        if start != 0 or not lines or not lines[0].startswith("%"):
            return {}
        fields: list[list[str]] = []
        number = 0
        while number < len(lines) and len(fields) < 3:
            line = lines[number]
            match = _TITLE_BLOCK.match(line)
            if match:
                fields.append([match.group(1).strip()])
            elif line[:1] in (" ", "\t") and line.strip() and fields:
                fields[-1].append(line.strip())
            else:
                break
            prepared.blank(number)
            number += 1
        values = [" ".join(parts).strip() for parts in fields]
        settings: dict[str, object] = {}
        for key, value in zip(("title", "author", "date"), values, strict=False):  # a fourth % line means nothing
            if not value:
                continue
            if key == "author":
                authors = [name.strip() for name in value.split(";") if name.strip()]
                settings[key] = authors[0] if len(authors) == 1 else authors
            else:
                settings[key] = value
        return settings

    def prepare(self, prepared: Prepared, file: ParsedFile) -> None:
        from briefing.core.markdown import inline_spans, parser

        md = parser(False)

        def inline(text: str) -> Inline:
            tokens = md.parseInline(text)
            return inline_spans(tokens[0]) if tokens else ()

        lines, fenced = prepared.lines, prepared.fenced
        number = 0
        while number < len(lines):
            line = lines[number]
            if not line.strip():
                number += 1
                continue
            if fenced[number]:
                fence = _FENCE_INFO.match(line) if "{" in line else None
                if fence:
                    lines[number] = fence.group(1) + fence.group(2)
                number += 1
                continue
            following = lines[number + 1] if number + 1 < len(lines) else ""
            if ("-" in line or "-" in following or line.lstrip().startswith("+")) and _starts_block(lines, number):
                table = find_table(lines, number, inline)
                if table is not None:
                    end, blocks = table
                    prepared.marks.append(Item(Kind.BLOCKS, -1, -1, number, end, file.source, blocks=blocks))
                    prepared.blank(number, end)
                    number = end
                    continue
            if "{" in line:
                lines[number] = self._strip_attributes(line, number, file)
            number += 1

    def _strip_attributes(self, line: str, number: int, file: ParsedFile) -> str:
        found: list[str] = []

        def drop(match: re.Match[str]) -> str:
            found.append(match.group("attributes"))
            return match.group("kept")

        if line.lstrip().startswith("#"):
            line = _HEADING_ATTRIBUTES.sub(drop, line)
        line = _AFTER_LINK.sub(drop, _SPAN.sub(drop, line))
        if found:
            file.warn(number, f"Pandoc attributes `{' '.join(found)}` are ignored")
        return line

    def split(self, file: ParsedFile) -> list[list[Item]]:
        """A thematic break always starts a slide; so does a heading at the slide level."""
        items = file.items
        if any(item.kind is Kind.END_SLIDE for item in items):
            return super().split(file)
        level = slide_level(items)
        groups = []
        for part in split_at(items, Kind.SEPARATOR):
            groups.extend(split_at_headings(part, level))
        return groups


def _starts_block(lines: list[str], number: int) -> bool:
    return number == 0 or not lines[number - 1].strip()
