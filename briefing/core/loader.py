"""Files → tokens → slides.

Each file is parsed once with markdown-it. Its top-level tokens are sorted into items (content,
separators, pauses, notes, directives), the items are cut into slides by the file's separator
convention, and each slide into steps at its pauses. Lines are kept throughout, so every slide,
step and note knows where it came from.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from markdown_it.token import Token

from briefing.core import comments
from briefing.core.allocation import collector_paused
from briefing.core.chart import ChartError, parse_chart
from briefing.core.errors import DeckError
from briefing.core.frontmatter import KNOWN_KEYS, load_yaml_mapping
from briefing.core.markdown import CHART_LANGUAGE, closing_index, inline_spans, parser, to_blocks
from briefing.core.model import Deck, Finding, Note, Slide, SourceSpan, Step
from briefing.core.blocks import plain
from briefing.core.source import deck_files, read_text

_EMPTY: Mapping[str, object] = MappingProxyType({})
_YAML_KEY_LINE = re.compile(r"[\w\"'.$-][^:\n]*:(\s|$)")
_REMARK_NOTES = "???"
_PANDOC_PAUSE = ". . ."


class Kind(enum.Enum):
    CONTENT = "content"
    HEADING = "heading"
    HTML = "html"  # raw HTML: kept in the body, not drawn in a terminal
    SEPARATOR = "separator"  # a thematic break
    END_SLIDE = "end_slide"
    PAUSE = "pause"
    NOTE = "note"
    NOTES_REST = "notes_rest"  # remark's `???`: the rest of the slide is notes
    DIRECTIVE = "directive"
    METADATA = "metadata"  # a Slidev per-slide YAML block


@dataclass
class _Item:
    """One top-level block of a file: tokens [first, last] and source lines [start, end)."""

    kind: Kind
    first: int
    last: int
    start: int
    end: int
    note: str = ""
    level: int = 0  # heading level


@dataclass
class _File:
    path: Path
    lines: list[str]
    tokens: list[Token]
    items: list[_Item]
    metadata: Mapping[str, object] = field(default_factory=dict)
    deck_front_matter: bool = True
    findings: list[Finding] = field(default_factory=list)


def load_deck(path: Path | str) -> Deck:
    """Load a deck from a Markdown file or a directory of them; raise DeckError if unreadable."""
    root = Path(path)
    files = deck_files(root)
    return _build_deck(root, files, lambda file: read_text(file))


def load_text(text: str, path: Path | str = "<text>") -> Deck:
    """Load a deck held in memory (tests, the editor's preview); `text` must already be clean."""
    file_path = Path(path)
    return _build_deck(file_path, [file_path], lambda _file: text)


def _build_deck(root: Path, files: Sequence[Path], read: Callable[[Path], str]) -> Deck:
    """Parse each file, cut it into slides numbered across the deck, and refuse an empty deck.
    The first file's front matter is the deck's."""
    slides: list[Slide] = []
    findings: list[Finding] = []
    metadata: Mapping[str, object] = _EMPTY
    with collector_paused():
        for index, file_path in enumerate(files):
            parsed = parse_file(file_path, read(file_path), deck_front_matter=index == 0)
            if index == 0:
                metadata = parsed.metadata
            findings.extend(parsed.findings)
            for raw in split_slides(parsed):
                slides.append(build_slide(parsed, raw, len(slides) + 1))
    if not any(slide.blocks or slide.notes for slide in slides):
        # an empty file or front matter alone: an error, not a blank screen
        raise DeckError(files[0], 1, "the deck is empty: no slide has anything to show")
    return Deck(root, tuple(files), metadata, tuple(slides), tuple(findings))


# ---------------------------------------------------------------------------------------------
# One file → items


def parse_file(path: Path, text: str, *, deck_front_matter: bool) -> _File:
    """Parse a file's text into top-level items, taking its front matter off the top."""
    lines = text.split("\n")
    tokens = parser(True).parse(text)
    metadata: Mapping[str, object] = _EMPTY
    findings: list[Finding] = []
    if tokens and tokens[0].type == "front_matter":
        fm = tokens[0]
        first_line = fm.map[0] + 2 if fm.map else 2
        if _is_front_matter(fm.content):
            metadata = load_yaml_mapping(fm.content, path, first_line)
            if deck_front_matter:
                findings.extend(_unknown_keys(path, metadata, lines, first_line))
        else:
            # a leading `---` that opens the first slide, not YAML
            tokens = parser(False).parse(text)
    elif _unclosed_front_matter(lines):
        raise DeckError(path, 1, "front matter is not closed: add a `---` line after it")
    parsed = _File(path, lines, tokens, _items(tokens), metadata, deck_front_matter, findings)
    parsed.findings.extend(_token_findings(parsed))
    return parsed


def _is_front_matter(content: str) -> bool:
    """YAML front matter reads as `key: value` lines; anything else is a slide after a `---`."""
    for line in content.split("\n"):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return bool(_YAML_KEY_LINE.match(stripped))
    return True  # empty or comments only: an empty front matter block


def _unclosed_front_matter(lines: list[str]) -> bool:
    return (
        len(lines) > 1
        and lines[0].rstrip() == "---"
        and bool(_YAML_KEY_LINE.match(lines[1]))
        and not any(line.rstrip() in ("---", "...") for line in lines[1:])
    )


def _unknown_keys(
    path: Path, metadata: Mapping[str, object], lines: list[str], first_line: int
) -> list[Finding]:
    findings = []
    for key in metadata:
        if key in KNOWN_KEYS:
            continue
        line = next(
            (
                number
                for number in range(first_line, len(lines) + 1)
                if lines[number - 1].startswith((f"{key}:", f'"{key}":', f"'{key}':"))
            ),
            first_line,
        )
        findings.append(
            Finding(path, line, "warning", f"unknown front-matter key {key!r} (kept, not used)")
        )
    return findings


def _items(tokens: Sequence[Token]) -> list[_Item]:
    items: list[_Item] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        last = closing_index(tokens, index)
        start, end = token.map if token.map else (0, 0)
        items.extend(_classify(tokens, index, last, start, end))
        index = last + 1
    return items


def _classify(tokens: Sequence[Token], first: int, last: int, start: int, end: int) -> list[_Item]:
    token = tokens[first]
    kind = token.type
    if kind == "front_matter":
        return []
    if kind == "hr":
        return [_Item(Kind.SEPARATOR, first, last, start, end)]
    if kind == "heading_open":
        return [_Item(Kind.HEADING, first, last, start, end, level=int(token.tag[1:]))]
    if kind == "paragraph_open":
        content = tokens[first + 1].content
        if content == _PANDOC_PAUSE:
            return [_Item(Kind.PAUSE, first, last, start, end)]
        if content.split("\n", 1)[0].strip() == _REMARK_NOTES:
            return [_Item(Kind.NOTES_REST, first, last, start, end)]
    if kind == "html_block":
        return _html_items(token, first, start, end)
    return [_Item(Kind.CONTENT, first, last, start, end)]


def _html_items(token: Token, index: int, start: int, end: int) -> list[_Item]:
    if comments.is_unclosed_comment(token.content):
        inner = token.content.lstrip()[4:]
        return [_Item(Kind.NOTE, index, index, start, end, note=inner.strip())]
    inners = comments.split_comments(token.content)
    if inners is None:
        return [_Item(Kind.HTML, index, index, start, end)]
    items = []
    for inner in inners:
        comment = comments.classify(inner)
        kind = {
            comments.Kind.PAUSE: Kind.PAUSE,
            comments.Kind.END_SLIDE: Kind.END_SLIDE,
            comments.Kind.NOTE: Kind.NOTE,
            comments.Kind.DIRECTIVE: Kind.DIRECTIVE,
        }[comment.kind]
        if kind is Kind.NOTE and not comment.text:
            kind = Kind.DIRECTIVE
        items.append(_Item(kind, index, index, start, end, note=comment.text))
    return items


def _token_findings(parsed: _File) -> list[Finding]:
    """Problems only the parser sees: unclosed fences and comments, charts that do not read."""
    findings = []
    lines = parsed.lines
    for token in parsed.tokens:
        if not token.map:
            continue
        start, end = token.map
        if token.type == "fence":
            closing = lines[end - 1].strip() if end - 1 > start else ""
            if not (closing.startswith(token.markup) and set(closing) == {token.markup[0]}):
                findings.append(
                    Finding(parsed.path, start + 1, "error", "code fence is never closed")
                )
            if token.info.strip().lower().split()[:1] == [CHART_LANGUAGE]:
                try:
                    parse_chart(token.content)
                except ChartError as exc:
                    findings.append(
                        Finding(parsed.path, start + 1 + max(exc.offset, 1), "error", str(exc))
                    )
        elif token.type == "html_block" and comments.is_unclosed_comment(token.content):
            findings.append(
                Finding(
                    parsed.path,
                    start + 1,
                    "error",
                    "comment is never closed: everything after it is hidden",
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# Items → slides


@dataclass
class _RawSlide:
    items: list[_Item]
    metadata: Mapping[str, object] = field(default_factory=dict)


def split_slides(parsed: _File) -> list[_RawSlide]:
    """Cut a file's items into slides by its convention: `end_slide`, `---`, or headings."""
    items = parsed.items
    kinds = {item.kind for item in items}
    if Kind.END_SLIDE in kinds:
        groups = _split_at(items, Kind.END_SLIDE)
        for group in groups:  # thematic breaks are content in presenterm decks
            for item in group:
                if item.kind is Kind.SEPARATOR:
                    item.kind = Kind.CONTENT
    elif Kind.SEPARATOR in kinds:
        groups = _split_at(items, Kind.SEPARATOR)
    else:
        groups = _split_at_headings(items)
    slides = [_RawSlide(group) for group in groups]
    for slide in slides[1:]:
        _take_slide_metadata(parsed, slide)
    # a separator at the very start or end of a file does not make an empty slide
    while len(slides) > 1 and not slides[0].items:
        slides.pop(0)
    while len(slides) > 1 and not slides[-1].items:
        slides.pop()
    if not parsed.deck_front_matter and parsed.metadata:
        slides[0].metadata = parsed.metadata  # a later file's front matter is its slide's
    return slides


def _split_at(items: list[_Item], separator: Kind) -> list[list[_Item]]:
    groups: list[list[_Item]] = [[]]
    for item in items:
        if item.kind is separator:
            groups.append([])
        else:
            groups[-1].append(item)
    return groups


def _split_at_headings(items: list[_Item]) -> list[list[_Item]]:
    """Pandoc's rule: the slide level is the highest heading level directly followed by content."""
    level = slide_level(items)
    if level is None:
        return [items]
    groups: list[list[_Item]] = [[]]
    for item in items:
        if item.kind is Kind.HEADING and item.level <= level and _has_content(groups[-1]):
            groups.append([])
        groups[-1].append(item)
    return groups


def slide_level(items: list[_Item]) -> int | None:
    """The slide level of a file without separators, or None when it has no headings."""
    visible = [item for item in items if item.kind in (Kind.HEADING, Kind.CONTENT, Kind.HTML)]
    levels = [
        item.level
        for item, following in zip(visible, visible[1:])
        if item.kind is Kind.HEADING and following.kind is not Kind.HEADING
    ]
    if levels:
        return min(levels)
    headings = [item.level for item in visible if item.kind is Kind.HEADING]
    return max(headings) if headings else None


def _has_content(group: list[_Item]) -> bool:
    return any(item.kind in (Kind.HEADING, Kind.CONTENT, Kind.HTML) for item in group)


def _take_slide_metadata(parsed: _File, slide: _RawSlide) -> None:
    """Slidev's per-slide YAML (`---` / `layout: center` / `---`) reads as a setext heading."""
    if not slide.items:
        return
    first = slide.items[0]
    token = parsed.tokens[first.first]
    if first.kind is not Kind.HEADING or token.markup != "-" or first.start == 0:
        return
    yaml_text = "\n".join(parsed.lines[first.start : first.end - 1])
    if not _is_front_matter(yaml_text):
        return
    try:
        metadata = load_yaml_mapping(yaml_text, parsed.path, first.start + 1)
    except DeckError:
        return  # not YAML after all: a heading
    if metadata:
        first.kind = Kind.METADATA
        slide.metadata = metadata


# ---------------------------------------------------------------------------------------------
# A slide's items → Slide


def build_slide(parsed: _File, raw: _RawSlide, number: int) -> Slide:
    path, tokens = parsed.path, parsed.tokens
    steps: list[list[_Item]] = [[]]
    notes: list[Note] = []
    title = ""
    for position, item in enumerate(raw.items):
        kind = item.kind
        if kind is Kind.PAUSE:
            if steps[-1]:
                steps.append([])
        elif kind is Kind.NOTE:
            notes.append(Note(item.note, SourceSpan(path, item.start + 1, max(item.end, item.start + 1))))
        elif kind is Kind.NOTES_REST:
            notes.append(_remark_notes(parsed, item, raw.items[position:]))
            break
        elif kind in (Kind.CONTENT, Kind.HEADING, Kind.HTML, Kind.SEPARATOR):
            if kind is Kind.HEADING and not title:
                title = plain(inline_spans(tokens[item.first + 1])).strip()
            steps[-1].append(item)
    if not steps[-1] and len(steps) > 1:
        steps.pop()
    built = tuple(_step(parsed, group) for group in steps)
    if raw.items:
        span = SourceSpan(path, raw.items[0].start + 1, max(raw.items[-1].end, raw.items[0].start + 1))
    else:
        span = SourceSpan(path, 1, 1)
    return Slide(number, title, built, tuple(notes), span, raw.metadata)


def _step(parsed: _File, items: list[_Item]) -> Step:
    if not items:
        return Step("", (), SourceSpan(parsed.path, 1, 1))
    markdown = "\n\n".join("\n".join(parsed.lines[item.start : item.end]) for item in items)
    blocks = tuple(
        block for item in items for block in to_blocks(parsed.tokens, item.first, item.last + 1)
    )
    return Step(markdown, blocks, SourceSpan(parsed.path, items[0].start + 1, items[-1].end))


def _remark_notes(parsed: _File, marker: _Item, rest: list[_Item]) -> Note:
    start = marker.start + 1  # the line after `???`
    end = max(item.end for item in rest)
    text = "\n".join(parsed.lines[start:end]).strip()
    return Note(text, SourceSpan(parsed.path, start + 1, max(end, start + 1)))
