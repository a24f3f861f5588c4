"""Messages as the show prints them: deck paths relative to the deck, markup taken out."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from briefing.core.errors import DeckError


class Problem(NamedTuple):
    """A problem a clean audience view says on its own line, with no console to tell."""

    text: str
    severity: str  # "warning" or "error"
    timeout: float | None  # seconds it stays up; None: until cleared


def deck_directory(deck_path: Path) -> Path:
    """The directory a deck's paths are shown relative to: the deck's own, or the one its
    single file is in. Taken once, at launch: a deck file replaced by a directory later does
    not move it."""
    return deck_path if deck_path.is_dir() else deck_path.parent


def deck_relative(error: DeckError, directory: Path) -> str:
    """`file:line: message` with the file relative to the deck's `directory`: short, and it
    shows no more of the machine than the deck."""
    try:
        where = error.path.resolve().relative_to(directory.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the deck, or unresolvable
        where = str(error.path)
    if where == ".":  # the deck directory itself
        where = directory.name or str(directory)
    return f"{where}:{error.line}: {error.message}"


def plain_message(message: str, markup: bool) -> str:
    """What a notification says, as text: its markup applied and dropped. Only Textual's own
    notifications carry markup; ours all say markup=False (a structure test checks), so deck
    text never reaches the parser."""
    if not markup:
        return message
    from rich.errors import MarkupError
    from rich.text import Text

    try:
        return Text.from_markup(message).plain
    except MarkupError:
        return message
