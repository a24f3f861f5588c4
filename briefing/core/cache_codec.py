"""The parse cache's format: a Deck as JSON-ready data and back, with no file I/O.

JSON, never pickle: a cache file is data, not code. Blocks become `[tag, fields...]` lists and
inline spans (NamedTuples) are JSON arrays already. Each slide is its own JSON string, decoded
the first time it is used, so a 1,000-slide deck shows its first slide without building the
other 999. Reading and writing cache files is `briefing.deck_cache`'s business.

Bump FORMAT whenever the encoding changes: entries of another format are never decoded.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, overload

from briefing.core.allocation import collector_paused
from briefing.core.blocks import (
    Bar,
    Block,
    Chart,
    CodeBlock,
    ColumnMark,
    Heading,
    ImageBlock,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
)
from briefing.core.compat import assert_never
from briefing.core.model import Deck, Finding, Note, Slide, SourceSpan, Step
from briefing.core.runnable import RunMark

FORMAT = 5


def encode_deck(deck: Deck) -> dict[str, Any]:
    """`deck` as JSON-ready data; file names are stored once, spans refer to them by index."""
    sources = {path: index for index, path in enumerate((*deck.files, *deck.includes))}

    def span(source: SourceSpan) -> list[int]:
        return [sources[source.path], source.start, source.end]

    return {
        "dialect": deck.dialect,
        "includes": [str(path) for path in deck.includes],
        "metadata": dict(deck.metadata),
        "diagnostics": [[sources.get(f.path, 0), f.line, f.severity, f.message] for f in deck.diagnostics],
        "slides": [
            json.dumps(
                [
                    slide.number,
                    slide.title,
                    [
                        [
                            step.markdown,
                            [encode_block(b) for b in step.blocks],
                            span(step.span),
                            step.continues,
                            [[index, encode_block(block)] for index, block in step.updates],
                        ]
                        for step in slide.steps
                    ],
                    [[note.text, span(note.span)] for note in slide.notes],
                    span(slide.span),
                    dict(slide.metadata),
                ],
                separators=(",", ":"),
            )
            for slide in deck.slides
        ],
    }


def encoded_includes(data: dict[str, Any]) -> list[Path]:
    """The files an encoded deck's own files pulled in: part of what makes an entry fresh."""
    return [Path(name) for name in data.get("includes", [])]


def decode_deck(data: dict[str, Any], root: Path, files: Sequence[Path]) -> Deck:
    """The Deck `encode_deck` encoded, read from `files` (the deck's files, as found now).

    Raises ValueError, KeyError, TypeError or IndexError for data of another shape.
    """
    files = tuple(files)
    includes = tuple(encoded_includes(data))
    sources = (*files, *includes)

    def span(value: list[int]) -> SourceSpan:
        return SourceSpan(sources[value[0]], value[1], value[2])

    def slide(encoded: str) -> Slide:
        number, title, steps, notes, where, metadata = json.loads(encoded)
        return Slide(
            number,
            title,
            tuple(
                Step(
                    markdown,
                    tuple(map(decode_block, blocks)),
                    span(at),
                    continues,
                    tuple((index, decode_block(block)) for index, block in updates),
                )
                for markdown, blocks, at, continues, updates in steps
            ),
            tuple(Note(text, span(at)) for text, at in notes),
            span(where),
            MappingProxyType(metadata),
        )

    slides = LazySlides(data["slides"], slide)
    diagnostics = tuple(
        Finding(sources[index], line, severity, message) for index, line, severity, message in data["diagnostics"]
    )
    metadata = MappingProxyType(data["metadata"])
    return Deck(root, files, metadata, slides, diagnostics, data["dialect"], includes)


def encode_block(block: Block) -> list[Any]:
    match block:
        case Paragraph():
            return ["p", block.text, block.align] if block.align else ["p", block.text]
        case Heading():
            return ["h", block.level, block.text]
        case ListBlock():
            items = [[encode_block(b) for b in item] for item in block.items]
            return ["l", items, block.ordered, block.start, block.tight]
        case Table():
            return ["t", block.header, block.rows, block.align]
        case CodeBlock():
            if block.run is not None:
                groups = [list(group) for group in block.highlights]
                run = [block.run.line, block.run.expect_failure]
                return ["c", block.code, block.language, groups, block.step, block.line_numbers, run]
            if block.highlights or block.step or block.line_numbers:
                groups = [list(group) for group in block.highlights]
                return ["c", block.code, block.language, groups, block.step, block.line_numbers]
            return ["c", block.code, block.language]
        case Chart():
            return ["ch", block.bars, block.title, block.unit]
        case Quote():
            return ["q", [encode_block(b) for b in block.blocks]]
        case Rule():
            return ["r"]
        case ImageBlock():
            return ["i", block.src, block.alt, block.line]
        case ColumnMark():
            return ["col", list(block.weights), block.column, block.name]
        case _:
            assert_never(block)


def decode_block(value: list[Any]) -> Block:
    """The block `encode_block` encoded; ValueError for anything else."""
    match value:
        case ["p", text]:
            return Paragraph(_inline(text))
        case ["p", text, align]:
            return Paragraph(_inline(text), align)
        case ["h", level, text]:
            return Heading(level, _inline(text))
        case ["l", items, ordered, start, tight]:
            return ListBlock(tuple(tuple(map(decode_block, item)) for item in items), ordered, start, tight)
        case ["t", header, rows, align]:
            cells = tuple(tuple(_inline(cell) for cell in row) for row in rows)
            return Table(tuple(_inline(cell) for cell in header), cells, tuple(align))
        case ["c", code, language]:
            return CodeBlock(code, language)
        case ["c", code, language, groups, step, line_numbers]:
            return CodeBlock(code, language, tuple(tuple(group) for group in groups), step, line_numbers)
        case ["c", code, language, groups, step, line_numbers, [line, expect_failure]]:
            highlights = tuple(tuple(group) for group in groups)
            return CodeBlock(code, language, highlights, step, line_numbers, RunMark(line, expect_failure))
        case ["ch", bars, title, unit]:
            return Chart(tuple(Bar(*bar) for bar in bars), title, unit)
        case ["q", blocks]:
            return Quote(tuple(map(decode_block, blocks)))
        case ["r"]:
            return Rule()
        case ["i", str() as src, str() as alt, int() as line]:
            return ImageBlock(src, alt, line)
        case ["col", weights, column, name]:
            return ColumnMark(tuple(weights), column, name)
    raise ValueError(f"not an encoded block: {str(value)[:80]}")


def _inline(value: list[list[Any]]) -> Inline:
    return tuple(Span(*span) for span in value)


class LazySlides(Sequence[Slide]):
    """The slides of a cached deck, each decoded the first time it is used."""

    def __init__(self, encoded: list[str], decode: Callable[[str], Slide]) -> None:
        self._encoded = encoded
        self._decode = decode
        self._slides: list[Slide | None] = [None] * len(encoded)

    def __len__(self) -> int:
        return len(self._encoded)

    @overload
    def __getitem__(self, index: int) -> Slide: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Slide, ...]: ...

    def __getitem__(self, index: int | slice) -> Slide | tuple[Slide, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        slide = self._slides[index]
        if slide is None:
            with collector_paused():
                slide = self._slides[index] = self._decode(self._encoded[index])
        return slide

    def __iter__(self) -> Iterator[Slide]:
        return (self[index] for index in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a Sequence compared by value is unhashable

    def __repr__(self) -> str:
        return f"LazySlides({len(self)} slides)"
