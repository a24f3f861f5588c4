"""`briefing check`: lint rules over a loaded deck, each a small function yielding findings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.check_images import images_shown
from briefing.core.blocks import (
    Block,
    Chart,
    CodeBlock,
    ColumnMark,
    Heading,
    ImageBlock,
    ListBlock,
    Paragraph,
    Quote,
    Table,
    plain,
    walk,
)
from briefing.core.blocks import Rule as RuleBlock
from briefing.core.compat import assert_never
from briefing.core.model import Deck, Finding, Severity, Slide
from briefing.render.frame import content_size, wide_width

if TYPE_CHECKING:
    from briefing.render.rich import SlideRenderer


@dataclass(frozen=True)
class CheckOptions:
    size: tuple[int, int] = (80, 24)  # the terminal the talk will be given in
    source: str | None = None  # text every figure must come from


Rule = Callable[[Deck, CheckOptions], Iterable[Finding]]


def check_deck(deck: Deck, options: CheckOptions | None = None) -> list[Finding]:
    """Every finding of every rule, in file and line order."""
    options = options or CheckOptions()
    return in_deck_order(deck, [finding for rule in RULES for finding in rule(deck, options)])


def in_deck_order(deck: Deck, findings: Iterable[Finding]) -> list[Finding]:
    """Findings sorted by file, in the deck's order, then by line."""
    return sorted(findings, key=lambda f: (deck.files.index(f.path) if f.path in deck.files else -1, f.line))


def loader_findings(deck: Deck, options: CheckOptions) -> Iterator[Finding]:
    """What the loader noticed: unclosed fences and comments, bad charts, unknown keys."""
    yield from deck.diagnostics


def empty_slides(deck: Deck, options: CheckOptions) -> Iterator[Finding]:
    for slide in deck.slides:
        if not slide.blocks:
            yield _at(slide, "warning", f"slide {slide.number} is empty")


def untitled_slides(deck: Deck, options: CheckOptions) -> Iterator[Finding]:
    for slide in deck.slides:
        if slide.blocks and not slide.title:
            yield _at(slide, "warning", f"slide {slide.number} has no title (start it with a heading)")


def duplicate_titles(deck: Deck, options: CheckOptions) -> Iterator[Finding]:
    first: dict[str, Slide] = {}
    for slide in deck.slides:
        key = slide.title.casefold()
        if not key:
            continue
        if key in first:
            yield _at(
                slide,
                "warning",
                f"slide {slide.number} has the same title as slide {first[key].number}: {slide.title!r}",
            )
        else:
            first[key] = slide


def slides_fit(deck: Deck, options: CheckOptions) -> Iterator[Finding]:
    """Each slide, drawn as the presenter draws it, fits the terminal the talk is given in."""
    from briefing.render.rich import SlideRenderer, measure

    width, height = content_size(*options.size)
    wide = max(width, wide_width(options.size[0]))
    renderer = SlideRenderer()
    where = f"{options.size[0]}\u00d7{options.size[1]}"
    lines_of = _FileLines()  # read only for a slide too wide, to point at the line
    for slide in deck.slides:
        rows, widest = measure(renderer.render(slide.blocks, breakout=wide - width), width)
        if rows > height:
            columns = list(_tall_columns(renderer, slide, width, rows, height))
            yield from (_at(slide, "error", f"{message}; {where} leaves room for {height}") for message in columns)
            if not columns:
                yield _at(
                    slide,
                    "error",
                    f"slide {slide.number} is {rows} rows tall; {where} leaves room for {height}",
                )
        if widest <= wide:
            continue
        room = f"{where} leaves room for {wide} (the show scrolls it sideways)"
        lines = lines_of(slide.span.path)
        for block in slide.blocks:  # only code and tables draw wider than they are given
            _, widest = measure(renderer.render((block,), title_first=False, breakout=wide - width), width)
            if widest > wide:
                what, line = _too_wide(block, lines, slide.span.start, slide.span.end)
                message = f"slide {slide.number}: {what.format(widest)}; {room}"
                yield Finding(slide.span.path, line, "error", message)


