"""The parsed content of a slide: a small tree of immutable blocks and inline spans.

Renderers (plain text, Rich, the size check) walk this tree; none of them parses Markdown.
They are NamedTuples rather than dataclasses because a large deck holds hundreds of thousands
of them and the CLI's start-up time counts: both are cheaper to create. The annotations are
evaluated, not strings: typing compiles each string field annotation of a NamedTuple.
"""

import posixpath
from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple

from briefing.core.compat import assert_never
from briefing.core.runnable import RunMark

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
    items: tuple[tuple["Block", ...], ...]
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
    # A code walk-through (```` ```rust {1-3|5|all} ````): the lines (1-based) each step
    # highlights, () for all of them; `step` is the group drawn now. No groups: nothing dimmed.
    highlights: tuple[tuple[int, ...], ...] = ()
    step: int = 0
    line_numbers: bool = False
    run: RunMark | None = None  # marked runnable (`+exec`, `{monaco-run}`): core.runnable

    @property
    def highlighted(self) -> frozenset[int] | None:
        """The lines drawn normally now (the others dimmed); None when every line is."""
        if not self.highlights:
            return None
        lines = self.highlights[min(self.step, len(self.highlights) - 1)]
        return frozenset(lines) if lines else None


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
    blocks: tuple["Block", ...]


class Rule(NamedTuple):
    """A thematic break drawn inside a slide."""


class ColumnMark(NamedTuple):
    """The blocks after it, up to the next mark, go in column `column` of a layout whose
    columns share the width by `weights`; a mark with no weights returns to the full width.
    `name` is what the author called the column (Slidev's `right`), if anything."""

    weights: tuple[int, ...] = ()
    column: int = 0
    name: str = ""


class ImageBlock(NamedTuple):
    """An image standing alone in its paragraph (`![alt](src)`); one inside running text stays
    text. `src` is the destination as written (relative to the slide's file); `line` is its
    1-based line in that file, 0 where unknown (speaker notes)."""

    src: str
    alt: str
    line: int = 0


def image_caption(image: ImageBlock) -> str:
    """What stands for an image where it is not drawn: its alt text, else its file's name."""
    if image.alt.strip():
        return image.alt.strip()
    name = posixpath.basename(image.src.split("?", 1)[0].split("#", 1)[0].rstrip("/"))
    return name or "image"


Block = Heading | Paragraph | ListBlock | Table | CodeBlock | Chart | Quote | Rule | ColumnMark | ImageBlock


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
            case Paragraph() | Heading() | Table() | CodeBlock() | Chart() | Rule() | ColumnMark() | ImageBlock():
                pass  # no blocks inside
            case _:
                assert_never(block)
