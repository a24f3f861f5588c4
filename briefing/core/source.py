"""Finding and reading a deck's files: natural order, UTF-8, size limits, clean text."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from briefing.core.errors import DeckError
from briefing.core.sanitize import clean_text

MARKDOWN_SUFFIX = ".md"
MAX_FILE_BYTES = 32 * 1024 * 1024

_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> list[object]:
    """Sort key that puts `2-x.md` before `10-y.md`."""
    return [int(part) if part.isdigit() else part.lower() for part in _DIGITS.split(name)]


def deck_files(root: Path) -> list[Path]:
    """The Markdown files of a deck: the file itself, or a directory's `.md` files in natural order."""
    info = _stat(root)
    if stat.S_ISDIR(info.st_mode):
        try:
            entries = list(os.scandir(root))
        except OSError as exc:
            raise DeckError(root, 1, f"cannot list directory: {exc.strerror or exc}") from None
        files = [
            root / entry.name
            for entry in entries
            if entry.name.endswith(MARKDOWN_SUFFIX)
            and not entry.name.startswith(".")  # editor lock and backup files
            and _is_regular(entry)
        ]
        if not files:
            raise DeckError(root, 1, "no Markdown (.md) files in this directory")
        return sorted(files, key=lambda path: natural_key(path.name))
    if not stat.S_ISREG(info.st_mode):
        raise DeckError(root, 1, "not a regular file or directory")
    return [root]


def _is_regular(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()  # follows symlinks; False for FIFOs, sockets, broken links
    except OSError:
        return False


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError:
        raise DeckError(path, 1, "no such file or directory") from None
    except OSError as exc:
        raise DeckError(path, 1, f"cannot open: {exc.strerror or exc}") from None


def read_text(path: Path) -> str:
    """A deck file as clean text: BOM dropped, LF line ends, no control characters."""
    info = _stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise DeckError(path, 1, "not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise DeckError(path, 1, f"file is too large ({info.st_size // 2**20} MiB; the limit is 32 MiB)")
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO since the stat, opening must not hang
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DeckError(path, 1, f"cannot read: {exc.strerror or exc}") from None
    return decode(data, path)


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) to clean text; a bad byte is reported with its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + data.count(b"\r", 0, exc.start) - data.count(b"\r\n", 0, exc.start) + 1
        raise DeckError(path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})") from None
    return clean_text(text)