def _tall_columns(renderer: SlideRenderer, slide: Slide, width: int, rows: int, height: int) -> Iterator[str]:
    """For a slide too tall with columns side by side: each column that makes it so."""
    from briefing.core.column_groups import ColumnGroup, group_columns
    from briefing.render.columns import column_label, column_widths
    from briefing.render.rich import measure

    for group in group_columns(slide.blocks):
        widths = column_widths(group.weights, width) if isinstance(group, ColumnGroup) else None
        if not isinstance(group, ColumnGroup) or widths is None:
            continue
        tall = [
            measure(renderer.render(column, title_first=False), w)[0]
            for column, w in zip(group.columns, widths, strict=True)
        ]
        rest = rows - max(tall)  # the rows the slide takes besides these columns
        count = len(group.columns)
        for index, (column_rows, name) in enumerate(zip(tall, group.names, strict=True)):
            if rest + column_rows > height:
                label = column_label(index, count, name)
                label = label[:1].lower() + label[1:]
                total = rest + column_rows
                yield f"slide {slide.number}: {label} is {column_rows} rows tall, {total} with the rest of the slide"


def _too_wide(block: Block, lines: list[str], start: int, end: int) -> tuple[str, int]:
    """What in `block` is too wide (its first table or code block) and the line it is on."""

    def line_with(*parts: str) -> int:
        for number in range(start, min(end, len(lines)) + 1):
            if all(part in lines[number - 1] for part in parts):
                return number
        return start

    for inner in walk((block,)):
        match inner:
            case Table():
                cells = (plain(cell).strip() for row in (inner.header, *inner.rows) for cell in row)
                first = next((cell.split()[0] for cell in cells if cell), "")
                return "a table is {} columns wide even with its cells wrapped", line_with("|", first)
            case CodeBlock():
                longest = max(inner.code.expandtabs(4).split("\n"), key=len).strip()
                return "a code line is {} columns wide", line_with(longest[:40])
            case Paragraph() | Heading() | ListBlock() | Quote() | Chart() | RuleBlock() | ColumnMark() | ImageBlock():
                continue  # drawn within the width they are given (walk visits what is inside)
            case _:
                assert_never(inner)
    return "it is {} columns wide", start


# Figures: amounts, percentages, counts and dates, as a fact-checker would underline them.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}}\b")
_FIGURE = re.compile(
    r"(?<![\w.,$\u2212-])(?:\$\s?)?\d[\d,]*(?:\.\d+)?(?<!,)"
    r"(?:\s?%|\s(?:thousand|million|billion|trillion)\b|(?:bn|tn|[kKmMbBT])\b)?"
)
# A name with a small number, ending its phrase: "Point 5", "Step 12:", "Phase 2." label
# things rather than state a figure.
_LABEL = re.compile(r"\b[A-Z][a-z]*\s\d{1,2}(?=[:.)]|\s*$)")
_SCALE = re.compile(r"(?<=\d)\s?(thousand|million|billion|trillion|bn|tn|[kKmMbBT])$")
_SCALE_SPELLINGS = {  # the ways a scale is written; either matches the other in the source
    "thousand": ("thousand", "k"),
    "million": ("million", "m"),
    "billion": ("billion", "bn", "b"),
    "trillion": ("trillion", "tn", "t"),
}


def figures(text: str) -> list[str]:
    """The figures in a text: dates first (`January 20`), then numbers with their `$`, `%` or
    scale (`$1.2M`, `$465 billion`); labels such as `Point 5` are not figures."""
    found = [match.group() for match in _DATE.finditer(text)]
    rest = _LABEL.sub(" ", _DATE.sub(" ", text))
    found += [match.group().strip() for match in _FIGURE.finditer(rest)]
    return found


