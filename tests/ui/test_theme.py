"""Titles stand out in every built-in theme and without colour, measured on what is drawn."""

from __future__ import annotations

import pytest
from rich.color import Color as RichColor
from rich.segment import Segment
from textual._ansi_theme import ALABASTER, MONOKAI
from textual.geometry import Region
from textual.theme import BUILTIN_THEMES

from tests.conftest import DECKS
from tests.ui.helpers import make_app

TITLE = "Opening"  # slide 1 of show.md
BODY = "Welcome to the show."


def luminance(colour: RichColor, dark: bool, foreground: bool) -> float:
    """WCAG 2 relative luminance; ANSI colours as Textual draws them when it must pick RGB."""
    red, green, blue = colour.get_truecolor(MONOKAI if dark else ALABASTER, foreground=foreground)

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(segment: Segment, dark: bool) -> float:
    style = segment.style
    assert style is not None and style.color is not None and style.bgcolor is not None
    text, background = luminance(style.color, dark, True), luminance(style.bgcolor, dark, False)
    lighter, darker = sorted((text, background), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def drawn(app, text: str) -> Segment:
    """The first segment holding `text`, as the terminal receives it (filters applied)."""
    view = app.present.query_one("#slide-view")
    for y in range(view.size.height):
        (strip,) = view.render_lines(Region(0, y, view.size.width, 1))
        for segment in strip:
            if text in segment.text:
                return segment
    raise AssertionError(f"{text!r} is not on screen")


async def test_titles_read_clearly_in_every_built_in_theme():
    app = make_app(DECKS / "show.md")
    async with app.run_test(size=(80, 24)) as pilot:
        ratios = {}
        for name, theme in sorted(BUILTIN_THEMES.items()):
            app.theme = name
            await pilot.pause()
            title, body = drawn(app, TITLE), drawn(app, BODY)
            assert title.style.bold and not body.style.bold, name
            ratios[name] = contrast(title, theme.dark)
        assert min(ratios.values()) >= 4.5, {n: round(r, 2) for n, r in ratios.items() if r < 4.5}


async def test_titles_stand_out_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(DECKS / "show.md")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        title, body = drawn(app, TITLE), drawn(app, BODY)
        assert title.style.bold and not body.style.bold
        assert not title.style.dim
        assert contrast(title, dark=True) >= 4.5
        assert contrast(title, dark=True) >= contrast(body, dark=True)  # never dimmer than the text


@pytest.mark.parametrize("name", ["textual-dark", "textual-light"])
async def test_the_palette_follows_a_theme_change(name):
    app = make_app(DECKS / "show.md")
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = name
        await pilot.pause()
        before = drawn(app, TITLE).style.color
        app.theme = "nord"
        await pilot.pause()
        assert drawn(app, TITLE).style.color != before


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_the_speaker_view_draws_in_ansi_themes(theme):
    """Rich cannot read Textual's ANSI colour names (`ansi_green`): the timer's pace colour
    once crashed the speaker view in these themes."""
    app = make_app(DECKS / "show.md")  # it sets a duration, so the pace is coloured
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await pilot.press("s")
        await pilot.pause()
        assert "on pace" in str(app.screen.query_one("#time-panel").render())
