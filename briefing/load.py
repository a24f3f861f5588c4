"""The one way a deck is loaded: by the CLI, by the show at start and by every reload."""

from __future__ import annotations

from pathlib import Path

from briefing.core.model import Deck


def load(path: Path | str, *, dialect: str | None = None, cached: bool = False) -> Deck:
    """The deck at `path` (a Markdown file or a directory of them); DeckError if it cannot be
    read. `dialect` overrides the tool the deck names or looks like (None or "auto": detect).

    With `cached`, the parse cache is used and refreshed: the presenter's path, where start-up
    time counts. Exports and checks parse every time, so they never depend on it.
    """
    if cached:
        from briefing.deck_cache import load_deck_cached

        return load_deck_cached(path, dialect=dialect)
    from briefing.core.loader import load_deck  # imports the Markdown and YAML parsers

    return load_deck(path, dialect=dialect)
