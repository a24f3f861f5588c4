"""The HTML export in a real browser (Debian's chromium): keys, hash, steps, notes, overview,
swipes, a hostile deck, and screenshots at desktop and phone sizes for a person to look at.

Skipped, saying why, where /usr/bin/chromium is not installed.
"""

from __future__ import annotations

import pytest

from briefing.core.blocks import Block, Chart, CodeBlock, Heading, ImageBlock, ListBlock, Quote, Rule, Table
from briefing.core.column_groups import ColumnGroup, group_columns
from briefing.core.loader import load_deck
from briefing.export.html import export_html
from tests.conftest import BUNDLED, FIXTURES
from tests.export.browser import (
    DESKTOP,
    PHONE,
    artifact,
    chromium,
    open_show,
    open_tabs,
    skip_without_chromium,
)
from tests.export.hostile_html import write_hostile_deck


@pytest.fixture(scope="module")
def browser():
    skip_without_chromium()
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The bundled deck exported with and without notes, and a deck with steps."""
    folder = tmp_path_factory.mktemp("html")
    written = {}
    for name, path, options in [
        ("plain", BUNDLED, {}),
        ("notes", BUNDLED, {"notes": True}),
        ("steps", FIXTURES / "dialects" / "slidev" / "talk.md", {}),
        ("lists", FIXTURES / "dialects" / "deckset" / "talk.md", {}),
    ]:
        written[name] = folder / f"{name}.html"
        written[name].write_text(export_html(load_deck(path), **options), encoding="utf-8")
    return written


@pytest.fixture(scope="module")
def tabs(browser):
    with open_tabs(browser) as open_pages:
        yield open_pages


@pytest.fixture
def show(tabs):
    """Opens pages; each must end the test without a console error, warning or exception."""
    opened = []

    def open_page(path, **options):
        shown = open_show(tabs, path, **options)
        opened.append(shown)
        return shown

    yield open_page
    tabs.release_all()
    for shown in opened:
        assert shown.messages == [], shown.messages


def test_the_page_has_one_section_per_slide(show, pages):
    page = show(pages["plain"])
    count = page.page.evaluate("document.querySelectorAll('#slides > section').length")
    assert count == len(load_deck(BUNDLED).slides) == 9
    assert page.visible_slides() == ["1"]
    assert page.page.title().startswith("DeepSeek R1")


def test_right_arrow_reveals_the_next_step_then_changes_the_hash_and_the_slide(show, pages):
    page = show(pages["plain"])
    assert page.hash() == "#1"
    page.press("ArrowRight")
    assert page.hash() == "#2" and page.visible_slides() == ["2"]
    assert page.position() == {"slide": 2, "step": 1, "slides": 9, "steps": 2}
    before = page.shown_blocks()
    page.press("ArrowRight")  # slide 2 has a pause: its second step shows more
    assert page.hash() == "#2" and len(page.shown_blocks()) > len(before)
    page.press("ArrowRight")
    assert page.hash() == "#3" and page.visible_slides() == ["3"]
    assert "3/9" in page.page.inner_text("#status")


def test_keys_move_as_they_do_in_the_terminal(show, pages):
    page = show(pages["plain"])

    def at(*keys):
        page.press(*keys)
        position = page.position()
        return position["slide"], position["step"]

    assert at("End") == (9, 1)
    assert at("Home") == (1, 1)
    assert at("Space") == (2, 1)
    assert at("PageDown") == (2, 2)
    assert at("PageUp") == (2, 1)
    assert at("ArrowLeft") == (1, 1)
    assert at("ArrowLeft") == (1, 1)  # nothing before the first slide
    assert at("l", "l", "l") == (3, 1)
    assert at("h") == (2, 2)  # back to an earlier slide: it comes back whole
    assert at("Backspace") == (2, 1)
    assert at("Shift+Space") == (1, 1)
    assert at("G") == (9, 1)
    assert at("ArrowRight") == (9, 2)
    assert at("ArrowRight") == (9, 2)  # nothing after the last step of the last slide
    assert at("g") == (1, 1)
    assert at("Enter") == (2, 1)
    assert page.hash() == "#2"


def test_the_hash_names_the_slide_a_link_opens_on(show, pages):
    page = show(pages["plain"], fragment="#5")
    assert page.visible_slides() == ["5"] and page.position()["slide"] == 5
    page.page.evaluate("location.hash = '#7'")
    page.page.wait_for_function("() => window.briefing.position().slide === 7")
    assert page.visible_slides() == ["7"]
    page.page.reload()
    page.page.wait_for_function("() => window.briefing !== undefined")
    assert page.position()["slide"] == 7
    beyond = show(pages["plain"], fragment="#99")
    assert beyond.position()["slide"] == 9
    junk = show(pages["plain"], fragment="#x")
    assert junk.position()["slide"] == 1
    page.page.evaluate("window.briefing.go(4, 2)")  # the live-position seam
    assert page.position() == {"slide": 4, "step": 2, "slides": 9, "steps": 2}
    assert page.hash() == "#4"


def _tag(block: Block) -> str:
    if isinstance(block, Heading):
        return f"h{block.level}"
    if isinstance(block, ListBlock):
        return "ol" if block.ordered else "ul"
    tags = {Table: "div", CodeBlock: "pre", Chart: "figure", Quote: "blockquote", Rule: "hr", ImageBlock: "figure"}
    return tags.get(type(block), "p")


def _tags(blocks: tuple[Block, ...]) -> list[str]:
    """The top-level elements a slide's blocks make: columns are one `div` (core.columns)."""
    tags: list[str] = []
    for part in group_columns(blocks):
        tags += ["div"] if isinstance(part, ColumnGroup) else [_tag(block) for block in part]
    return tags


