"""The parsed content of a slide: a small tree of frozen blocks and inline spans.

Renderers (plain text, Rich, the size check) walk this tree; none of them parses Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

Align = Literal["left", "center", "right", ""]


@dataclass(frozen=True, slots=True)
class Span:
    """A run of inline text with one style; `link` is the target URL when it is a link."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    link: str | None = None


Inline = tuple[Span, ...]


def plain(inline: Inline) -> str:
    """The text of an inline run with all styling dropped."""
    return "".join(span.text for span in inline)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: Inline


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Inline


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[tuple["Block", ...], ...]
    ordered: bool = False
    start: int = 1
    tight: bool = True  # no blank lines between items or between an item's blocks


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[Align, ...]


@dataclass(frozen=True, slots=True)
class CodeBlock:
    code: str
    language: str = ""


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the author wrote it, e.g. "-13"


@dataclass(frozen=True, slots=True)
class Chart:
    """A horizontal bar chart from a ```chart fence."""

    bars: tuple[Bar, ...]
    title: str = ""
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    blocks: tuple["Block", ...]


@dataclass(frozen=True, slots=True)
class Rule:
    pass


Block = Union[Heading, Paragraph, ListBlock, Table, CodeBlock, Chart, Quote, Rule]
