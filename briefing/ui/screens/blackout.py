"""`b`: a blank screen until any key (or click) brings the slide back."""

from __future__ import annotations

from textual import events

from briefing.ui.screens.closing import ClosesOnce


class BlackoutScreen(ClosesOnce[None]):
    """Nothing on it at all; the next key or click only un-blanks, it does not navigate."""

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.dismiss()
