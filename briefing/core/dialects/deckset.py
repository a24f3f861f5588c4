"""Deckset: settings at the top of the file, `^` notes, `[.commands]`, `[fit]` headings.

* `key: value` lines at the very top of the file (`theme: Fira`, `autoscale: true`,
  `footer: …`, `slidenumbers: true`, `build-lists: true`, …) are the deck's settings.
* A paragraph starting with `^ ` is a presenter note.
* A line `[.hide-footer]` or `[.background-color: #000]` is a setting of its slide;
  `[.column]` starts a column: a slide's columns share its width equally, below whatever
  comes before the first one.
* `build-lists: true` (for the deck, or `[.build-lists: true]` for a slide) shows each list
  item at its own step; `slide-dividers: #, ##` starts a slide at those headings.
* `# [fit] Big` is the heading `Big`. Image keywords (`left`, `right`, `fit`, `fill`,
  `inline`, `original`, `filtered`, `70%`) are not drawn.
"""

from __future__ import annotations

import re
from typing import ClassVar

from briefing.core.blocks import ColumnMark
from briefing.core.columns import MAX_COLUMNS
from briefing.core.dialects.base import (
    Dialect,
    Includer,
    Prepared,
    heading_levels,
    is_list,
    split_before_headings,
    yaml_bool,
)
from briefing.core.dialects.marp import strip_image_keywords
from briefing.core.items import Item, Kind, ParsedFile, RawSlide

SETTINGS = frozenset(
    {
        "theme",
        "autoscale",
        "build-lists",
        "slidenumbers",
        "slidecount",
        "footer",
        "presenter-notes",
        "slide-transition",
        "fit-header",
        "slide-dividers",
        "code-language",
        "background-color",
        "text",
        "text-strong",
        "text-emphasis",
        "header",
        "header-strong",
        "header-emphasis",
        "list",
        "link",
        "quote",
        "quote-author",
        "footnote",
        "footnote-separator",
        "table",
        "table-separator",
        "code",
        "footer-style",
        "slidenumber-style",
        "formula",
        "image",
        "hide-footer",
    }
)
_SETTING = re.compile(r"([A-Za-z][\w-]*):[ \t]*(.*?)[ \t]*$")
_COMMAND = re.compile(r"[ \t]*\[\.([A-Za-z][\w-]*)(?:[ \t]*:[ \t]*([^\]\n]*?))?[ \t]*\][ \t]*$")
_FIT = re.compile(r"\[fit\][ \t]*", re.IGNORECASE)
_KEYWORD = re.compile(r"(?:left|right|fit|fill|inline|original|filtered|hide|\d+(?:\.\d+)?%|corner-radius\(\d+\))")


def value_of(text: str) -> object:
    """A setting's value as Deckset writes it: `true`/`false`, else the text."""
    lowered = text.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    return text.strip()


class Deckset(Dialect):
    name = "deckset"
    tool = "Deckset"
    signs = (
        ("^", r"^\^[ \t]", 3),
        ("[fit]", r"^#{1,6}[ \t]+\[fit\]", 3),
        ("[.", r"^\[\.[A-Za-z][\w-]*(?::[^\]\n]*)?\][ \t]*$", 3),
        ("", r"(?:" + "|".join(re.escape(key) for key in sorted(SETTINGS)) + r"):[ \t]*\S", 3),
    )
    note_markers: ClassVar[frozenset[str]] = frozenset({"^"})
    honoured = frozenset({"build-lists", "slide-dividers", "column"})

    def header(self, prepared: Prepared, file: ParsedFile, start: int) -> dict[str, object]:
        settings: dict[str, object] = {}
        lines = prepared.lines
        number = start
        while number < len(lines) and not lines[number].strip():
            number += 1
        while number < len(lines):
            match = _SETTING.match(lines[number])
            if match is None or match.group(1).lower() not in SETTINGS:
                break
            key = match.group(1).lower()
            settings[key] = value_of(match.group(2))
            message = self.ignored(key)
            if message:
                file.warn(number, message)
            prepared.blank(number)
            number += 1
        return settings

    def prepare(self, prepared: Prepared, file: ParsedFile) -> None:
        lines, fenced = prepared.lines, prepared.fenced
        for number, line in enumerate(lines):
            if fenced[number] or not line:
                continue
            if "[." in line:
                command = _COMMAND.match(line)
                if command:
                    prepared.blank(number)
                    key = command.group(1)
                    if key == "column":  # its place in the layout is known per slide (see `slides`)
                        mark = Item(Kind.LAYOUT, -1, -1, number, number + 1, file.source, key=key)
                    else:
                        value = True if command.group(2) is None else value_of(command.group(2))
                        mark = Item(Kind.SETTING, -1, -1, number, number + 1, file.source, key=key, value=value)
                    prepared.marks.append(mark)
                    continue
            if line.startswith("#") and "[" in line:
                lines[number] = _FIT.sub("", line)
            if "![" in line:
                lines[number], found = strip_image_keywords(lines[number], _KEYWORD)
                if found:
                    file.warn(number, f"Deckset image keywords `{' '.join(found)}` are ignored")

    def note(self, content: str) -> str | None:
        if content.startswith("^") and content[1:2] in (" ", "\t", "\n", ""):
            return content[1:].strip()
        return None

    def split(self, file: ParsedFile) -> list[list[Item]]:
        groups = super().split(file)
        levels = heading_levels(self._setting(file, "slide-dividers"))
        if not levels:
            return groups
        return [part for group in groups for part in split_before_headings(group, levels)]

    def slides(self, file: ParsedFile, slides: list[RawSlide], include: Includer) -> list[RawSlide]:
        deck_wide = yaml_bool(self._setting(file, "build-lists"))
        for slide in slides:
            _columns(slide, file)
            build = slide.metadata.get("build-lists", deck_wide)
            if yaml_bool(build):
                for item in slide.items:
                    if is_list(item):
                        item.incremental = 1
        return slides

    def _setting(self, file: ParsedFile, key: str) -> object:
        return file.settings.get(key, self.front_matter.get(key))


def _columns(slide: RawSlide, file: ParsedFile) -> None:
    """Each `[.column]` on the slide opens the next of as many equal columns as there are marks."""
    marks = [item for item in slide.items if item.kind is Kind.LAYOUT and item.key == "column" and item.blocks is None]
    if len(marks) > MAX_COLUMNS:
        file.warn(
            marks[MAX_COLUMNS].start, f"Deckset `[.column]`: at most {MAX_COLUMNS} columns; the rest go on in the last"
        )
    weights = (1,) * min(len(marks), MAX_COLUMNS)
    for index, item in enumerate(marks):
        item.blocks = (ColumnMark(weights, min(index, MAX_COLUMNS - 1)),)