@pytest.mark.parametrize(
    "name, path",
    [
        ("steps", FIXTURES / "dialects" / "slidev" / "talk.md"),
        ("lists", FIXTURES / "dialects" / "deckset" / "talk.md"),
    ],
)
def test_each_step_shows_what_the_terminal_shows(show, pages, name, path):
    deck = load_deck(path)
    page = show(pages[name])
    walked = []
    for slide in deck.slides:
        for step in range(len(slide.steps)):
            assert page.position()["slide"] == slide.number and page.position()["step"] == step + 1
            assert page.shown_blocks() == _tags(slide.blocks_until(step)), (slide.number, step)
            walked.append((slide.number, step))
            page.press("ArrowRight")
    assert len(walked) == sum(len(slide.steps) for slide in deck.slides)
    for slide_number, step in reversed(walked):  # and back, step by step
        position = page.position()
        assert (position["slide"], position["step"]) == (slide_number, step + 1)
        page.press("ArrowLeft")


def test_s_shows_the_notes_only_when_they_were_exported(show, pages):
    page = show(pages["notes"])
    assert page.visible("#slides > .current .notes") == [False]
    page.press("s")
    assert page.visible("#slides > .current .notes") == [True]
    assert "Opening: this briefing summarises" in page.page.inner_text("#slides > .current")
    page.press("ArrowRight")
    assert page.visible("#slides > .current .notes") == [True]  # notes stay on, slide to slide
    page.press("s")
    assert page.visible("#slides > .current .notes") == [False]
    plain = show(pages["plain"])
    assert plain.visible(".notes") == []
    text = plain.page.inner_text("body")
    plain.press("s")
    assert plain.page.inner_text("body") == text


def test_o_shows_every_slide_and_enter_jumps(show, pages):
    page = show(pages["plain"], fragment="#2")
    page.press("o")
    assert page.visible("#overview") == [True]
    assert page.page.evaluate("document.activeElement.getAttribute('href')") == "#2"
    page.press("ArrowDown", "ArrowDown", "Enter")
    assert page.visible("#overview") == [False]
    assert page.position()["slide"] == 4 and page.hash() == "#4"
    page.press("o", "Escape")
    assert page.visible("#overview") == [False] and page.position()["slide"] == 4
    page.press("o")
    page.page.click("#overview a[href='#8']")
    assert page.position()["slide"] == 8 and page.visible("#overview") == [False]


def _swipe(page, dx: int, dy: int) -> None:
    page.page.evaluate(
        """([dx, dy]) => {
          const target = document.querySelector('#slides > .current');
          const touch = (x, y) => new Touch({identifier: 1, target, clientX: x, clientY: y});
          target.dispatchEvent(new TouchEvent('touchstart', {touches: [touch(200, 400)],
            changedTouches: [touch(200, 400)], bubbles: true}));
          target.dispatchEvent(new TouchEvent('touchend', {touches: [],
            changedTouches: [touch(200 + dx, 400 + dy)], bubbles: true}));
        }""",
        [dx, dy],
    )


