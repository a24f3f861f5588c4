"""remark: slides cut at lines, builds, notes after `???`, slide properties and templates.

* A line `---` (or `<!-- break -->`) always ends a slide, even directly under text; the text
  is cut there before Markdown is read (never inside fenced code).
* A line `--` is a build: the slide goes on at the next step.
* A line `???` ends the slide's content: what follows, up to the next `--` or `---`, is notes.
* `key: value` lines at the top of a slide are its properties (metadata, never drawn), as are
  `<!-- key: value -->` comments. `layout: true` makes a slide a template for the slides after
  it (not shown itself; its content comes first on each of them, or around `{{content}}`)
  until `layout: false` or the next one; `template: name` uses the slide with `name: name`;
  `exclude: true` leaves a slide out. `class`, `count`, `background-image`, … are ignored.
* `.class[text]` content classes: the brackets and class names go, the text stays.
"""

from __future__ import annotations

import re
from typing import ClassVar

from briefing.core.alignment import honoured_class
from briefing.core.dialects.base import Dialect, Includer, Meaning, Prepared, yaml_bool
from briefing.core.items import Item, Kind, ParsedFile, RawSlide, split_at

_PROPERTY = re.compile(r"([-\w]+):(.*)$")
_COMMENT_PROPERTY = re.compile(r"\s*([-\w]+):(.*?)\s*$", re.DOTALL)
_BREAK = re.compile(r"<!--\s*break\s*-->")
_CONTENT_CLASS = re.compile(r"\\?((?:\.[A-Za-z_-][\w-]*)+)\[")
_TEMPLATE_CONTENT = "{{content}}"
_BRACKET = re.compile(r"\\.|[\[\]]")  # an escaped character, or a bracket


class Remark(Dialect):
    name = "remark"
    tool = "remark"
    signs = (
        ("???", r"^\?\?\?[ \t]*$", 3),
        ("break", r"^<!--\s*break\s*-->$", 3),
        ("\n--\n", r"^--$", 2),
        ("layout:", r"^layout:[ \t]*(?:true|false)[ \t]*$", 3),
        ("\n.", r"^\.[A-Za-z_-][\w-]*(?:\.[\w-]+)*\[", 2),
        ("class:", r"^class:[ \t]*[\w-]+,[ \t]*[\w-]+", 2),
    )
    chunked = True
    honoured = frozenset({"layout", "template", "name", "exclude"})
    setting_word = "slide property"
    note_markers: ClassVar[frozenset[str]] = frozenset({"???"})

    def prepare(self, prepared: Prepared, file: ParsedFile) -> None:
        lines, fenced, source = prepared.lines, prepared.fenced, file.source
        slide_top = True  # properties may open a slide (after blank lines)
        notes_from: int | None = None
        for number, line in enumerate(lines):
            if fenced[number]:
                slide_top = False
                continue
            marker = "---" if line == "---" or _BREAK.fullmatch(line) else line if line in ("--", "???") else None
            if marker is not None:
                if notes_from is not None:
                    _notes(prepared, file, notes_from, number)
                    notes_from = None
                prepared.blank(number)
                if marker == "???":
                    notes_from = number
                elif marker == "--":
                    prepared.marks.append(Item(Kind.PAUSE, -1, -1, number, number + 1, source))
                else:
                    prepared.chunks.append(number)
                    prepared.marks.append(Item(Kind.SEPARATOR, -1, -1, number, number + 1, source))
                    slide_top = True
                continue
            if notes_from is not None:
                continue
            if slide_top:
                prop = _PROPERTY.match(line)
                if prop:
                    prepared.blank(number)
                    prepared.marks.append(
                        Item(
                            Kind.SETTING,
                            -1,
                            -1,
                            number,
                            number + 1,
                            source,
                            key=prop.group(1),
                            value=prop.group(2).strip(),
                        )
                    )
                    continue
                if line.strip():
                    slide_top = False
        if notes_from is not None:
            _notes(prepared, file, notes_from, len(lines))
        _strip_content_classes(prepared, file)

    def ignored(self, key: str, value: object = None) -> str | None:
        if key == "class" and honoured_class(value):
            return None  # `center` and `middle` centre the slide (core.alignment)
        return super().ignored(key, value)

    def comment(self, inner: str) -> Meaning:
        prop = _COMMENT_PROPERTY.fullmatch(inner)
        if prop and "\n" not in prop.group(2):
            return Meaning(Kind.SETTING, key=prop.group(1), value=prop.group(2).strip())
        return super().comment(inner)

    def paragraph(self, content: str) -> Kind | None:
        return None  # `???` was read off the lines already; a paragraph is never a marker

    def split(self, file: ParsedFile) -> list[list[Item]]:
        for item in file.items:  # `***` and `----` are rules on the slide here
            if item.kind is Kind.SEPARATOR and item.first >= 0:
                item.kind = Kind.CONTENT
        return split_at(file.items, Kind.SEPARATOR)

    def slides(self, file: ParsedFile, slides: list[RawSlide], include: Includer) -> list[RawSlide]:
        named: dict[str, RawSlide] = {}
        layout: RawSlide | None = None
        shown: list[RawSlide] = []
        for slide in slides:
            properties = slide.metadata
            template = None
            name = properties.get("template")
            if isinstance(name, str) and name in named:
                template = named[name]
            elif str(properties.get("layout", "")).strip() == "false":
                layout = None
            elif layout is not None and str(properties.get("layout", "")).strip() != "true":
                template = layout
            if template is not None:
                _apply_template(slide, template)
            if isinstance(properties.get("name"), str):
                named[str(properties["name"])] = slide
            if str(properties.get("layout", "")).strip() == "true":
                layout = slide
                continue
            if yaml_bool(properties.get("exclude")):
                continue
            shown.append(slide)
        return shown


