"""A parsed deck kept on disk, so presenting the same deck again starts without parsing it.

The presenter's first frame is dominated by start-up; parsing (and importing the Markdown and
YAML parsers to do it) is a quarter of ours. The cache holds the loader's result as JSON (never
pickle: a cache file is data, not code) under the user's cache directory, keyed by the exact
bytes of every file of the deck, so any edit is a miss and the deck is parsed as usual.

Each slide is stored as its own JSON string and decoded when first used, so a 1,000-slide deck
shows its first slide without building the other 999.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from briefing import __version__, paths
from briefing.core.allocation import collector_paused
from briefing.core.blocks import (
    Bar,
    Block,
    Chart,
    CodeBlock,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
)
from briefing.core.model import Deck, Finding, Note, Slide, SourceSpan, Step
from briefing.core.source import MAX_FILE_BYTES, deck_files

FORMAT = 3


def cache_dir() -> Path:
    return paths.cache_dir() / "decks"


def load_deck_cached(path: Path | str, *, dialect: str | None = None) -> Deck:
    """What `load_deck(path, dialect=dialect)` returns, from the cache when the bytes of the
    deck's files (and of the files they include) are unchanged.

    Set BRIEFING_NO_CACHE=1 to always parse. A cache that cannot be read or written is
    ignored: it only ever makes loading faster, never different.
    """
    root = Path(path)
    if os.environ.get("BRIEFING_NO_CACHE"):
        return _parse(root, dialect)
    files = deck_files(root)
    key = f"{root.resolve()}\0{dialect or 'auto'}"
    entry = cache_dir() / (hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest() + ".json")
    try:
        with collector_paused():
            data = json.loads(entry.read_bytes())
        includes = [Path(name) for name in data["deck"].get("includes", [])]
        if data.get("digest") == _digest([*files, *includes]):
            with collector_paused():
                return decode_deck(data["deck"], root, files)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        pass  # missing, stale or damaged: parse
    deck = _parse(root, dialect)
    digest = _digest([*files, *deck.includes])
    if digest is not None:
        _store(entry, {"digest": digest, "deck": encode_deck(deck)})
    return deck


def _parse(root: Path, dialect: str | None) -> Deck:
    from briefing.core.loader import load_deck  # only on a miss: it imports the parsers

    return load_deck(root, dialect=dialect)


def _digest(files: Sequence[Path]) -> str | None:
    hasher = hashlib.sha256(f"briefing {__version__} cache {FORMAT}".encode())
    for file in files:
        try:
            with open(file, "rb", opener=_nonblocking) as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        hasher.update(file.name.encode("utf-8", "surrogateescape") + b"\0")
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _store(entry: Path, data: dict[str, Any]) -> None:
    from briefing.fileio import write_atomic

    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(entry, json.dumps(data, separators=(",", ":")).encode("utf-8"))
    except (OSError, TypeError, ValueError):
        pass  # a read-only home or a full disk costs speed, nothing else


# -- encoding: blocks become [tag, fields...]; NamedTuple spans are JSON arrays already ---------


def encode_deck(deck: Deck) -> dict[str, Any]:
    paths = {path: index for index, path in enumerate((*deck.files, *deck.includes))}

    def span(source: SourceSpan) -> list[int]:
        return [paths[source.path], source.start, source.end]

    return {
        "dialect": deck.dialect,
        "includes": [str(path) for path in deck.includes],
        "metadata": dict(deck.metadata),
        "diagnostics": [
            [paths.get(f.path, 0), f.line, f.severity, f.message] for f in deck.diagnostics
        ],
        "slides": [
            json.dumps(
                [
                    slide.number,
                    slide.title,
                    [
                        [step.markdown, [_block(b) for b in step.blocks], span(step.span), step.continues]
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


def _block(block: Block) -> list[Any]:
    if isinstance(block, Heading):
        return ["h", block.level, block.text]
    if isinstance(block, Paragraph):
        return ["p", block.text, block.align] if block.align else ["p", block.text]
    if isinstance(block, ListBlock):
        items = [[_block(b) for b in item] for item in block.items]
        return ["l", items, block.ordered, block.start, block.tight]
    if isinstance(block, Table):
        return ["t", block.header, block.rows, block.align]
    if isinstance(block, CodeBlock):
        return ["c", block.code, block.language]
    if isinstance(block, Chart):
        return ["ch", block.bars, block.title, block.unit]
    if isinstance(block, Quote):
        return ["q", [_block(b) for b in block.blocks]]
    return ["r"]


def decode_deck(data: dict[str, Any], root: Path, files: Sequence[Path]) -> Deck:
    files = tuple(files)
    includes = tuple(Path(name) for name in data.get("includes", []))
    sources = (*files, *includes)

    def span(value: list[int]) -> SourceSpan:
        return SourceSpan(sources[value[0]], value[1], value[2])

    def slide(encoded: str) -> Slide:
        number, title, steps, notes, where, metadata = json.loads(encoded)
        return Slide(
            number,
            title,
            tuple(
                Step(markdown, tuple(map(_unblock, blocks)), span(at), continues)
                for markdown, blocks, at, continues in steps
            ),
            tuple(Note(text, span(at)) for text, at in notes),
            span(where),
            MappingProxyType(metadata),
        )

    slides = LazySlides(data["slides"], slide)
    diagnostics = tuple(
        Finding(sources[index], line, severity, message)
        for index, line, severity, message in data["diagnostics"]
    )
    metadata = MappingProxyType(data["metadata"])
    return Deck(root, files, metadata, slides, diagnostics, data["dialect"], includes)


class LazySlides(Sequence[Slide]):
    """The slides of a cached deck, each decoded the first time it is used."""

    def __init__(self, encoded: list[str], decode: Callable[[str], Slide]) -> None:
        self._encoded = encoded
        self._decode = decode
        self._slides: list[Slide | None] = [None] * len(encoded)

    def __len__(self) -> int:
        return len(self._encoded)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
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
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazySlides({len(self)} slides)"


def _spans(value: list[list[Any]]) -> tuple[Span, ...]:
    return tuple(Span(*span) for span in value)


def _unblock(value: list[Any]) -> Block:
    tag = value[0]
    if tag == "p":
        return Paragraph(_spans(value[1]), value[2] if len(value) > 2 else "")
    if tag == "h":
        return Heading(value[1], _spans(value[2]))
    if tag == "l":
        items = tuple(tuple(map(_unblock, item)) for item in value[1])
        return ListBlock(items, value[2], value[3], value[4])
    if tag == "t":
        rows = tuple(tuple(_spans(cell) for cell in row) for row in value[2])
        return Table(tuple(_spans(cell) for cell in value[1]), rows, tuple(value[3]))
    if tag == "c":
        return CodeBlock(value[1], value[2])
    if tag == "ch":
        return Chart(tuple(Bar(*bar) for bar in value[1]), value[2], value[3])
    if tag == "q":
        return Quote(tuple(map(_unblock, value[1])))
    if tag == "r":
        return Rule()
    raise ValueError(f"unknown block tag {tag!r}")

