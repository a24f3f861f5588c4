"""Editing one slide in place: its exact source lines out, the edited lines back in; what the
show would draw for them (the editor's preview); and a recovery copy of unsaved edits.

Only the slide's lines change. Every other byte of the file — other slides, front matter, a
byte order mark, CRLF or LF line ends, a final newline or its absence — is written back as it
was read, and the write is atomic. If the file changed on disk since it was read, saving
refuses (EditConflict) rather than overwrite someone else's change.
"""

from __future__ import annotations

import re
import stat
import time
from dataclasses import dataclass, replace
from pathlib import Path

from briefing.core.blocks import Block, Heading, Rule, Span
from briefing.core.errors import DeckError
from briefing.core.loader import load_text
from briefing.core.sanitize import clean_text
from briefing.fileio import write_atomic

_BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


class EditConflict(Exception):
    """The file on disk is no longer the file the slide was read from."""


@dataclass(frozen=True)
class SlideSource:
    """A slide's lines [start, end] (1-based, inclusive) as read from `path`."""

    path: Path
    start: int
    end: int
    text: str  # the lines joined with "\n", control characters removed
    baseline: bytes  # the whole file as read; saving compares the disk against it
    cleaned: bool = False  # True when control characters were removed for display


def split_lines(text: str) -> list[str]:
    """Lines with their own line ends (CRLF, CR or LF); the last may have none."""
    return _LINE.findall(text)


def _decode(data: bytes) -> tuple[bool, str]:
    bom = data.startswith(_BOM)
    return bom, (data[len(_BOM) :] if bom else data).decode("utf-8")


def read_slide_source(path: Path, start: int, end: int) -> SlideSource:
    """Read lines [start, end] of `path` for editing."""
    data = Path(path).read_bytes()
    _bom, text = _decode(data)
    lines = split_lines(text)
    region = "".join(lines[start - 1 : end])
    raw = region.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n")
    shown = clean_text(raw)
    return SlideSource(Path(path), start, end, shown, data, cleaned=shown != raw)


def replace_lines(data: bytes, start: int, end: int, new_text: str) -> bytes:
    """`data` with lines [start, end] replaced by `new_text` (LF-separated), in the file's
    own line ends; everything outside the range is returned byte for byte."""
    bom, text = _decode(data)
    lines = split_lines(text)
    region = lines[start - 1 : end]
    ends = [line[len(line.rstrip("\r\n")) :] for line in region]
    eol = next((e for e in ends if e), None) or next(
        (line[len(line.rstrip("\r\n")) :] for line in lines if line.endswith(("\n", "\r"))), "\n"
    )
    last_end = ends[-1] if ends else (eol if end < len(lines) else "")
    body = eol.join(new_text.split("\n")) + last_end
    result = "".join(lines[: start - 1]) + body + "".join(lines[end:])
    return (_BOM if bom else b"") + result.encode("utf-8")


def save_slide(source: SlideSource, new_text: str, *, force: bool = False) -> SlideSource:
    """Write `new_text` over the slide's lines; returns the source as it now is on disk.

    Raises EditConflict if the file changed since `source` was read (unless `force`, which
    writes the slide into the file as it was read), PermissionError for a read-only file,
    and OSError for anything the disk refuses.
    """
    path = source.path
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    if current != source.baseline and not force:
        raise EditConflict(f"{path} changed on disk since it was opened")
    if current is not None:
        mode = path.stat().st_mode
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise PermissionError(13, "the file is read-only", str(path))
    data = replace_lines(source.baseline, source.start, source.end, new_text)
    write_atomic(path, data)
    end = source.start + len(new_text.split("\n")) - 1
    return replace(source, end=end, text=new_text, baseline=data, cleaned=False)


def preview_blocks(text: str, *, dialect: str | None = None, path: Path | str = "preview.md") -> tuple[Block, ...]:
    """What the show would draw for this source, read in the deck's dialect (files it
    includes are found beside `path`): its slides' blocks, then the notes."""
    try:
        deck = load_text(clean_text(text), path, dialect=dialect)
    except DeckError as error:
        return (Heading(3, (Span("Cannot preview"),)), Heading(6, (Span(error.message),)))
    blocks: list[Block] = []
    for index, slide in enumerate(deck.slides):
        if index:
            blocks.append(Rule())
        blocks.extend(slide.blocks)
    notes = [block for slide in deck.slides for note in slide.notes for block in note.blocks]
    if notes:
        blocks += [Rule(), Heading(4, (Span("Speaker notes", italic=True),)), *notes]
    return tuple(blocks)


def keep_recovery_copy(source: SlideSource, text: str) -> Path | None:
    """Save an unsaved buffer of `source`'s lines under the user's state directory, where it
    cannot clobber anything (the process is being killed); returns its path, or None if the
    disk refused."""
    from briefing.paths import state_dir

    folder = state_dir() / "recovered"
    name = f"{source.path.stem}-lines-{source.start}-{time.strftime('%Y%m%d-%H%M%S')}.md"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(folder / name, text.encode("utf-8"))
    except OSError:
        return None
    return folder / name