def _in_source(figure: str, source: str) -> bool:
    scale = _SCALE.search(figure)
    number = figure[: scale.start()] if scale else figure
    pattern = r"(?<![\d.,])" + re.escape(number).replace(r"\ ", r"\s+")
    if scale:
        word = next(w for w, forms in _SCALE_SPELLINGS.items() if scale.group(1).lower() in forms)
        letters = "|".join(form for form in _SCALE_SPELLINGS[word] if form != word)
        pattern += rf"(?i:\s+{word}|\s?(?:{letters}))\b"
    else:
        pattern += r"(?![\d])"
    return re.search(pattern, source) is not None


def figures_in_source(deck: Deck, options: CheckOptions) -> Iterator[Finding]:
    """With --source: every figure on a slide or in its notes occurs in the source text."""
    if options.source is None:
        return
    source = options.source.replace("\u2212", "-")
    lines_of = _FileLines()
    for slide in deck.slides:
        texts = [(slide.span, text) for text in _block_texts(slide.blocks)]
        texts += [(note.span, text) for note in slide.notes for text in _block_texts(note.blocks)]
        seen: set[str] = set()
        for span, text in texts:
            for figure in figures(text):
                if figure in seen or _in_source(figure, source):
                    continue
                seen.add(figure)
                yield Finding(
                    span.path,
                    _line_of(figure, lines_of(span.path), span.start, span.end),
                    "error",
                    f"figure {figure!r} on slide {slide.number} does not occur in the source",
                )


def _block_texts(blocks: Iterable[Block]) -> Iterator[str]:
    """The prose of blocks (not code): paragraphs, headings, list items, cells, chart rows."""
    for block in walk(blocks):
        match block:
            case Paragraph() | Heading():
                yield plain(block.text)
            case Table():
                for row in (block.header, *block.rows):
                    yield from (plain(cell) for cell in row)
            case Chart():
                yield block.title
                percent = block.unit == "%"
                for bar in block.bars:
                    yield f"{bar.label}: {bar.shown}{'%' if percent and not bar.shown.endswith('%') else ''}"
            case ListBlock() | Quote():
                continue  # walk visits what is inside them
            case CodeBlock() | RuleBlock() | ColumnMark() | ImageBlock():
                continue  # no prose (an image's alt text is not drawn)
            case _:
                assert_never(block)


class _FileLines:
    """Each deck file's lines, read once however many figures point into it."""

    def __init__(self) -> None:
        self._lines: dict[Path, list[str]] = {}

    def __call__(self, path: Path) -> list[str]:
        if path not in self._lines:
            try:
                self._lines[path] = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
            except OSError:
                self._lines[path] = []
        return self._lines[path]


def _line_of(figure: str, lines: list[str], start: int, end: int) -> int:
    """The first line in [start, end] that mentions `figure`, else `start`."""
    for number in range(start, min(end, len(lines)) + 1):
        if figure.split()[0] in lines[number - 1]:
            return number
    return start


def front_matter_values(deck: Deck, options: CheckOptions) -> Iterator[Finding]:
    """Front-matter values briefing reads but cannot understand (it uses the default)."""
    from briefing.core.timer_setting import TIMER_STARTS, timer_start

    value = deck.metadata.get("timer")
    if timer_start(value) is None:
        path = deck.files[0]
        line = next((n for n, text in enumerate(_FileLines()(path), 1) if text.startswith("timer:")), 1)
        choices = " or ".join(TIMER_STARTS)
        yield Finding(path, line, "error", f"timer: {value!r} is not {choices}; the timer starts at launch")


def exec_runners(deck: Deck, options: CheckOptions) -> Iterator[Finding]:
    """A front-matter `exec:` that is not a mapping of language to command."""
    if "exec" in deck.metadata:
        from briefing.deck_runs import exec_front_matter

        yield from exec_front_matter(deck)


def _at(slide: Slide, severity: Severity, message: str) -> Finding:
    return Finding(slide.span.path, slide.span.start, severity, message)


RULES: tuple[Rule, ...] = (
    loader_findings,
    empty_slides,
    untitled_slides,
    duplicate_titles,
    slides_fit,
    figures_in_source,
    front_matter_values,
    exec_runners,
    images_shown,
)
