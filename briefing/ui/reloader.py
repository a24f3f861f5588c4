"""Live reload: the deck is read again, off the UI thread, when one of its files changes or when
asked (`r`, a save in the editor). What came of it is posted to the app as a message."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.worker import get_current_worker

from briefing.core.errors import DeckError
from briefing.core.model import Deck
from briefing.ui.notices import deck_relative

if TYPE_CHECKING:
    from textual.app import App


@dataclass
class DeckLoaded(Message):
    """The deck as it now is on disk."""

    deck: Deck
    announce: bool  # asked for: say how it went, even if nothing changed


@dataclass
class DeckFailed(Message):
    """The deck cannot be read as it now is; the last good one stays on screen."""

    problem: str  # `file:line: message`, the file relative to the deck
    announce: bool


class Reloader:
    """Reads the deck at `deck_path` again as the command line did (same dialect, same cache)
    for `app`, which gets each outcome as `DeckLoaded` or `DeckFailed`. Loads and the watch
    run as the app's workers."""

    def __init__(
        self,
        app: App[Any],
        deck_path: Path,
        *,
        dialect: str | None,
        directory: Path,
        deck: Deck,
        loaded_at: float,
    ) -> None:
        self.app = app
        self.deck_path = deck_path
        self.dialect = dialect
        self.directory = directory  # messages name files relative to it
        self.deck = deck  # the last deck read: the files to look at when the watch starts
        self.loaded_at = loaded_at  # when it was read
        self.watching = False  # True once a save will be noticed

    def reload(self, *, announce: bool = False) -> None:
        """Read the deck again now; a read still going on is superseded."""
        self.app.run_worker(partial(self._load, announce), name="reload", group="reload", exclusive=True, thread=True)

    def _load(self, announce: bool) -> None:
        from briefing.load import load

        started = time.time()
        outcome: DeckLoaded | DeckFailed
        try:
            deck = load(self.deck_path, dialect=self.dialect, cached=True)
        except DeckError as error:
            outcome = DeckFailed(deck_relative(error, self.directory), announce)
        except RecursionError:
            too_deep = DeckError(self.deck_path, 1, "too deeply nested")
            outcome = DeckFailed(deck_relative(too_deep, self.directory), announce)
        else:
            outcome = DeckLoaded(deck, announce)
        if get_current_worker().is_cancelled:
            return  # a later read is under way: what this one found may already be stale
        if isinstance(outcome, DeckLoaded):
            self.deck, self.loaded_at = outcome.deck, started
        self.app.post_message(outcome)

    def watch(self) -> None:
        """Read the deck again whenever one of its files changes, until the app ends."""
        self.app.run_worker(self._watch(), name="watch", group="watch", exclusive=True)

    async def _watch(self) -> None:
        from briefing.ui.watch import deck_changes, latest_change

        def ready() -> None:
            self.watching = True
            if latest_change(self.deck) > self.loaded_at:
                self.reload()  # saved between reading and watching

        while True:
            try:
                async for _ in deck_changes(self.deck_path, on_ready=ready):
                    self.reload()
            except Exception as error:  # the watched directory went away: retry shortly
                problem = DeckError(self.deck_path, 1, f"cannot watch for changes ({error})")
                self.app.post_message(DeckFailed(deck_relative(problem, self.directory), announce=False))
            await asyncio.sleep(1)
