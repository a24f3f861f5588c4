"""`b`: a blank screen until any key (or click) brings the slide back."""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class BlackoutScreen(Screen[None]):
    """Nothing on it at all; the next key or click only un-blanks, it does not navigate."""

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.dismiss()
