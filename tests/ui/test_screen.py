"""The screen itself: the frame check measures with, small terminals, markup, themes."""

from __future__ import annotations

import random

import pytest
from textual.widgets import Static

from briefing.render.frame import content_size
from briefing.ui.navigation import Position
from tests.conftest import BUNDLED, DECKS
from tests.ui.helpers import make_app, view_text


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_the_slide_gets_exactly_the_frame_check_measures_with(size):
    app = make_app(DECKS / "show.md", start_slide=5)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = app.present.query_one("#slide-view")
        width, height = content_size(*size)
        assert view.column_width == width
        assert view.size.height - 2 * view.pad_rows == height
        assert max(len(line) for line in view_text(app).split("\n")) <= view.size.width


async def test_too_small_says_so_and_recovers():
    app = make_app(DECKS / "show.md")
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        message = app.present.query_one("#too-small", Static)
        assert message.display
        assert "terminal too small (need 40\u00d712)" in str(message.render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not message.display
        assert "Welcome to the show." in view_text(app)


async def test_a_storm_of_resizes_down_to_one_cell():
    app = make_app(BUNDLED)
    sizes = [(1, 1), (2, 1), (1, 2), (40, 12), (39, 12), (300, 5), (5, 300)]
    rng = random.Random(7)
    # Each size is a full relayout and redraw (about 50 ms of CPU at these sizes): the corners
    # above are the cases that matter, the random ones mix them with keys in between.
    sizes += [(rng.randint(1, 220), rng.randint(1, 70)) for _ in range(60)]
    async with app.run_test(size=(80, 24)) as pilot:
        for index, (width, height) in enumerate(sizes):
            await pilot.resize_terminal(width, height)
            if index % 3 == 0:
                await pilot.press(rng.choice(["right", "left", "s", "down"]))
            if index % 10 == 0:
                await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.is_running
        assert app.present.query_one("#slide-view").size.width > 0


async def test_deck_text_is_never_markup():
    app = make_app(DECKS / "markup.md")
    async with app.run_test(size=(100, 30)) as pilot:
        text = view_text(app)
        assert "[@click=app.quit]Click me[/] and [b]bold[/b]" in text
        assert "[link=https://evil.example]a link[/link] and [red]colour[/] and [escaped]" in text
        assert "[b]cell[/b]" in text and "[unbalanced" in text
        await pilot.click("#slide-view", offset=(8, 4))  # on the would-be link
        await pilot.press("s")
        await pilot.pause()
        notes = " ".join(view_text(app, "#notes-view").split())
        assert "Notes with [@click=app.quit] and [b]markup[/b]." in notes
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape", "slash", *"click", "enter")
        await pilot.pause()
        status = app.present.query_one("StatusBar")
        assert "[bold]Markup[/bold]" in status.render().plain
        assert app.is_running  # nothing ran app.quit


@pytest.mark.parametrize("theme", ["nord", "gruvbox", "textual-light"])
async def test_theme_option(theme):
    app = make_app(DECKS / "show.md", theme=theme)
    async with app.run_test(size=(80, 24)):
        assert app.theme == theme


async def test_front_matter_theme_and_unknown_theme(tmp_path):
    deck = tmp_path / "deck.md"
    deck.write_text("---\ntheme: dracula\n---\n# One\n")
    app = make_app(deck)
    async with app.run_test(size=(80, 24)):
        assert app.theme == "dracula"
    app = make_app(deck, theme="no-such-theme")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme != "no-such-theme"
        assert any("Unknown theme 'no-such-theme'" in str(n.message) for n in app._notifications)


async def test_no_color_is_honoured(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(DECKS / "show.md")
    async with app.run_test(size=(80, 24)):
        assert app.no_color


async def test_start_slide_and_status_line():
    app = make_app(DECKS / "show.md", start_slide=2)
    async with app.run_test(size=(80, 24)) as pilot:
        line = app.present.query_one("StatusBar").render().plain
        assert "A test show" in line and "2/6 \u00b71/3" in line and "0:00" in line and "09:30" in line
        assert app.position == Position(1, 0)
        await pilot.press("3")
        assert "go to 3" in app.present.query_one("StatusBar").render().plain
