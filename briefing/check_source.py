"""The text `briefing check` compares a deck's figures with: the file given as `--source`, else
the file that the deck's front matter names as `source:`.

`source:` is also a plain description of where a talk comes from (the bundled deck's is), so
a value is taken as a file only when that file exists, and reported as missing only when the
value reads as a path.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from briefing.core.errors import DeckError
from briefing.core.model import Deck, Finding
from briefing.core.source import read_text

_FILE_SUFFIXES = (".txt", ".md")
_SOURCE_KEY = re.compile(r"""^(?:source|"source"|'source')\s*:""")


@dataclass(frozen=True)
class Source:
    text: str | None = None  # None: figures are not checked
    path: Path | None = None  # where the text came from
    named: bool = False  # found through the front matter, not given as --source
    findings: tuple[Finding, ...] = ()  # why a named file was not used


def choose_source(deck: Deck, given: Path | None) -> Source:
    """`given` if there is one (a DeckError if it cannot be read), else the front matter's file."""
    if given is not None:
        return Source(read_text(given), given)
    value = deck.metadata.get("source")
    if not isinstance(value, str) or not value.strip():
        return Source()
    value = value.strip()
    path = _beside_deck(deck, value)
    if _is_file(path):
        try:
            return Source(read_text(path), path, named=True)
        except DeckError as error:
            problem = f"cannot read source file {value!r}: {error.message}"
    elif not looks_like_path(value):
        return Source()  # a description
    elif _exists(path):
        problem = f"source file {value!r} is not a regular file"
    else:
        problem = f"source file {value!r} does not exist (looked for {printable_path(path)})"
    first = deck.files[0]
    finding = Finding(first, _key_line(first), "warning", f"{problem}; figures were not checked")
    return Source(findings=(finding,))


def looks_like_path(value: str) -> bool:
    """A file name rather than a description: ends in .txt or .md, or has a `/` and no spaces.

    A URL is a description: check reads local files only.
    """
    value = value.strip()
    if not value or "://" in value:
        return False
    if value.lower().endswith(_FILE_SUFFIXES):
        return True
    return "/" in value and not any(char.isspace() for char in value)


def printable_path(path: Path) -> str:
    """The path as is, or quoted with escapes if it holds a newline or tab: a finding is one line."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def _beside_deck(deck: Deck, value: str) -> Path:
    """`value` relative to the deck's directory (a directory deck's own, a file's parent)."""
    folder = deck.root if _is_dir(deck.root) else deck.root.parent
    # ValueError: `~` and a user name with a NUL in it, so no such user and no such file
    with contextlib.suppress(ValueError):
        # os.path leaves an unknown ~user as written, where Path.expanduser raises
        value = os.path.expanduser(value)  # noqa: PTH111
    return folder / value  # an absolute value stays as it is


def _key_line(path: Path) -> int:
    """The line of `source:` in the front matter at the top of `path` (1 if it cannot be found)."""
    try:
        lines = read_text(path).split("\n")
    except DeckError:
        return 1
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        if _SOURCE_KEY.match(line):
            return number
    return 1


# A deck's value can be anything, including a name too long for the file system: never raise.
def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _exists(path: Path) -> bool:
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return False
