"""Property tests: whatever the text, the loader gives a deck or a DeckError, and the deck is sane."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.errors import DeckError
from briefing.core.loader import load_deck, load_text
from briefing.core.sanitize import clean_text, is_clean

# Lines that exercise the loader's decisions: separators, fences, comments, headings, YAML.
PIECES = st.sampled_from(
    ["---", "***", "...", "```", "~~~", "```chart", "<!-- pause -->", "<!-- end_slide -->",
     "<!--", "-->", "<!-- note -->", "<!-- fg=red -->", "???", ". . .", "# Title", "## Sub",
     "Setext", "===", "- item", "  - nested", "1. one", "> quote", "| a | b |", "|---|---|",
     "title: x", "layout: center", "A: -13%", "text with **bold** and [link](http://x)", "",
     "\x1b[31mred", "[@click=app.quit]", "\t", "\u202e", "中文"]
)
DECK_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=40).map("\n".join)


def check_deck(deck) -> None:
    assert [slide.number for slide in deck.slides] == list(range(1, len(deck.slides) + 1))
    for slide in deck.slides:
        assert 1 <= slide.span.start <= slide.span.end
        assert slide.steps
        for text in (slide.title, slide.body, slide.notes_text):
            assert is_clean(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(DECK_TEXT)
def test_loader_on_any_text(text):
    try:
        deck = load_text(clean_text(text), Path("fuzz.md"))
    except DeckError as error:
        assert str(error).startswith("fuzz.md:")
        return
    check_deck(deck)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_loader_on_any_bytes(tmp_path, data):
    path = tmp_path / "bytes.md"
    path.write_bytes(data)
    try:
        deck = load_deck(path)
    except DeckError as error:
        assert str(error).startswith(f"{path}:")
        return
    check_deck(deck)
