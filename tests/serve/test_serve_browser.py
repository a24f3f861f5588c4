"""`briefing serve` as people use it: the show in tmux, the audience page and the control page
in a real browser (Debian's chromium through Playwright, as the HTML export's tests).

Skipped, saying why, where chromium or tmux is missing; CI installs both. Screenshots for a
person (and the README) go to test-artifacts/serve/.
"""

from __future__ import annotations

import shutil
import sys
from contextlib import contextmanager

import pytest

from tests.conftest import ROOT
from tests.export.browser import PHONE, chromium, open_tabs, skip_without_chromium
from tests.serve.decks import SECRETS, write_deck
from tests.serve.process import ServeProcess
from tests.tmux import INSTALLED, Tmux

ARTIFACTS = ROOT / "test-artifacts" / "serve"
FOLLOW = 10_000
"""Milliseconds a page may take to show a move before the test fails: generous for a loaded
machine (the issue's goal, 1 s, is measured by benchmarks/serve.py, never asserted)."""


@pytest.fixture(scope="module")
def browser():
    skip_without_chromium()
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def tabs(browser):
    with open_tabs(browser) as pages:
        yield pages


@pytest.fixture
def deck_path(tmp_path):
    return write_deck(tmp_path)


@pytest.fixture
def tmux():
    if not INSTALLED:
        pytest.skip("tmux is not installed (apt-get install tmux): these tests drive the show in it")
    with Tmux("briefing-serve") as server:
        yield server


@contextmanager
def open_page(tabs, url: str, *, size=(1280, 800)):
    """`url` in a page of `tabs` (tests/export/browser.py: a page that keeps nothing of an
    earlier test's); fails the test on any console error or warning (a Content-Security-Policy
    violation is one) or uncaught exception."""
    page, messages = tabs.open(url, size=size)
    try:
        yield page
    finally:
        tabs.release(page)
    # a dropped event stream (the server restarted) is the one error a page may report
    assert [m for m in messages if "/events" not in m and "ERR_CONNECTION_REFUSED" not in m] == []


def shows(page, slide: int, step: int = 1) -> None:
    """The page shows `slide`/`step` and has heard from the server: the static page starts on
    slide 1, and a key pressed before the stream's first event would be undone by it."""
    page.wait_for_function(
        "([slide, step]) => document.documentElement.classList.contains('following')"
        " && window.briefing && window.briefing.position().slide === slide"
        " && window.briefing.position().step === step",
        arg=[slide, step],
        timeout=FOLLOW,
    )


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def start_show(tmux: Tmux, deck_path) -> None:
    tmux.new_session("show", f"{shutil.which('python3') and sys.executable} -m briefing {deck_path}", size=(100, 30))
    assert tmux.wait_for("show", "Hello."), tmux.screen("show")


def test_the_show_in_tmux_moves_the_page_and_the_phone_moves_the_show(tabs, tmux, deck_path):
    start_show(tmux, deck_path)
    server = ServeProcess(deck_path)
    try:
        with open_page(tabs, server.url + "/", size=PHONE) as audience:
            shows(audience, 1)
            tmux.send_keys("show", "Right")
            shows(audience, 2)
            assert audience.evaluate("document.querySelector('#slides > .current').id") == "2"
            screenshot(audience, "audience-phone.png")
            with open_page(tabs, f"{server.url}/control#{server.token}", size=PHONE) as control:
                control.wait_for_function("() => document.getElementById('title').textContent === 'Second'")
                assert SECRETS[1] in control.inner_text("#notes")
                screenshot(control, "control-phone.png")
                control.click("#next")
                assert tmux.wait_for("show", "Two"), tmux.screen("show")  # the show revealed step 2
                shows(audience, 2, 2)
                control.click("#next")
                assert tmux.wait_for("show", "Bye."), tmux.screen("show")
                shows(audience, 3)
                control.wait_for_function("() => document.getElementById('title').textContent === 'Third'")
            page_text = audience.content()
            assert not any(secret in page_text for secret in SECRETS)
            assert audience.evaluate("[window.__pwned, document.documentElement.dataset.pwned]") == [None, None]
    finally:
        server.stop()


def test_the_page_reconnects_by_itself_after_the_server_restarts(tabs, tmux, deck_path):
    start_show(tmux, deck_path)
    server = ServeProcess(deck_path)
    port = server.port
    try:
        with open_page(tabs, server.url + "/") as audience:
            shows(audience, 1)
            assert server.stop() == 0
            audience.wait_for_function("() => document.documentElement.classList.contains('offline')", timeout=FOLLOW)
            tmux.send_keys("show", "Right")  # moved while the server was away
            server = ServeProcess(deck_path, port=port)
            shows(audience, 2)
            audience.wait_for_function("() => !document.documentElement.classList.contains('offline')", timeout=FOLLOW)
            tmux.send_keys("show", "Right")
            shows(audience, 2, 2)
    finally:
        server.stop()


def test_a_viewer_may_page_back_and_return_to_live_but_not_go_ahead(tabs, deck_path):
    server = ServeProcess(deck_path)
    try:
        headers = {"Authorization": f"Bearer {server.token}"}
        with open_page(tabs, server.url + "/") as audience:
            shows(audience, 1)
            audience.request.post(f"{server.url}/api/goto", headers=headers, data={"slide": 2})
            shows(audience, 2)
            audience.keyboard.press("ArrowLeft")  # back to re-read slide 1
            shows(audience, 1)
            assert audience.is_visible("#back-to-live")
            audience.request.post(f"{server.url}/api/next", headers=headers)  # the presenter goes on
            audience.wait_for_timeout(0)
            assert audience.evaluate("window.briefing.position().slide") == 1  # the viewer stays
            audience.click("#back-to-live")
            shows(audience, 2, 2)
            assert not audience.is_visible("#back-to-live")
            audience.keyboard.press("ArrowRight")  # ahead of the presenter: not allowed
            shows(audience, 2, 2)
            assert not audience.is_visible("#back-to-live")
            audience.request.post(f"{server.url}/api/blackout", headers=headers)
            audience.wait_for_function("() => document.documentElement.classList.contains('blackout')", timeout=FOLLOW)
            assert audience.evaluate("getComputedStyle(document.querySelector('#slides')).visibility") == "hidden"
    finally:
        server.stop()


def test_with_free_a_viewer_may_page_ahead(tabs, deck_path):
    server = ServeProcess(deck_path, "--free")
    try:
        with open_page(tabs, server.url + "/") as audience:
            shows(audience, 1)
            audience.keyboard.press("ArrowRight")
            shows(audience, 2)
            assert audience.is_visible("#back-to-live")
    finally:
        server.stop()


def test_a_deck_edit_reloads_the_page_where_the_viewer_was(tabs, deck_path):
    server = ServeProcess(deck_path)
    try:
        headers = {"Authorization": f"Bearer {server.token}"}
        with open_page(tabs, server.url + "/") as audience:
            audience.request.post(f"{server.url}/api/goto", headers=headers, data={"slide": 3})
            shows(audience, 3)
            audience.keyboard.press("ArrowLeft")
            shows(audience, 2, 2)
            deck_path.write_text(deck_path.read_text().replace("# Third", "# Third, edited"))
            audience.wait_for_function(
                "() => document.querySelector('#slides > section:last-child').textContent.includes('Third, edited')",
                timeout=FOLLOW,
            )
            shows(audience, 2, 2)  # still where the viewer was
            assert audience.is_visible("#back-to-live")
    finally:
        server.stop()
