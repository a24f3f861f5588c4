"""Screens over the show close once, however fast the keys arrive."""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import Screen

ResultType = TypeVar("ResultType")


class ClosesOnce(Screen[ResultType]):
    """`dismiss` twice in a row (two keys in one read, say) would pop the show's own screen:
    the second call is ignored."""

    _dismissing = False  # (not `_closing`: Textual uses that name on every message pump)

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self._dismissing or not self.is_current:
            return AwaitComplete()
        self._dismissing = True
        return super().dismiss(result)
