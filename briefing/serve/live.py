"""The server's place in the show: a peer of the deck's sync group that tells browsers.

`LiveShow` holds the deck as served and the sync link. A move made anywhere in the group (the
show, the console, another server through the relay) reaches every open event stream; a move
made here (the control page, the API) is published to the group like a key press in the show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing.serve.followers import Followers, event
from briefing.serve.pages import ServedDeck
from briefing.serve.show import public_state, speaker_view
from briefing.sync.link import SyncLink
from briefing.sync.protocol import State
from briefing.ui.navigation import Position

log = logging.getLogger("briefing.serve")


class LiveShow:
    def __init__(self, served: ServedDeck, deck_path: Path, *, socket_path: Path | None = None) -> None:
        self.served = served
        self.followers = Followers()
        self.on_change: list[Callable[[State], None]] = []
        """Called with each new state, whoever made it (the relay listens here)."""
        # An audience view to the group: it shows the show and never claims to be a console.
        # Clock 0: whatever the group already shows wins over our slide 1.
        self.link = SyncLink(deck_path, "audience", self._adopted, socket_path=socket_path)

    @property
    def state(self) -> State:
        return self.link.state

    def public(self) -> dict[str, Any]:
        return public_state(self.served.deck, self.state, self.served.version)

    def speaker(self) -> dict[str, Any]:
        return speaker_view(self.served.deck, self.state, self.served.version)

    def current_event(self) -> bytes:
        return event("position", self.public(), self.followers.sequence)

    def move(self, position: Position, blackout: bool) -> None:
        """A move made here: the group and every browser hear of it."""
        before = self.state
        self.link.publish(position.slide, position.step, blackout)
        if self.state is not before:
            self._changed()

    def adopt(self, state: State) -> None:
        """A state from the relay: taken (and passed to the group) if newer than ours."""
        self.link.adopt(state)  # calls _adopted if it changes what is shown

    def replace(self, served: ServedDeck) -> None:
        """The deck was edited: browsers load the new version (its version string differs)."""
        self.served = served
        self._broadcast()

    def _adopted(self, state: State) -> None:
        self._changed()

    def _changed(self) -> None:
        self._broadcast()
        for listener in self.on_change:
            try:
                listener(self.state)
            except Exception:  # a listener's bug must not stop the show
                log.exception("serve: a state listener failed")

    def _broadcast(self) -> None:
        self.followers.send(event("position", self.public(), self.followers.next_id()))
