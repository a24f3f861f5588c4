"""Ctrl+P's slide commands: matched and highlighted by Textual's fuzzy matcher, titles as plain text."""

from __future__ import annotations

from textual.command import CommandList
from textual.content import Content
from textual.fuzzy import Matcher
from textual.style import Style

from briefing.ui.commands import highlight
from tests.ui.helpers import make_app

MARKUP_TITLE = "[b]Costs[/b] and [@click=app.quit]quit[/]"


def test_the_highlight_is_textuals_and_the_title_stays_plain_text():
    label = f"Go to 2. {MARKUP_TITLE}"
    matcher = Matcher("cost quit", match_style=Style(bold=True, reverse=True))
    shown = highlight(matcher, label)
    assert shown.plain == label  # never parsed as markup
    # Textual's own highlight of the same letters, on a title that has no markup to parse
    same_letters = label.replace("[", "(")
    assert shown.spans == matcher.highlight(same_letters).spans
    assert shown.spans  # something is highlighted


async def test_the_palette_shows_a_title_with_markup_as_written(tmp_path):
    deck = tmp_path / "deck.md"
    deck.write_text(f"# Opening\n\n---\n\n# {MARKUP_TITLE}\n\nText.\n")
    app = make_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"costs")
        await app.workers.wait_for_complete()
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        prompts = [commands.get_option_at_index(i).prompt for i in range(commands.option_count)]
        plain = [prompt.plain if isinstance(prompt, Content) else str(prompt) for prompt in prompts]
        assert f"Go to 2. {MARKUP_TITLE}" in plain
        assert app.is_running  # and nothing ran
