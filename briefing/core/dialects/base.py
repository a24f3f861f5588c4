"""What every dialect shares: briefing's own rules, which the other tools' dialects refine.

A dialect answers the loader's questions about a file written for its tool: which lines are
markers (read before markdown-it sees the text, and blanked so that line numbers stay true),
what a comment, a paragraph or an HTML block means, which lists are shown item by item, where
slides are cut, and what happens to whole slides (templates, hidden slides, includes).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar, NamedTuple

from markdown_it.token import Token

from briefing.core import comments
from briefing.core.alignment import alignment_setting
from briefing.core.columns import layout_command, resolve_commands
from briefing.core.items import (
    VISIBLE,
    Item,
    Kind,
    ParsedFile,
    RawSlide,
    has_content,
    split_at,
)

_PANDOC_PAUSE = ". . ."
_REMARK_NOTES = "???"
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)$")
_ONLY_FRAGMENT = re.compile(r"""class\s*=\s*(?:"fragment"|'fragment'|fragment)""")

# Reads a file a deck includes: (the including file, the path as written, its 0-based line);
# None when the file does not exist (an error finding says so).
Includer = Callable[[ParsedFile, str, int], "ParsedFile | None"]


class Meaning(NamedTuple):
    """What a comment is to the loader."""

    kind: Kind
    text: str = ""  # a note's Markdown
    key: str = ""  # a setting's, directive's or region's name
    value: object = None  # a setting's value; a mapping with an empty key: several settings


def meaning(comment: comments.Comment) -> Meaning:
    return Meaning(comment.kind, comment.text, comment.key, comment.value)


# Dialects that read presenterm's column and alignment comments (core.columns, core.alignment)
LAYOUT_COMMENTS = frozenset({"briefing", "presenterm"})


def layout_meaning(inner: str) -> Meaning | None:
    """presenterm's `column_layout`, `column`, `reset_layout`, `alignment` and `jump_to_middle`
    in a one-line comment: column commands, or settings kept in the slide's metadata."""
    if "\n" in inner.strip():
        return None
    command = layout_command(inner)
    if command is not None:
        return Meaning(Kind.LAYOUT, key=command[0], value=command[1])
    setting = alignment_setting(inner)
    if setting is not None:
        return Meaning(Kind.SETTING, key=setting[0], value=setting[1])
    return None


@dataclass
class Prepared:
    """A file's lines as markdown-it will parse them, and what the dialect read off them."""

    lines: list[str]  # same number of lines as the file: markers are blanked, not removed
    written: list[str]  # the lines as written
    fenced: list[bool]  # which lines are inside fenced code
    marks: list[Item] = field(default_factory=list)  # items read off lines, not tokens
    chunks: list[int] = field(default_factory=list)  # lines that end a slide (parsed apart)

    def blank(self, start: int, end: int | None = None) -> None:
        for number in range(start, start + 1 if end is None else end):
            self.lines[number] = ""


def fenced_lines(lines: list[str]) -> list[bool]:
    """Which lines belong to a fenced code block (its fences included): markers there are code."""
    inside = [False] * len(lines)
    opening: tuple[str, int] | None = None
    for number, line in enumerate(lines):
        if "`" not in line and "~" not in line and opening is None:
            continue
        match = _FENCE.match(line)
        if opening is None:
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                opening = (match.group(1)[0], len(match.group(1)))
                inside[number] = True
            continue
        inside[number] = True
        if (
            match
            and match.group(1)[0] == opening[0]
            and len(match.group(1)) >= opening[1]
            and not match.group(2).strip()
        ):
            opening = None
    return inside


