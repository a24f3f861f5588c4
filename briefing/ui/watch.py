"""Watching a deck on disk: yields when any of its Markdown files changes, appears or goes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from briefing.core.model import Deck


def latest_change(deck: Deck) -> float:
    """The newest modification time among the deck's files (and its directory)."""
    paths = [*deck.files, deck.root]
    times = []
    for path in paths:
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            times.append(float("inf"))  # gone: certainly changed
    return max(times)


def _watched(deck: Path) -> tuple[Path, Path]:
    """The deck's real path, and the directory to watch for it."""
    deck = deck.resolve()
    return deck, deck.parent if deck.is_file() or not deck.exists() else deck


async def deck_changes(
    deck: Path, on_ready: Callable[[], None] | None = None, debounce_ms: int = 30
) -> AsyncIterator[None]:
    """Yield once per burst of changes to `deck` (a file, or a directory of .md files).

    `on_ready` is called once the watch is in place: a change from then on will be seen, so
    that is the moment to look for one made while the watch was being set up.

    The parent directory is watched for a single file, because editors often save by writing
    a new file and renaming it over the old one, which a watch on the file itself would miss.
    """
    from watchfiles import awatch  # imported here: it is not needed for the first paint

    deck, target = await asyncio.to_thread(_watched, deck)  # file system calls, off the event loop

    def relevant(change: object, path: str) -> bool:
        changed = Path(path)
        if deck.is_dir():
            return changed.suffix == ".md" or changed == deck
        return changed == deck

    ready = False
    async for changes in awatch(
        target,
        watch_filter=relevant,
        debounce=debounce_ms,
        step=10,
        recursive=False,
        rust_timeout=250,
        yield_on_timeout=True,  # an empty yield tells us the watch is running
    ):
        if not ready:
            ready = True
            if on_ready is not None:
                on_ready()
        if changes:
            yield