def test_a_swipe_sideways_moves_like_the_arrows(show, pages):
    page = show(pages["plain"], size=PHONE, fragment="#3")
    _swipe(page, -150, 10)
    assert page.position()["slide"] == 4
    _swipe(page, 150, -5)
    assert page.position()["slide"] == 3
    _swipe(page, -20, 300)  # scrolling down is not a swipe
    assert page.position()["slide"] == 3


def test_the_status_buttons_move_too(show, pages):
    page = show(pages["plain"], fragment="#3")
    page.page.click("#status button[data-action=next]")
    assert page.position()["slide"] == 4
    page.page.click("#status button[data-action=previous]")
    page.press("ArrowRight")  # a clicked button keeps no focus that would take the key
    assert page.position() == {"slide": 4, "step": 1, "slides": 9, "steps": 2}


def test_a_hostile_deck_runs_nothing_and_breaks_no_layout(show, browser, tmp_path):
    deck = load_deck(write_hostile_deck(tmp_path / "deck"))
    target = tmp_path / "hostile.html"
    target.write_text(export_html(deck, notes=True), encoding="utf-8")
    for size in (DESKTOP, PHONE):
        page = show(target, size=size)
        assert page.page.evaluate("document.querySelectorAll('#slides > section').length") == len(deck.slides)
        for number in range(1, len(deck.slides) + 1):
            assert page.visible_slides() == [str(number)]
            overflow = page.overflow()
            assert overflow["document"] <= 0 and overflow["slide"] <= 0, (number, overflow)
            page.press("s")
            page.press("s")
            page.press("ArrowRight")
        page.press("o", "Escape", "Home", "ArrowRight")
        page.page.click("text=slide three")  # a link within the deck: followed on hashchange, a task later
        page.page.wait_for_function("() => window.briefing.position().slide === 3")
        assert page.pwned() == [None, None]
        assert page.page.evaluate("document.scripts.length") == 1
        assert page.page.evaluate("document.querySelectorAll('img, iframe, object, form, base, link').length") == 0
        name = "desktop" if size == DESKTOP else "phone"
        page.page.screenshot(path=str(artifact(f"hostile-{name}.png")))
    dom = show(target).page.content()  # the DOM after the page's scripts ran, freshly loaded
    assert '<html class="js">' in dom  # the page's own script ran...
    assert "data-pwned" not in dom  # ...and nothing else did


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots_of_every_slide_fit_the_window(show, pages, size):
    """Saved under test-artifacts/html/ to look at; no slide may run wider than the window."""
    name = "desktop" if size == DESKTOP else "phone"
    page = show(pages["notes"], size=size)
    for number in range(1, 10):
        page.page.evaluate(f"window.briefing.go({number}, 99)")  # each slide whole
        # the bundled deck fits even a phone: nothing on it needs scrolling sideways
        assert page.overflow() == {"document": 0, "slide": 0, "scrolled": 0}, number
        bars = page.page.evaluate(
            "Array.from(document.querySelectorAll('#slides > .current svg')).map(s => s.getBoundingClientRect().width)"
        )
        assert all(width >= 60 for width in bars), (number, bars)  # every chart has room for its bars
        page.page.screenshot(path=str(artifact(f"bundled-{name}-{number}.png")))
    page.press("s")
    page.page.screenshot(path=str(artifact(f"bundled-{name}-notes.png")))
    page.press("o")
    page.page.screenshot(path=str(artifact(f"bundled-{name}-overview.png")))
    status = page.page.evaluate("document.getElementById('status').getBoundingClientRect().bottom")
    assert status == size[1]  # the status line sits on the window's bottom edge


def test_dark_and_light_follow_the_reader_when_the_deck_names_no_theme(show, pages):
    dark = show(pages["plain"], color_scheme="dark")
    light = show(pages["plain"], color_scheme="light")
    background = "getComputedStyle(document.documentElement).backgroundColor"
    assert dark.page.evaluate(background) == "rgb(18, 18, 18)"  # textual-dark
    assert light.page.evaluate(background) == "rgb(224, 224, 224)"  # textual-light
    dark.page.screenshot(path=str(artifact("bundled-dark.png")))
