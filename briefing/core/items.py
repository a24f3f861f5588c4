"""The loader's working parts: a file's top-level blocks ("items") and the slides cut from them.

The loader sorts each file's markdown-it tokens into items; a dialect (core.dialects) decides
what some of them mean for its tool and where slides and steps begin. Items keep their source
lines throughout, so every slide, step, note and finding knows where it came from.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core.blocks import Block
from briefing.core.model import Finding

if TYPE_CHECKING:  # the show's renderer reaches this module (core.columns): it parses nothing
    from markdown_it.token import Token


class Kind(enum.Enum):
    """What an item is to the loader; what a comment means (core.comments) is one of these."""

    CONTENT = "content"
    HEADING = "heading"
    HTML = "html"  # raw HTML: drawn as the text in it
    SEPARATOR = "separator"  # a thematic break, or a dialect's slide separator line
    END_SLIDE = "end_slide"
    PAUSE = "pause"
    NOTE = "note"
    NOTES_REST = "notes_rest"  # `???` (briefing's own rule): the rest of the slide is notes
    DIRECTIVE = "directive"  # another tool's setting that nobody keeps (a finding says so)
    HIDDEN = "hidden"  # a comment that is neither note nor setting (Slidev, presenterm)
    SETTING = "setting"  # another tool's setting, kept in the slide's metadata
    METADATA = "metadata"  # a Slidev per-slide YAML block
    RULE = "rule"  # a column or slot boundary, drawn as a rule
    BLOCKS = "blocks"  # blocks the dialect built itself (a Pandoc grid table)
    OPEN = "open"  # a region begins: `key` names it (incremental, v-clicks)
    CLOSE = "close"
    INCLUDE = "include"  # presenterm's `<!-- include: file.md -->`
    SKIP = "skip"  # presenterm's `<!-- skip_slide -->`
    LAYOUT = "layout"  # a column command (`column_layout`, `column`, `reset_layout`): see core.columns


VISIBLE = frozenset({Kind.CONTENT, Kind.HEADING, Kind.HTML, Kind.BLOCKS})


@dataclass(slots=True)
class Source:
    """One parsed file: the lines markdown-it saw (markers blanked) and the lines as written."""

    path: Path
    lines: list[str]
    written: list[str]
    tokens: list[Token]


@dataclass(slots=True)
class Item:
    """One top-level block: tokens [first, last] of `source`, source lines [start, end)."""

    kind: Kind
    first: int
    last: int
    start: int
    end: int
    source: Source
    note: str = ""  # a note's Markdown
    level: int = 0  # heading level
    key: str = ""  # a setting's or region's name
    value: Any = None  # a setting's value
    blocks: tuple[Block, ...] | None = None  # BLOCKS and RULE items bring their own
    cuts: list[int] = field(default_factory=list)  # lines inside where a new step begins
    incremental: int = 0  # a list shown item by item: 1 top-level items, 2 items at any depth
    fragment: bool = False  # a new step begins with this item
    pause_after: bool = False  # and with whatever follows it
    unquote: bool = False  # Pandoc's `> - ` list: the list is drawn, not the quote
    inherited: bool = False  # a remark template's content, drawn on a later slide

    @property
    def tokens(self) -> list[Token]:
        return self.source.tokens


@dataclass
class ParsedFile:
    path: Path
    source: Source
    items: list[Item]
    metadata: Mapping[str, object] = field(default_factory=dict)
    deck_front_matter: bool = True  # the first file of the deck: its front matter is the deck's
    findings: list[Finding] = field(default_factory=list)
    settings: dict[str, object] = field(default_factory=dict)  # the dialect's file header
    chain: tuple[Path, ...] = ()  # the files that included this one (real paths), outermost first

    @property
    def lines(self) -> list[str]:
        return self.source.lines

    @property
    def tokens(self) -> list[Token]:
        return self.source.tokens

    def warn(self, line: int, message: str) -> None:
        """A warning at 0-based `line` of this file."""
        self.findings.append(Finding(self.path, line + 1, "warning", message))


@dataclass
class RawSlide:
    items: list[Item]
    metadata: Mapping[str, object] = field(default_factory=dict)
    home: Source | None = None  # the file whose lines the slide is edited in


def split_at(items: list[Item], separators: frozenset[Kind] | Kind) -> list[list[Item]]:
    """Groups of items between separators (the separators themselves dropped)."""
    kinds = separators if isinstance(separators, frozenset) else frozenset({separators})
    groups: list[list[Item]] = [[]]
    for item in items:
        if item.kind in kinds:
            groups.append([])
        else:
            groups[-1].append(item)
    return groups


def has_content(group: list[Item]) -> bool:
    return any(item.kind in VISIBLE for item in group)
