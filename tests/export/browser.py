"""Debian's chromium, driven by Playwright, for the HTML export's tests. Never downloads a browser.

Pages are opened from files (file://), as someone opens an exported deck. Every console message
of type error or warning and every uncaught exception is collected, so a test can assert that a
page said nothing (a Content-Security-Policy violation is such a message).
"""

from __future__ import annotations

import subprocess
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


@contextmanager
def open_show(browser, path: Path, *, size: tuple[int, int] = DESKTOP, fragment: str = "", **context):
    """`path` opened at `size`; the page's script has started when this yields."""
    width, height = size
    phone = size == PHONE
    options = dict(viewport={"width": width, "height": height}, has_touch=phone, is_mobile=phone)
    browser_context = browser.new_context(**options, **context)
    try:
        page = browser_context.new_page()
        show = Show(page)
        page.on(
            "console",
            lambda message: (
                show.messages.append(f"{message.type}: {message.text}")
                if message.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda error: show.messages.append(f"uncaught: {error}"))
        page.goto(path.as_uri() + fragment)
        page.wait_for_function("() => window.briefing !== undefined")
        yield show
    finally:
        browser_context.close()


def dump_dom(path: Path) -> str:
    """The DOM after the page's scripts ran, as `chromium --headless --dump-dom` prints it."""
    result = subprocess.run(
        [str(CHROMIUM), *ARGS, "--dump-dom", path.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
