"""Files → tokens → slides, in the dialect of the tool the deck was written for.

Each file is parsed once with markdown-it. Before that, the deck's dialect (core.dialects)
reads the lines only its tool gives a meaning (notes, pauses, settings, separators) and blanks
them, so that line numbers stay true. The file's top-level tokens are then sorted into items
(content, separators, pauses, notes, settings), the items are cut into slides by the dialect's
rule, and each slide into steps at its pauses. Lines are kept throughout, so every slide, step
and note knows where it came from.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from markdown_it.token import Token

from briefing.core import comments
from briefing.core.allocation import collector_paused
from briefing.core.blocks import Block, Quote, plain
from briefing.core.chart import ChartError, parse_chart
from briefing.core.code_steps import with_code_steps
from briefing.core.dialects import NAMES, dialect_for, divs, tool_of_directive
from briefing.core.dialects.base import Dialect, Includer, Meaning, Prepared, fenced_lines, list_item_lines
from briefing.core.dialects.detect import detect
from briefing.core.errors import DeckError
from briefing.core.frontmatter import KNOWN_KEYS, load_yaml_mapping
from briefing.core.items import VISIBLE, Item, Kind, ParsedFile, RawSlide, Source
from briefing.core.markdown import CHART_LANGUAGE, closing_index, inline_spans, parser, to_blocks, to_blocks_until
from briefing.core.model import Deck, Finding, Note, Slide, SourceSpan, Step
from briefing.core.source import deck_files, read_text

_EMPTY: Mapping[str, object] = MappingProxyType({})
_YAML_KEY_LINE = re.compile(r"[\w\"'.$-][^:\n]*:(\s|$)")
# Text that starts notes in some tool: `???` (remark), `^ ` (Deckset), `Note:` (reveal.js).
_NOTE_LIKE = re.compile(r"^(?:(\?\?\?)[ \t]*$|(\^)[ \t]|(?i:(notes?):))", re.MULTILINE)
_MARKER_TOOLS = {"???": ("remark", "remark"), "^": ("Deckset", "deckset"), "Note:": ("reveal.js", "reveal")}
MAX_INCLUDES = 256  # files read through includes, per deck


def load_deck(path: Path | str, *, dialect: str | None = None) -> Deck:
    """Load a deck from a Markdown file or a directory of them; raise DeckError if unreadable.
    `dialect` overrides the one the deck names or looks like (None or "auto": detect)."""
    root = Path(path)
    files = deck_files(root)
    base = root if root.is_dir() else root.parent
    return _build_deck(root, files, read_text, dialect, base)


def load_text(text: str, path: Path | str = "<text>", *, dialect: str | None = None) -> Deck:
    """Load a deck held in memory (tests, the editor's preview); `text` must already be clean.
    Files it includes are read from beside `path`."""
    file_path = Path(path)
    return _build_deck(file_path, [file_path], lambda _file: text, dialect, file_path.parent)


def _build_deck(
    root: Path, files: Sequence[Path], read: Callable[[Path], str], dialect: str | None, base: Path
) -> Deck:
    """Parse each file, cut it into slides numbered across the deck, and refuse an empty deck.
    The first file's front matter is the deck's."""
    texts = [read(file) for file in files]
    slides: list[Slide] = []
    findings: list[Finding] = []
    with collector_paused():
        front_matter = _front_matter(files[0], texts[0].split("\n"))[0]
        name = _dialect_name(files[0], texts, front_matter, dialect)
        rules = dialect_for(name, front_matter)
        include = _Includes(base, rules)
        metadata: Mapping[str, object] = _EMPTY
        for index, (file_path, text) in enumerate(zip(files, texts, strict=True)):
            parsed = parse_file(file_path, text, rules, deck_front_matter=index == 0)
            if index == 0:
                metadata = _deck_metadata(parsed)
            for raw in file_slides(parsed, rules, include):
                slides.append(build_slide(raw, len(slides) + 1))
            findings.extend(parsed.findings)
        findings.extend(include.findings)
    if not any(slide.blocks or slide.notes for slide in slides):
        # an empty file or front matter alone: an error, not a blank screen
        raise DeckError(files[0], 1, "the deck is empty: no slide has anything to show")
    return Deck(root, tuple(files), metadata, tuple(slides), tuple(findings), name, tuple(include.files))


def _deck_metadata(parsed: ParsedFile) -> Mapping[str, object]:
    if not parsed.settings:
        return parsed.metadata
    return MappingProxyType({**parsed.settings, **parsed.metadata})


def _dialect_name(path: Path, texts: list[str], front_matter: Mapping[str, object], asked: str | None) -> str:
    """The dialect asked for, else the one the front matter names, else the one detected."""
    if asked and asked != "auto":
        return asked
    named = front_matter.get("dialect")
    if named is not None:
        if not isinstance(named, str) or named.strip().lower() not in (*NAMES, "auto"):
            line = next(
                (number + 1 for number, line in enumerate(texts[0].split("\n")) if line.startswith("dialect:")), 1
            )
            raise DeckError(path, line, f"unknown dialect {named!r}: one of {', '.join(NAMES)} or auto")
        if named.strip().lower() != "auto":
            return named.strip().lower()
    return detect(texts, front_matter)


# ---------------------------------------------------------------------------------------------
# One file → items


def _front_matter(path: Path, lines: list[str]) -> tuple[Mapping[str, object], int]:
    """The YAML block at the top of a file (as markdown-it's front matter plugin finds it) and
    the number of lines it takes; a leading `---` that opens a slide is no front matter."""
    end = _front_matter_end(lines)
    if end is None:
        if _unclosed_front_matter(lines):
            raise DeckError(path, 1, "front matter is not closed: add a `---` line after it")
        return _EMPTY, 0
    content = "\n".join(lines[1 : end - 1])
    if not _is_front_matter(content):
        return _EMPTY, 0  # a leading `---` that opens the first slide, not YAML
    return load_yaml_mapping(content, path, 2), end


def _front_matter_end(lines: list[str]) -> int | None:
    """The line after the closing `---` or `...` of a block opened by `---` on line 1."""
    first = lines[0] if lines else ""
    markers = len(first) - len(first.lstrip("-"))
    if markers < 3 or len(lines) < 2:
        return None
    for number in range(1, len(lines)):
        line = lines[number]
        if line.startswith("...") and not line[3:].strip():
            return number + 1
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) >= 4 or not stripped.startswith("-"):
            continue
        dashes = len(stripped) - len(stripped.lstrip("-"))
        if dashes >= markers and not stripped[dashes:].strip():
            return number + 1
    return None


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


def parse_file(
    path: Path, text: str, dialect: Dialect, *, deck_front_matter: bool, chain: tuple[Path, ...] = ()
) -> ParsedFile:
    """Parse a file's text into top-level items, taking its front matter off the top."""
    written = text.split("\n")
    metadata, front_end = _front_matter(path, written)
    source = Source(path, written, written, [])
    parsed = ParsedFile(path, source, [], metadata, deck_front_matter, chain=chain)
    if deck_front_matter and metadata:
        parsed.findings.extend(_unknown_keys(path, metadata, written, 2, dialect))
    marks: list[Item] = []
    if type(dialect) is Dialect and not divs.might_have(text):
        # briefing's own rules and nothing to read off the lines: parse the text as it is
        if front_end:
            offset = len("\n".join(written[:front_end])) + 1
            text = "\n" * front_end + text[offset:]
        tokens = parser(False).parse(text)
    else:
        prepared = Prepared(list(written), written, [])
        prepared.blank(0, front_end)
        prepared.fenced = fenced_lines(prepared.lines)
        parsed.settings = dialect.header(prepared, parsed, front_end)
        if divs.might_have(text):
            divs.read_divs(prepared, parsed)
        dialect.prepare(prepared, parsed)
        source.lines = prepared.lines
        tokens = _parse(prepared.lines, prepared.chunks)
        marks = prepared.marks
    source.tokens = tokens
    parsed.items = _merge(_items(parsed, dialect), marks)
    dialect.items(parsed)
    _setting_findings(parsed, dialect)
    parsed.findings.extend(_token_findings(parsed))
    return parsed


def _parse(lines: list[str], chunks: list[int]) -> list[Token]:
    """markdown-it's tokens for the lines; with `chunks` (remark), each slide parsed alone."""
    md = parser(False)
    if not chunks:
        return md.parse("\n".join(lines))
    tokens: list[Token] = []
    start = 0
    for end in [*chunks, len(lines)]:
        if end > start:
            part = md.parse("\n".join(lines[start:end]))
            for token in part:
                if token.map:
                    token.map = [token.map[0] + start, token.map[1] + start]
            tokens.extend(part)
        start = end + 1
    return tokens


def _unknown_keys(
    path: Path, metadata: Mapping[str, object], lines: list[str], first_line: int, dialect: Dialect
) -> list[Finding]:
    """Front-matter keys briefing does not use: maybe a typo, maybe another tool's setting."""
    findings = []
    for key in metadata:
        if key in KNOWN_KEYS:
            continue
        message = f"unknown front-matter key {key!r} (kept, not used)"
        if dialect.name != Dialect.name:
            ignored = dialect.ignored(key, metadata[key])
            if ignored is None:
                continue  # a setting of the deck's tool that briefing honours
            message = ignored
        line = next(
            (
                number
                for number in range(first_line, len(lines) + 1)
                if lines[number - 1].startswith((f"{key}:", f'"{key}":', f"'{key}':"))
            ),
            first_line,
        )
        findings.append(Finding(path, line, "warning", message))
    return findings


def _items(parsed: ParsedFile, dialect: Dialect) -> list[Item]:
    tokens = parsed.tokens
    items: list[Item] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        last = closing_index(tokens, index)
        start, end = token.map if token.map else (0, 0)
        for item in _classify(parsed, dialect, index, last, start, end):
            dialect.item(item, parsed)
            items.append(item)
        index = last + 1
    return items


def _classify(parsed: ParsedFile, dialect: Dialect, first: int, last: int, start: int, end: int) -> list[Item]:
    tokens, source = parsed.tokens, parsed.source
    token = tokens[first]
    kind = token.type
    if kind == "hr":
        return [Item(Kind.SEPARATOR, first, last, start, end, source)]
    if kind == "heading_open":
        return [Item(Kind.HEADING, first, last, start, end, source, level=int(token.tag[1:]))]
    if kind == "paragraph_open":
        content = tokens[first + 1].content
        marker = dialect.paragraph(content)
        if marker is not None:
            return [Item(marker, first, last, start, end, source)]
        note = dialect.note(content)
        if note is not None:
            return [Item(Kind.NOTE if note else Kind.HIDDEN, first, last, start, end, source, note=note)]
        if content[:1] in "?^nN" or "\n" in content:
            _warn_note_like(parsed, dialect, content, start)
    elif kind == "html_block":
        return _html_items(parsed, dialect, token, first, start, end)
    return [Item(Kind.CONTENT, first, last, start, end, source)]


def _warn_note_like(parsed: ParsedFile, dialect: Dialect, content: str, start: int) -> None:
    """Text drawn on a slide that starts notes in another tool: `check` says so."""
    for match in _NOTE_LIKE.finditer(content):
        marker = "???" if match.group(1) else "^" if match.group(2) else "Note:"
        if marker in dialect.note_markers:
            continue
        tool, name = _MARKER_TOOLS[marker]
        line = start + content.count("\n", 0, match.start())
        parsed.warn(
            line,
            f"`{match.group().strip()}` is drawn on the slide: it starts speaker notes in {tool}, "
            f"not in {dialect.tool} (write `dialect: {name}` in the front matter if these are notes)",
        )


def _html_items(parsed: ParsedFile, dialect: Dialect, token: Token, index: int, start: int, end: int) -> list[Item]:
    source = parsed.source
    if comments.is_unclosed_comment(token.content):
        inner = token.content.lstrip()[4:]
        return [Item(Kind.NOTE, index, index, start, end, source, note=inner.strip())]
    inners = comments.split_comments(token.content)
    if inners is None:
        # HTML: drawn as its text; comments inside it are never drawn, notes stay notes
        items = [Item(Kind.HTML, index, index, start, end, source)]
        if "<!--" in token.content:
            for start, end in comments.comment_spans(token.content):
                meaning = dialect.comment(token.content[start + 4 : end - 3])
                if meaning.kind in (Kind.NOTE, Kind.SETTING) and (meaning.text or meaning.kind is Kind.SETTING):
                    items.append(_comment_item(meaning, index, start, end, source))
        return items
    items = []
    for inner in inners:
        meaning = dialect.comment(inner)
        items.append(_comment_item(meaning, index, start, end, source))
    return items


def _comment_item(meaning: Meaning, index: int, start: int, end: int, source: Source) -> Item:
    kind = meaning.kind
    if kind is Kind.NOTE and not meaning.text:
        kind = Kind.HIDDEN
    return Item(kind, index, index, start, end, source, note=meaning.text, key=meaning.key, value=meaning.value)


def _merge(items: list[Item], marks: list[Item]) -> list[Item]:
    """Items read off the lines, in line order among the token items. A pause inside an item
    (between the items of a list) becomes a cut of that item."""
    if not marks:
        return items
    marks.sort(key=lambda mark: mark.start)
    merged: list[Item] = []
    position = 0
    for item in items:
        while position < len(marks) and marks[position].start < item.start:
            merged.append(marks[position])
            position += 1
        inside: list[Item] = []
        while position < len(marks) and marks[position].start < item.end:
            mark = marks[position]
            if mark.kind is Kind.PAUSE:
                item.cuts.append(mark.start)
            else:
                inside.append(mark)
            position += 1
        merged.append(item)
        merged.extend(inside)
    merged.extend(marks[position:])
    return merged


def _setting_findings(parsed: ParsedFile, dialect: Dialect) -> None:
    """A warning for each setting or directive of another tool that briefing does not use."""
    for item in parsed.items:
        if item.kind is Kind.DIRECTIVE:
            tool = tool_of_directive(item.key)
            message: str | None
            if dialect.name != Dialect.name and tool in (None, dialect.tool):
                message = dialect.ignored(item.key)
            elif tool:
                message = f"{tool} directive `{item.key}` is ignored"
            else:
                message = f"directive `{item.key}` is ignored"
            if message:
                parsed.warn(item.start, message)
        elif item.kind is Kind.SETTING:
            if not item.key and isinstance(item.value, dict):
                settings = list(item.value.items())
            else:
                settings = [(item.key, item.value)]
            for key, value in settings:
                ignored = dialect.ignored(key, value)
                if ignored:
                    parsed.warn(item.start, ignored)


def _token_findings(parsed: ParsedFile) -> list[Finding]:
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
                findings.append(Finding(parsed.path, start + 1, "error", "code fence is never closed"))
            if token.info.strip().lower().split()[:1] == [CHART_LANGUAGE]:
                try:
                    parse_chart(token.content)
                except ChartError as exc:
                    findings.append(Finding(parsed.path, start + 1 + max(exc.offset, 1), "error", str(exc)))
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


def file_slides(parsed: ParsedFile, dialect: Dialect, include: Includer) -> list[RawSlide]:
    """Cut a file's items into slides by its dialect's rule, with their settings and regions."""
    dialect.expand(parsed, include)
    slides = [RawSlide(group, home=parsed.source) for group in dialect.split(parsed)]
    for slide in slides[1:]:
        _take_slide_metadata(parsed, dialect, slide)
    # a separator at the very start or end of a file does not make an empty slide
    while len(slides) > 1 and not slides[0].items:
        slides.pop(0)
    while len(slides) > 1 and not slides[-1].items:
        slides.pop()
    if not parsed.deck_front_matter and (parsed.metadata or parsed.settings):
        # a later file's front matter is its first slide's
        slides[0].metadata = {**parsed.settings, **slides[0].metadata, **parsed.metadata}
    for slide in slides:
        _collect_settings(slide)
        _apply_regions(slide, dialect)
    return dialect.slides(parsed, slides, include)


def _take_slide_metadata(parsed: ParsedFile, dialect: Dialect, slide: RawSlide) -> None:
    """Slidev's per-slide YAML (`---` / `layout: center` / `---`) reads as a setext heading."""
    if not slide.items:
        return
    first = slide.items[0]
    if first.kind is not Kind.HEADING or first.first < 0:
        return
    token = first.tokens[first.first]
    if token.markup != "-" or first.start == 0:
        return
    yaml_text = "\n".join(first.source.lines[first.start : first.end - 1])
    if not _is_front_matter(yaml_text):
        return
    try:
        metadata = load_yaml_mapping(yaml_text, first.source.path, first.start + 1)
    except DeckError:
        return  # not YAML after all: a heading
    if metadata:
        first.kind = Kind.METADATA
        slide.metadata = metadata
        if dialect.name != Dialect.name:
            for key in metadata:
                message = dialect.ignored(key)
                if message:
                    parsed.warn(first.start, message)


def _collect_settings(slide: RawSlide) -> None:
    """Settings written on the slide go into its metadata (its own YAML block wins)."""
    settings: dict[str, object] = {}
    for item in slide.items:
        if item.kind is not Kind.SETTING:
            continue
        if not item.key and isinstance(item.value, dict):
            settings.update(item.value)
        elif item.key == ".element":
            elements = settings.setdefault(".element", [])
            if isinstance(elements, list):
                elements.append(item.value)
        else:
            settings[item.key] = item.value
    if settings:
        slide.metadata = {**settings, **slide.metadata}


def _apply_regions(slide: RawSlide, dialect: Dialect) -> None:
    """Items inside `::: incremental`, `<v-clicks>`, … take the region's effect; a region
    still open at the end of a slide ends there."""
    open_regions: list[str] = []
    for item in slide.items:
        if item.kind is Kind.OPEN:
            open_regions.append(item.key)
        elif item.kind is Kind.CLOSE:
            if item.key in open_regions:
                del open_regions[len(open_regions) - 1 - open_regions[::-1].index(item.key)]
        elif open_regions:
            for region in open_regions:
                dialect.in_region(region, item)


class _Includes:
    """Reads the files a deck includes: only inside its directory, each chain without cycles."""

    def __init__(self, base: Path, dialect: Dialect) -> None:
        self.base = base
        self.real_base = Path(os.path.realpath(base))
        self.dialect = dialect
        self.files: list[Path] = []
        self.findings: list[Finding] = []
        self.texts: dict[Path, str] = {}

    def __call__(self, including: ParsedFile, target: str, line: int) -> ParsedFile | None:
        """The file `target` names, parsed; None (and an error finding) when it does not exist:
        a deck copied without all its files still opens. Outside the deck's directory, or in
        a cycle, the deck is refused."""
        where = (including.path, line + 1)
        if not target.strip():
            raise DeckError(*where, "include names no file")
        written = Path(target.strip())
        if written.is_absolute() and getattr(self.dialect, "root_relative_includes", False):
            path = self.base / written.relative_to(written.anchor)
        elif written.is_absolute():
            path = written
        else:
            path = including.path.parent / written
        path = Path(os.path.normpath(path))
        real = Path(os.path.realpath(path))
        if real != self.real_base and self.real_base not in real.parents:
            raise DeckError(*where, f"cannot include {target.strip()}: it is outside the deck's directory")
        chain = (*including.chain, Path(os.path.realpath(including.path)))
        if real in chain:
            raise DeckError(*where, f"cannot include {target.strip()}: it includes itself (a cycle)")
        if not real.is_file():
            self.findings.append(Finding(*where, "error", f"cannot include {target.strip()}: no such file"))
            return None
        if real not in self.texts:
            if len(self.texts) >= MAX_INCLUDES:
                raise DeckError(*where, f"too many included files (the limit is {MAX_INCLUDES})")
            self.texts[real] = read_text(real)
            self.files.append(path)
        parsed = parse_file(path, self.texts[real], self.dialect, deck_front_matter=False, chain=chain)
        self.findings.extend(parsed.findings)
        parsed.findings = []
        return parsed


# ---------------------------------------------------------------------------------------------
# A slide's items → Slide


@dataclass
class _Piece:
    """Part of an item on a step: lines [start, until) of it (until None: to its end)."""

    item: Item
    start: int
    until: int | None = None
    continued: bool = False  # the item was begun on an earlier step


def build_slide(raw: RawSlide, number: int) -> Slide:
    steps: list[list[_Piece]] = [[]]
    notes: list[Note] = []
    title = inherited_title = ""
    pause_next = False
    for position, item in enumerate(raw.items):
        kind = item.kind
        if kind is Kind.PAUSE:
            if steps[-1]:
                steps.append([])
        elif kind is Kind.NOTE:
            path = item.source.path
            notes.append(Note(item.note, SourceSpan(path, item.start + 1, max(item.end, item.start + 1))))
        elif kind is Kind.NOTES_REST:
            notes.append(_remark_notes(item, raw.items[position:]))
            break
        elif kind is Kind.RULE:
            if any(steps):  # a rule between parts, not above the first
                steps[-1].append(_Piece(item, item.start))
        elif kind is Kind.LAYOUT:
            if item.blocks:  # a column mark (core.columns)
                steps[-1].append(_Piece(item, item.start))
        elif kind in VISIBLE or kind is Kind.SEPARATOR:
            if kind is Kind.HEADING and item.first >= 0:
                heading = plain(inline_spans(item.tokens[item.first + 1])).strip()
                if item.inherited:
                    inherited_title = inherited_title or heading
                elif not title:
                    title = heading
            if (item.fragment or pause_next) and steps[-1]:
                steps.append([])
            pause_next = item.pause_after
            _add_item(steps, item)
    if not steps[-1] and len(steps) > 1:
        steps.pop()
    built: list[Step] = []
    for pieces in steps:
        built.append(_step(raw, pieces, built))
    span = _slide_span(raw)
    steps_shown = with_code_steps(built)
    return Slide(number, title or inherited_title, tuple(steps_shown), tuple(notes), span, raw.metadata)


def _add_item(steps: list[list[_Piece]], item: Item) -> None:
    """The item on the current step, or cut over several: between the items of a list shown
    one at a time, and at pauses inside it."""
    cuts = item.cuts
    if item.incremental and item.first >= 0:
        lines = list_item_lines(item.tokens, item.first, item.last, item.incremental == 2)
        if lines and lines[0] <= item.start and steps[-1]:
            steps.append([])  # the first item is a step of its own too
        cuts = [*cuts, *lines]
    inside = sorted({line for line in cuts if item.start < line < item.end})
    if not inside:
        steps[-1].append(_Piece(item, item.start))
        return
    steps[-1].append(_Piece(item, item.start, inside[0]))
    for index, line in enumerate(inside):
        until = inside[index + 1] if index + 1 < len(inside) else None
        steps.append([_Piece(item, line, until, continued=True)])


def _step(raw: RawSlide, pieces: list[_Piece], earlier: list[Step]) -> Step:
    if not pieces:
        return Step("", (), SourceSpan(raw.home.path if raw.home else Path(), 1, 1))
    markdown = "\n\n".join(text for text in map(_piece_markdown, pieces) if text)
    blocks: list[Block] = []
    for piece in pieces:
        blocks.extend(_piece_blocks(piece))
    first = pieces[0]
    continues = first.continued and bool(earlier) and bool(earlier[-1].blocks)
    home = [piece for piece in pieces if raw.home is None or piece.item.source is raw.home] or pieces
    path = home[0].item.source.path
    span = SourceSpan(path, home[0].start + 1, max(_piece_end(piece) for piece in home))
    return Step(markdown, tuple(blocks), span, continues)


def _piece_end(piece: _Piece) -> int:
    return piece.item.end if piece.until is None else piece.until


def _piece_markdown(piece: _Piece) -> str:
    item = piece.item
    lines = item.source.written if item.kind is Kind.BLOCKS else item.source.lines
    if item.kind is Kind.RULE:
        return "---"  # a slot or column marker, drawn as a rule
    if item.kind is Kind.LAYOUT:
        return ""  # a column mark: a directive, not Markdown
    return "\n".join(lines[piece.start : _piece_end(piece)])


def _piece_blocks(piece: _Piece) -> tuple[Block, ...]:
    item = piece.item
    if item.blocks is not None:
        return item.blocks
    if piece.until is None:
        blocks = to_blocks(item.tokens, item.first, item.last + 1)
    else:
        blocks = to_blocks_until(item.tokens, item.first, item.last + 1, piece.until)
    if item.unquote:
        blocks = tuple(inner for block in blocks for inner in (block.blocks if isinstance(block, Quote) else (block,)))
    return blocks


def _slide_span(raw: RawSlide) -> SourceSpan:
    own = [item for item in raw.items if not item.inherited and (raw.home is None or item.source is raw.home)]
    own = own or [item for item in raw.items if not item.inherited]
    if not own:
        return SourceSpan(raw.home.path if raw.home else Path(), 1, 1)
    start = min(item.start for item in own)
    end = max(item.end for item in own)
    return SourceSpan(own[0].source.path, start + 1, max(end, start + 1))


def _remark_notes(marker: Item, rest: list[Item]) -> Note:
    start = marker.start + 1  # the line after `???`
    end = max(item.end for item in rest)
    text = "\n".join(marker.source.lines[start:end]).strip()
    return Note(text, SourceSpan(marker.source.path, start + 1, max(end, start + 1)))


__all__ = ["build_slide", "file_slides", "load_deck", "load_text", "parse_file"]