def _notes(prepared: Prepared, file: ParsedFile, marker: int, end: int) -> None:
    """Lines after `???` up to `end`: a note; blanked so that they are never content."""
    text = "\n".join(prepared.written[marker + 1 : end]).strip()
    prepared.blank(marker, end)
    prepared.marks.append(Item(Kind.NOTE, -1, -1, marker, end, file.source, note=text))


def _strip_content_classes(prepared: Prepared, file: ParsedFile) -> None:
    """`.left[text]` → `text`: the class names and both brackets go (code left alone)."""
    lines, fenced = prepared.lines, prepared.fenced
    if not any("[" in line for line in lines):
        return
    closing = _bracket_pairs(lines, fenced)
    cuts: dict[int, list[tuple[int, int]]] = {}  # line → character ranges to take out
    reported: set[str] = set()
    for number, line in enumerate(lines):
        if fenced[number] or "[" not in line:
            continue
        for match in _CONTENT_CLASS.finditer(line):
            close = closing.get((number, match.end() - 1))
            if match.group(0).startswith("\\") or close is None:
                continue
            cuts.setdefault(number, []).append((match.start(), match.end()))
            cuts.setdefault(close[0], []).append((close[1], close[1] + 1))
            names = match.group(1)
            if names not in reported:
                reported.add(names)
                file.warn(number, f"remark content class `{names}[…]` is ignored (its text is shown)")
    for number, ranges in cuts.items():
        line = lines[number]
        for begin, end in sorted(ranges, reverse=True):
            line = line[:begin] + line[end:]
        lines[number] = line


def _bracket_pairs(lines: list[str], fenced: list[bool]) -> dict[tuple[int, int], tuple[int, int]]:
    """Every `[` (line, column) with the `]` that closes it, across lines, in one pass."""
    pairs: dict[tuple[int, int], tuple[int, int]] = {}
    stack: list[tuple[int, int]] = []
    for number, line in enumerate(lines):
        if fenced[number] or ("[" not in line and "]" not in line):
            continue
        for match in _BRACKET.finditer(line):
            if match.group() == "[":
                stack.append((number, match.start()))
            elif match.group() == "]" and stack:
                pairs[stack.pop()] = (number, match.start())
    return pairs


def _apply_template(slide: RawSlide, template: RawSlide) -> None:
    """The template's content, then the slide's (or the slide's in place of `{{content}}`)."""
    before: list[Item] = []
    after: list[Item] = []
    target = before
    for item in template.items:
        if item.kind is Kind.CONTENT and _is_placeholder(item):
            target = after
            continue
        if item.kind in (Kind.NOTE, Kind.SETTING, Kind.PAUSE):
            continue
        target.append(_inherited(item))
    slide.items = before + slide.items + after
    inherited = {
        key: value
        for key, value in template.metadata.items()
        if key not in ("name", "layout", "count") and key not in slide.metadata
    }
    if inherited:
        slide.metadata = {**inherited, **slide.metadata}


def _is_placeholder(item: Item) -> bool:
    tokens = item.tokens
    return tokens[item.first].type == "paragraph_open" and tokens[item.first + 1].content.strip() == _TEMPLATE_CONTENT


def _inherited(item: Item) -> Item:
    from dataclasses import replace

    return replace(item, inherited=True, cuts=[])
