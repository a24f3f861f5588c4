"""The parsed content of a slide: a small tree of immutable blocks and inline spans.

Renderers (plain text, Rich, the size check) walk this tree; none of them parses Markdown.
They are NamedTuples rather than dataclasses because a large deck holds hundreds of thousands
of them and the CLI's start-up time counts: both are cheaper to create.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple

from briefing.core.compat import assert_never

Align = Literal["left", "center", "right", ""]


class Span(NamedTuple):
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


class Heading(NamedTuple):
    level: int
    text: Inline


class Paragraph(NamedTuple):
    text: Inline
    align: Align = ""  # "center" for centred lines (mdp's `-> text <-`, HTML `align="center"`)


class ListBlock(NamedTuple):
    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1
    tight: bool = True  # no blank lines between items or between an item's blocks


class Table(NamedTuple):
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[Align, ...]


class CodeBlock(NamedTuple):
    code: str
    language: str = ""


class Bar(NamedTuple):
    label: str
    value: float
    shown: str  # the value as the author wrote it, e.g. "-13"


class Chart(NamedTuple):
    """A horizontal bar chart from a ```chart fence."""

    bars: tuple[Bar, ...]
    title: str = ""
    unit: str = ""


class Quote(NamedTuple):
    blocks: tuple[Block, ...]


class Rule(NamedTuple):
    """A thematic break drawn inside a slide."""


Block = Heading | Paragraph | ListBlock | Table | CodeBlock | Chart | Quote | Rule


def walk(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block, and every block inside list items and quotes, depth first."""
    for block in blocks:
        yield block
        match block:
            case ListBlock():
                for item in block.items:
                    yield from walk(item)
            case Quote():
                yield from walk(block.blocks)
            case Paragraph() | Heading() | Table() | CodeBlock() | Chart() | Rule():
                pass  # no blocks inside
            case _:
                assert_never(block)