class Dialect:
    """briefing's own conventions: the union of the common ones, no tool's special cases."""

    name: ClassVar[str] = "briefing"
    tool: ClassVar[str] = "briefing"  # how findings name the tool
    # How to recognise a deck (core.dialects.detect): marks only this tool uses, each a text
    # the mark contains (found fast; "" for a mark at the very start of a file), a regular
    # expression for the line it is on (`^…` matches from the line's start) and its weight;
    # and front-matter keys that settle it outright.
    signs: ClassVar[tuple[tuple[str, str, int], ...]] = ()
    front_matter_keys: ClassVar[frozenset[str]] = frozenset()
    # Note markers this tool honours; text that looks like another tool's is drawn, with a warning.
    note_markers: ClassVar[frozenset[str]] = frozenset({"???"})
    chunked: ClassVar[bool] = False  # slides are cut at lines before Markdown is parsed (remark)

    def __init__(self, front_matter: Mapping[str, object]) -> None:
        self.front_matter = front_matter

    # -- lines ---------------------------------------------------------------------------------

    def header(self, prepared: Prepared, file: ParsedFile, start: int) -> dict[str, object]:
        """Settings written at the top of a file, from line `start`, in the tool's own syntax
        (lines blanked)."""
        return {}

    def prepare(self, prepared: Prepared, file: ParsedFile) -> None:
        """Read the tool's marker lines: blank them and add marks (notes, pauses, settings)."""

    # -- items ---------------------------------------------------------------------------------

    # Settings this tool has that briefing honours (no finding says they are ignored).
    honoured: ClassVar[frozenset[str]] = frozenset()
    setting_word: ClassVar[str] = "setting"

    def comment(self, inner: str) -> Meaning:
        """What an HTML comment means in this tool."""
        if self.name in LAYOUT_COMMENTS:
            found = layout_meaning(inner)
            if found is not None:
                return found
        return meaning(comments.classify(inner))

    def ignored(self, key: str, value: object = None) -> str | None:
        """The finding for a setting that briefing does not use, if it is one."""
        if key in self.honoured:
            return None
        if key in ("alignment", "jump_to_middle") and self.name in LAYOUT_COMMENTS:
            return None  # honoured (core.alignment)
        if key in (".slide", ".element"):  # reveal.js, in any deck
            if key == ".element" and _ONLY_FRAGMENT.fullmatch(str(value).strip()):
                return None  # a step: honoured
            return f"reveal.js {key[1:]} attributes `{value}` are ignored"
        if key == "config":  # patat, in any deck
            return "patat slide config is ignored"
        if key[:1] in ("$", "*"):  # classic Marp, in any deck
            return f"Marp directive `{key}` is ignored"
        return f"{self.tool} {self.setting_word} `{key}` is ignored"

    def paragraph(self, content: str) -> Kind | None:
        """What a paragraph is when it is not content: a pause, or the start of notes."""
        if content == _PANDOC_PAUSE:
            return Kind.PAUSE
        if _REMARK_NOTES in self.note_markers and content.split("\n", 1)[0].strip() == _REMARK_NOTES:
            return Kind.NOTES_REST
        return None

    def note(self, content: str) -> str | None:
        """A paragraph that is a note in this tool (Deckset's `^ `): the note's text."""
        return None

    def item(self, item: Item, file: ParsedFile) -> None:
        """Look at an item once it is classified: a fragment, a region, an incremental list."""
        if quoted_list(item) and self.quoted_lists_incremental:
            item.incremental, item.unquote = 1, True

    quoted_lists_incremental: ClassVar[bool] = False  # Pandoc's `> - ` lists

    def items(self, file: ParsedFile) -> None:
        """Look at a file's items together, once they are all known."""

    def expand(self, file: ParsedFile, include: Includer) -> None:
        """Replace include directives in the file's items by the items they name."""

    def in_region(self, region: str, item: Item) -> None:
        """An item inside a region (`::: incremental`, `<v-clicks>`) takes its effect."""
        if region == "incremental":
            if is_list(item):
                item.incremental = 1
            elif quoted_list(item):
                item.incremental, item.unquote = 1, True
        elif region == "nonincremental" and (is_list(item) or quoted_list(item)):
            item.incremental, item.unquote = 0, False

    # -- slides --------------------------------------------------------------------------------

    def split(self, file: ParsedFile) -> list[list[Item]]:
        """Cut a file's items into slides: `end_slide`, else thematic breaks, else headings."""
        items = file.items
        kinds = {item.kind for item in items}
        if Kind.END_SLIDE in kinds:
            for item in items:  # thematic breaks are content in presenterm decks
                if item.kind is Kind.SEPARATOR:
                    item.kind = Kind.CONTENT
            return split_at(items, Kind.END_SLIDE)
        if Kind.SEPARATOR in kinds:
            return split_at(items, Kind.SEPARATOR)
        return split_at_headings(items, slide_level(items))

    def slides(self, file: ParsedFile, slides: list[RawSlide], include: Includer) -> list[RawSlide]:
        """Whole-slide rules: templates, hidden slides, included files."""
        if self.name in LAYOUT_COMMENTS:
            for slide in slides:
                resolve_commands(slide, file)
        return slides


