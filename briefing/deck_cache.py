"""A parsed deck kept on disk, so presenting the same deck again starts without parsing it.

The presenter's first frame is dominated by start-up; parsing (and importing the Markdown and
YAML parsers to do it) is a quarter of ours. An entry holds the loader's result in the core's
cache format (`core.cache_codec`) under the user's cache directory, keyed by the deck's path
and dialect option, and is used only while the exact bytes of every file of the deck (and of
the files they include) are unchanged: any edit is a miss, and the deck is parsed as usual.

An entry holds those bytes and is compared with them, rather than with a digest: the show
checks its entry before the first frame, and `hashlib` (OpenSSL, loaded on import) was the
costliest module it imported for that. The entry's file name is a CRC of its key; two keys
that share one only ever make a miss, as the entry holds the whole key too.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefing import __version__, paths
from briefing.core.allocation import collector_paused
from briefing.core.cache_codec import FORMAT, decode_deck, encode_deck, encoded_includes
from briefing.core.model import Deck
from briefing.core.source import MAX_FILE_BYTES, deck_files
from briefing.fileio import write_atomic


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
    entry = cache_dir() / f"{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}.json"
    try:
        with collector_paused():
            data = json.loads(entry.read_bytes().decode("utf-8", "surrogateescape"))
        if data.get("key") == key and data.get("sources") == _sources([*files, *encoded_includes(data["deck"])]):
            with collector_paused():
                return decode_deck(data["deck"], root, files)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        pass  # missing, stale or damaged: parse
    deck = _parse(root, dialect)
    sources = _sources([*files, *deck.includes])
    if sources is not None:
        _store(entry, {"key": key, "sources": sources, "deck": encode_deck(deck)})
    return deck


def _parse(root: Path, dialect: str | None) -> Deck:
    from briefing.core.loader import load_deck  # only on a miss: it imports the parsers

    return load_deck(root, dialect=dialect)


def _sources(files: Sequence[Path]) -> list[str] | None:
    """What an entry is fresh for: briefing's version, the cache format, and every file's name
    and bytes (as Latin-1 text, one character a byte, which JSON holds); None if a file cannot
    be read (nothing is stored then)."""
    sources = [f"briefing {__version__} cache {FORMAT}"]
    for file in files:
        try:
            with open(file, "rb", opener=_nonblocking) as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        sources += [file.name, data.decode("latin-1")]
    return sources


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))  # a FIFO named like a deck file


def _store(entry: Path, data: dict[str, Any]) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # unescaped: a byte of a deck's file takes at most two in the entry (a path's undecodable
        # bytes go back as they came, as surrogates, on both ways)
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        write_atomic(entry, text.encode("utf-8", "surrogateescape"))
    except (OSError, TypeError, ValueError):
        pass  # a read-only home or a full disk costs speed, nothing else
