"""Fuzzing: whatever a deck holds, the only failure anywhere is the project's own DeckError.

Examples per property come from the Hypothesis profile (tests/conftest.py): 1,000 by
default for the loader, SLOW_EXAMPLES for the ones that load and then export or check (the
loader is fuzzed again in each), APP_EXAMPLES for the one that drives the app; 10,000 for
all with HYPOTHESIS_PROFILE=long.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.check import CheckOptions, check_deck
from briefing.core.errors import DeckError
from briefing.core.loader import load_deck, load_text
from briefing.core.sanitize import clean_text, is_clean
from briefing.export.json import export_json
from briefing.export.text import export_text
from tests.conftest import APP_EXAMPLES, DECKS, SLOW_EXAMPLES
from tests.hardening.harness import RunningApp

# Lines that steer the loader's decisions, hostile characters, and free text.
PIECES = st.sampled_from(
    [
        "---",
        "***",
        "...",
        "```",
        "~~~",
        "```chart",
        "```python",
        "<!-- pause -->",
        "<!-- end_slide -->",
        "<!--",
        "-->",
        "<!-- note -->",
        "<!-- fg=red -->",
        "<!-- speaker_note: n -->",
        "???",
        ". . .",
        "# Title",
        "## Sub",
        "Setext",
        "===",
        "- item",
        "  - nested",
        "1. one",
        "> quote",
        "| a | b |",
        "|---|---:|",
        "title: x",
        "layout: center",
        "duration: 5m",
        "A: -13%",
        "B: $4 billion",
        "unit: %",
        "text **bold** _em_ `code` [link](http://x) ![img](y.png) <b>raw</b>",
        "",
        "\x1b[31mred",
        "\x1b]0;title\x07",
        "\x9b2J",
        "[@click=app.quit]",
        "[b]x[/]",
        "\t",
        "\u202e",
        "\u200d",
        "中文👩‍👩‍👧",
        "\r",
        "\r\n",
        "\x00",
        "\\",
        "*",
        "_",
        "`",
    ]
)
DECK_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=40).map("\n".join)


def deck_or_none(text: str):
    try:
        return load_text(clean_text(text), Path("fuzz.md"))
    except DeckError as error:
        assert str(error).startswith("fuzz.md:") and is_clean(str(error))
        return None


def control_free(text: str) -> bool:
    return all(char == "\n" or (32 <= ord(char) < 127) or ord(char) > 159 for char in text)


@given(DECK_TEXT)
def test_loader_on_any_text(text):
    deck = deck_or_none(text)
    if deck is None:
        return
    assert [slide.number for slide in deck.slides] == list(range(1, len(deck.slides) + 1))
    for slide in deck.slides:
        assert 1 <= slide.span.start <= slide.span.end and slide.steps
        assert is_clean(slide.title) and is_clean(slide.body) and is_clean(slide.notes_text)


@given(st.binary(max_size=600))
def test_loader_on_any_bytes(tmp_path, data):
    path = tmp_path / "bytes.md"
    path.write_bytes(data)
    try:
        deck = load_deck(path)
    except DeckError as error:
        assert str(error).startswith(f"{path}:")
        return
    assert all(is_clean(slide.body) for slide in deck.slides)


@settings(max_examples=SLOW_EXAMPLES)
@given(DECK_TEXT, st.integers(20, 200), st.booleans(), st.booleans())
def test_text_export(text, width, notes, ascii_only):
    deck = deck_or_none(text)
    if deck is None:
        return
    output = export_text(deck, width=width, notes=notes, ascii_only=ascii_only)
    assert output.endswith("\n") and control_free(output)
    assert not ascii_only or output.isascii()
    assert output == export_text(deck, width=width, notes=notes, ascii_only=ascii_only)


@settings(max_examples=SLOW_EXAMPLES)
@given(DECK_TEXT)
def test_json_export(text):
    deck = deck_or_none(text)
    if deck is None:
        return
    output = export_json(deck, notes=True)
    data = json.loads(output)
    assert data["slide_count"] == len(deck.slides) and control_free(output)


@settings(max_examples=SLOW_EXAMPLES)
@given(DECK_TEXT, st.integers(1, 200), st.integers(1, 60))
def test_check(text, columns, rows):
    deck = deck_or_none(text)
    if deck is None:
        return
    for finding in check_deck(deck, CheckOptions(size=(columns, rows), source="13% and 2,000")):
        assert finding.line >= 1 and finding.severity in ("error", "warning")
        assert control_free(str(finding))


@pytest.fixture(scope="module")
def running_app():
    with RunningApp(DECKS / "show.md", size=(60, 20)) as running:
        yield running


@settings(max_examples=APP_EXAMPLES)
@given(DECK_TEXT, st.lists(st.sampled_from(["right", "left", "end", "s", "down", "home"]), max_size=6))
def test_the_app_shows_any_deck(running_app, text, keys):
    deck = deck_or_none(text)
    if deck is None:
        return

    async def show(app, pilot):
        app.use_deck(deck)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        return [view.text for view in app.present.query("PagedView")], app.is_running

    texts, running = running_app.call(show)
    assert running and running_app.app._exception is None
    assert all(is_clean(text) for text in texts)