# -- shared rules ------------------------------------------------------------------------------


def split_at_headings(items: list[Item], level: int | None, *, title_slides: bool = True) -> list[list[Item]]:
    """Pandoc's rule: a heading at the slide level starts a slide; one above it (with
    `title_slides`) is a slide of its own."""
    if level is None:
        return [items]
    groups: list[list[Item]] = [[]]
    for item in items:
        if item.kind is Kind.HEADING and item.level <= level and has_content(groups[-1]):
            groups.append([])
        groups[-1].append(item)
    return groups


def split_before_headings(items: list[Item], levels: frozenset[int]) -> list[list[Item]]:
    """A new slide before every heading of the given levels (Marp's headingDivider)."""
    groups: list[list[Item]] = [[]]
    for item in items:
        if item.kind is Kind.HEADING and item.level in levels and has_content(groups[-1]):
            groups.append([])
        groups[-1].append(item)
    return groups


def slide_level(items: list[Item]) -> int | None:
    """The slide level of a file without separators, or None when it has no headings:
    the highest heading level directly followed by content."""
    visible = [item for item in items if item.kind in VISIBLE]
    levels = [
        item.level
        for item, following in itertools.pairwise(visible)
        if item.kind is Kind.HEADING and following.kind is not Kind.HEADING
    ]
    if levels:
        return min(levels)
    headings = [item.level for item in visible if item.kind is Kind.HEADING]
    return max(headings) if headings else None


def list_item_lines(tokens: list[Token], first: int, last: int, all_depths: bool) -> list[int]:
    """Start lines of the items of the (first) list in tokens [first, last]."""
    lines = []
    depth = None
    for token in tokens[first : last + 1]:
        if token.type in ("bullet_list_open", "ordered_list_open") and depth is None:
            depth = token.level + 1
        elif (
            token.type == "list_item_open" and token.map and depth is not None and (all_depths or token.level == depth)
        ):
            lines.append(token.map[0])
    return lines


def is_list(item: Item) -> bool:
    return item.kind is Kind.CONTENT and item.tokens[item.first].type in (
        "bullet_list_open",
        "ordered_list_open",
    )


def quoted_list(item: Item) -> bool:
    """A block quote that holds one list and nothing else (Pandoc's `> - ` incremental list)."""
    tokens = item.tokens
    if item.kind is not Kind.CONTENT or tokens[item.first].type != "blockquote_open":
        return False
    inner = item.first + 1
    if inner >= item.last or tokens[inner].type not in ("bullet_list_open", "ordered_list_open"):
        return False
    depth = 0
    for position in range(inner, item.last):
        depth += tokens[position].nesting
        if depth == 0:
            return position == item.last - 1
    return False


def yaml_bool(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("true", "yes", "on"))


def heading_levels(value: object) -> frozenset[int]:
    """Levels from a setting such as Marp's `headingDivider: 2` or Deckset's `#, ##`."""
    if isinstance(value, bool):
        return frozenset()
    if isinstance(value, int):
        return frozenset(range(1, value + 1)) if 1 <= value <= 6 else frozenset()
    if isinstance(value, list):
        return frozenset(v for v in value if isinstance(v, int) and 1 <= v <= 6)
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return heading_levels(int(text))
        levels = [part.strip().count("#") for part in text.split(",") if part.strip().strip("#") == ""]
        return frozenset(level for level in levels if 1 <= level <= 6)
    return frozenset()
