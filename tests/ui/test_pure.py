"""The presenter's pure parts: navigation rules, the timer, search, the deck cache."""

from __future__ import annotations

from briefing.core.loader import load_deck, load_text
from briefing.deck_cache import load_deck_cached
from briefing.search import SearchIndex
from briefing.ui import navigation
from briefing.ui.navigation import Position
from briefing.ui.timer import TalkTimer, behind_pace, format_seconds
from tests.conftest import BUNDLED, CONVENTIONS, DECKS, FIXTURES

DECK = load_deck(DECKS / "show.md")  # steps per slide: 1, 3, 1, 1, 1, 1


def test_forward_and_backward_walk_every_step():
    position, seen = navigation.first(DECK), []
    while True:
        seen.append(position)
        following = navigation.forward(DECK, position)
        if following == position:
            break
        position = following
    assert seen == [(0, 0), (1, 0), (1, 1), (1, 2), (2, 0), (3, 0), (4, 0), (5, 0)]
    back = [position]
    while (position := navigation.backward(DECK, position)) != back[-1]:
        back.append(position)
    assert back == [(5, 0), (4, 0), (3, 0), (2, 0), (1, 2), (1, 1), (1, 0), (0, 0)]


def test_jumps_forward_start_a_slide_and_back_show_it_whole():
    assert navigation.jump(DECK, Position(0, 0), 1) == Position(1, 0)
    assert navigation.jump(DECK, Position(3, 0), 1) == Position(1, 2)
    assert navigation.jump(DECK, Position(1, 1), 1) == Position(1, 1)
    assert navigation.jump(DECK, Position(0, 0), 99) == Position(5, 0)


def test_follow_after_reload():
    moved = load_text("# Intro\n\n---\n\n" + (DECKS / "show.md").read_text().split("---\n", 2)[2])
    assert navigation.follow(DECK, moved, Position(2, 0)).slide == 3  # "Table" moved down one
    shorter = load_text("# Only\n")
    assert navigation.follow(DECK, shorter, Position(4, 0)) == Position(0, 0)


def test_timer_and_pace():
    now = [0.0]
    timer = TalkTimer(lambda: now[0])
    now[0] = 65
    timer.toggle()
    now[0] = 1000
    assert timer.elapsed == 65 and format_seconds(timer.elapsed) == "1:05"
    assert format_seconds(3725) == "1:02:05" and format_seconds(-30) == "-0:30"
    assert not behind_pace(elapsed=100, duration=600, slide_index=0, slide_count=6)
    assert behind_pace(elapsed=101, duration=600, slide_index=0, slide_count=6)
    assert not behind_pace(elapsed=590, duration=600, slide_index=5, slide_count=6)


def test_search_covers_titles_text_tables_charts_and_notes():
    index = SearchIndex(load_deck(FIXTURES / "elements.md"))
    assert [(m.slide, m.where) for m in index.find("BULLET THREE")] == [(1, "slide")]
    assert [(m.slide, m.where) for m in index.find("longer cell")] == [(2, "slide")]
    assert [(m.slide, m.where) for m in index.find("Nasdaq")] == [(3, "slide")]
    assert [(m.slide, m.where) for m in index.find("first point")] == [(0, "notes")]
    assert index.find("   ") == [] and index.find("absent words") == []


def test_cache_gives_the_same_deck_and_notices_edits(tmp_path):
    for path in (BUNDLED, FIXTURES / "elements.md", *CONVENTIONS.glob("*.md")):
        parsed = load_deck(path)
        assert load_deck_cached(path) == parsed  # miss: parses and stores
        assert load_deck_cached(path) == parsed  # hit: decoded from the cache
    deck = tmp_path / "deck.md"
    deck.write_text("# One\n")
    assert load_deck_cached(deck).slides[0].title == "One"
    deck.write_text("# Two\n")
    assert load_deck_cached(deck).slides[0].title == "Two"


def test_a_damaged_cache_is_ignored(tmp_path, monkeypatch):
    from briefing import deck_cache

    deck = tmp_path / "deck.md"
    deck.write_text("# One\n")
    load_deck_cached(deck)
    [entry] = deck_cache.cache_dir().glob("*.json")
    entry.write_text('{"digest": "x", "deck": [1, 2')
    assert load_deck_cached(deck).slides[0].title == "One"
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    entry.unlink()
    load_deck_cached(deck)
    assert not entry.exists()


def test_the_cache_is_read_only_while_every_byte_is_the_same_and_only_for_its_own_deck(tmp_path, monkeypatch):
    import json
    import os

    from briefing import deck_cache

    parses = []
    parse = deck_cache._parse
    monkeypatch.setattr(deck_cache, "_parse", lambda *args: parses.append(1) or parse(*args))
    deck = tmp_path / "deck.md"
    deck.write_text("# One\n")
    assert [load_deck_cached(deck).slides[0].title for _ in range(2)] == ["One", "One"]
    assert len(parses) == 1  # the second came from the cache
    stat = deck.stat()
    deck.write_text("# Two\n")  # the same size, and the same time stamps below
    os.utime(deck, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_deck_cached(deck).slides[0].title == "Two" and len(parses) == 2
    [entry] = deck_cache.cache_dir().glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**data, "key": "another deck\0auto"}), encoding="utf-8")  # names can clash
    assert load_deck_cached(deck).slides[0].title == "Two" and len(parses) == 3
