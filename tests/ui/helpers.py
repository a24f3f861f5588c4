"""Helpers for driving the app in tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from briefing.ui.app import BriefingApp
from briefing.ui.screens.search import SearchScreen
from briefing.ui.widgets.paged_view import PagedView


def make_app(deck: Path, **options) -> BriefingApp:
    """An app with a frozen clock and no file watching, unless asked."""
    options.setdefault("watch", False)
    options.setdefault("sync", False)  # linking is tested with private sockets
    options.setdefault("clock", lambda: 0.0)
    options.setdefault("wall_clock", lambda: "09:30")
    app = BriefingApp(deck, **options)
    app.animation_level = "none"  # Textual may be imported before TEXTUAL_ANIMATIONS is set
    return app


def view_text(app: BriefingApp, selector: str = "#slide-view") -> str:
    """Every line the view would draw, scrolled or not, as plain text."""
    return app.present.query_one(selector, PagedView).text


def deliver_in_one_read(app: BriefingApp, *keys: str) -> None:
    """Hand the app these keys back to back, without letting it run in between: what the
    terminal driver does with the bytes of one read (a macro, a clicker, ssh batching)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key("space" if key == " " else key, key if len(key) == 1 else None))


async def until(condition: Callable[[], bool], why: Callable[[], str] = str, timeout: float = 5.0) -> None:
    """Let the app run until `condition` holds; fail the test if it does not within `timeout`
    seconds, saying `why()`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not so after {timeout} s: {why()}")
        await asyncio.sleep(0.005)


async def type_search(pilot, words: str) -> SearchScreen:
    """Type `words` (letters and spaces) at the end of the search box, opening search first,
    in one read as a fast typist does; wait until the screen has searched for what is then in
    the box. (Pressed one at a time, each key waits for the app to look idle twice: most of a
    search test's time.) Letters and spaces only: the keys the box binds (Backspace, the
    arrows) are tested in one read in test_one_read.py."""
    if not isinstance(pilot.app.screen, SearchScreen):
        await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    assert words.replace(" ", "").isalnum(), words
    terms = screen.query_one(Input).value + words
    deliver_in_one_read(pilot.app, *words)
    await until(lambda: screen.terms == terms, lambda: f"searched for {screen.terms!r}, not {terms!r}")
    await pilot.pause()
    return screen
