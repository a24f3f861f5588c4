"""Search (`/`): a jump lands with the match on screen; arrows move through the results."""

from __future__ import annotations

from briefing.core.loader import load_deck
from briefing.search import SearchIndex
from briefing.ui import navigation
from briefing.ui.navigation import Position
from briefing.ui.screens.search import SearchScreen
from tests.conftest import BUNDLED, DECKS
from tests.ui.helpers import make_app, type_search, view_text

SHOW = DECKS / "show.md"  # Opening, Reveal (3 steps, notes: aubergine), Table, Chart, Tall, Closing


def test_a_match_knows_the_step_that_shows_it():
    index = SearchIndex(load_deck(SHOW))
    assert [(m.slide, m.where, m.step) for m in index.find("third point")] == [(1, "slide", 2)]
    assert [(m.slide, m.step) for m in index.find("first point")] == [(1, 0)]
    assert [(m.slide, m.where, m.step) for m in index.find("aubergine")] == [(1, "notes", 0)]
    assert [(m.slide, m.step) for m in index.find("reveal")] == [(1, 0)]  # the title
    assert [m.where for m in index.find("aubergine", notes=False)] == []


def test_jumping_to_a_step_reveals_at_least_that_far():
    deck = load_deck(SHOW)
    here = Position(0, 0)
    assert navigation.jump_showing(deck, here, 1, 2) == Position(1, 2)
    assert navigation.jump_showing(deck, here, 1, 0) == Position(1, 0)
    # coming back shows a slide whole, as any jump back does
    assert navigation.jump_showing(deck, Position(3, 0), 1, 0) == Position(1, 2)
    # on the same slide, a match already on screen hides nothing
    assert navigation.jump_showing(deck, Position(1, 2), 1, 1) == Position(1, 2)
    assert navigation.jump_showing(deck, Position(1, 0), 1, 1) == Position(1, 1)


async def search(pilot, words: str) -> None:
    await type_search(pilot, words)


async def test_a_search_jump_reveals_the_step_that_shows_the_match():
    app = make_app(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "Stargate")
        first = app.screen.matches[0]
        assert (first.slide, first.where) == (1, "slide")
        await pilot.press("enter")
        await pilot.pause()
        assert app.position == Position(1, 1)
        assert "Stargate" in view_text(app)


async def test_a_note_match_lands_on_the_slide_as_any_jump_does():
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "aubergine")
        await pilot.press("enter")
        await pilot.pause()
        assert app.position == Position(1, 0)


async def test_the_first_down_selects_the_second_result():
    app = make_app(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "Bloomberg")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        first, second = screen.matches[:2]
        assert first.slide != second.slide
        await pilot.press("down")
        results = screen.query_one("#search-results")
        assert results.has_focus and results.highlighted == 1
        await pilot.press("up")
        assert results.highlighted == 0
        await pilot.press("up")  # above the first result: back to typing
        assert screen.query_one("#search-input").has_focus
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.position.slide == second.slide


async def test_enter_while_typing_takes_the_first_result():
    app = make_app(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "Bloomberg")
        first = app.screen.matches[0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.position.slide == first.slide
