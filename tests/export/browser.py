"""Debian's chromium, driven by Playwright, for the HTML export's tests. Never downloads a browser.

Pages are opened from files (file://), as someone opens an exported deck. Every console message
of type error or warning and every uncaught exception is collected, so a test can assert that a
page said nothing (a Content-Security-Policy violation is such a message).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = (1280, 800)
PHONE = (390, 844)
# Screenshots a person looks at after a run (gitignored).
ARTIFACTS = ROOT / "test-artifacts" / "html"


def skip_without_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium): the HTML export's browser tests need it"
        )
    pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra: pip install -e '.[test]'")


@dataclass
class Show:
    """One exported page open in the browser."""

    page: Any
    messages: list[str] = field(default_factory=list)

    def position(self) -> dict[str, int]:
        return self.page.evaluate("window.briefing.position()")

    def hash(self) -> str:
        return self.page.evaluate("location.hash")

    def visible_slides(self) -> list[str]:
        """Ids of the sections that take room on screen (one, in the slideshow)."""
        return self.page.evaluate(
            "Array.from(document.querySelectorAll('#slides > section'))"
            ".filter(s => s.getClientRects().length).map(s => s.id)"
        )

    def visible(self, selector: str) -> list[bool]:
        return self.page.evaluate(
            "(sel) => Array.from(document.querySelectorAll(sel)).map(e => e.getClientRects().length > 0)",
            selector,
        )

    def shown_blocks(self) -> list[str]:
        """Tag names of the current slide's top-level blocks that are on screen."""
        return self.page.evaluate(
            "Array.from(document.querySelector('#slides > .current > .page').children)"
            ".filter(e => e.getClientRects().length).map(e => e.tagName.toLowerCase())"
        )

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def pwned(self) -> list[Any]:
        return self.page.evaluate("[window.__pwned, document.documentElement.dataset.pwned]")

    def overflow(self) -> dict[str, int]:
        """How far the page, the current slide's column, and the widest of its tables, charts
        and code blocks (which scroll sideways rather than break the column) run over."""
        return self.page.evaluate(
            """() => {
              const page = document.querySelector('#slides > .current > .page');
                const inner = page ? Array.from(page.querySelectorAll('.table, figure.chart, pre'))
                .map(e => e.scrollWidth - e.clientWidth) : [];
              return {document: document.scrollingElement.scrollWidth - innerWidth,
                      slide: page ? page.scrollWidth - page.clientWidth : 0,
                      scrolled: Math.max(0, ...inner)};
            }"""
        )


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Tabs:
    """Pages kept open across a module's tests, in one desktop and one phone context.

    A new context costs chromium about a second of CPU (a renderer process starts for its
    first page); loading a file into a page already open costs about a tenth of that. A page
    handed out again keeps nothing of the test before: `open` loads the document afresh (no
    script state, focus, hash or timer survives a new document), sets the window's size and
    colour scheme, and the mouse is moved back to the corner; `release` clears the
    storage of the origin the page was on, for pages that keep some (the served pages'
    sessionStorage), before leaving it for about:blank."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self.contexts: dict[bool, Any] = {}  # phone (touch, mobile) or not
        self.free: dict[bool, list[Any]] = {False: [], True: []}
        self.taken: list[tuple[bool, Any]] = []
        self.messages: dict[Any, list[str]] = {}  # where each taken page's console messages go

    def open(self, url: str, *, size: tuple[int, int] = DESKTOP, color_scheme: str = "light") -> tuple[Any, list[str]]:
        """A page showing `url`, and the list its console errors, warnings and uncaught
        exceptions go to while the page is taken."""
        phone = size == PHONE
        page = self.free[phone].pop() if self.free[phone] else self._new_page(phone)
        messages: list[str] = []
        self.messages[page] = messages
        self.taken.append((phone, page))
        width, height = size
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(color_scheme=color_scheme)  # Playwright's default for a context is light
        page.goto(url)
        return page, messages

    def release(self, page) -> None:
        """`page` back to the pool, on about:blank; its messages stop being collected once the
        blank page has loaded."""
        phone = next(phone for phone, taken in self.taken if taken is page)
        if not page.url.startswith("about:"):
            page.evaluate("() => { try { sessionStorage.clear(); localStorage.clear(); } catch (e) {} }")
        page.goto("about:blank")
        page.mouse.move(0, 0)
        self.messages.pop(page, None)
        self.taken.remove((phone, page))
        self.free[phone].append(page)

    def release_all(self) -> None:
        for _, page in list(self.taken):
            self.release(page)

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()

    def _new_page(self, phone: bool):
        if phone not in self.contexts:
            width, height = PHONE if phone else DESKTOP
            self.contexts[phone] = self.browser.new_context(
                viewport={"width": width, "height": height}, has_touch=phone, is_mobile=phone
            )
        page = self.contexts[phone].new_page()

        def collect(message: str) -> None:
            if page in self.messages:
                self.messages[page].append(message)

        page.on(
            "console",
            lambda message: (
                collect(f"{message.type}: {message.text}") if message.type in ("error", "warning") else None
            ),
        )
        page.on("pageerror", lambda error: collect(f"uncaught: {error}"))
        return page


@contextmanager
def open_tabs(browser):
    tabs = Tabs(browser)
    try:
        yield tabs
    finally:
        tabs.close()


def open_show(tabs: Tabs, path: Path, *, size: tuple[int, int] = DESKTOP, fragment: str = "", **options) -> Show:
    """`path` opened at `size` in a page of `tabs`; the page's script has started when this
    returns."""
    page, messages = tabs.open(path.as_uri() + fragment, size=size, **options)
    page.wait_for_function("() => window.briefing !== undefined")
    return Show(page, messages)


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
