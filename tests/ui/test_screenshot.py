"""The command palette's Screenshot: an SVG of what is on screen, in the current directory."""

from __future__ import annotations

import html
from pathlib import Path

from textual.command import CommandList, CommandPalette

from tests.conftest import DECKS
from tests.ui.helpers import deliver_in_one_read, make_app, until

SHOW = DECKS / "show.md"  # slide 2, Reveal, has the note "Only the speaker sees the word aubergine."


async def run_palette_command(pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    deliver_in_one_read(pilot.app, *query)  # typed fast; letters are handled in order
    hits = pilot.app.screen.query_one(CommandList)  # filled in by a worker: wait for the hit
    await until(
        lambda: hits.option_count > 0 and query in str(hits.get_option_at_index(0).prompt),
        lambda: f"no {query!r} first among {hits.option_count} hits",
    )
    await pilot.press("enter")
    await pilot.pause()
    if isinstance(pilot.app.screen, CommandPalette):
        await pilot.press("enter")  # the first press only highlighted the first match


async def saved_files(pilot, folder: Path) -> list[Path]:
    """The SVG files in `folder`, once the app has handled everything the command set off."""
    for _ in range(50):
        await pilot.pause()
        found = sorted(folder.glob("*.svg"))
        if found:
            return found
    return []


def svg_text(path: Path) -> str:
    return html.unescape(path.read_text(encoding="utf-8")).replace("\xa0", " ")


async def test_screenshot_saves_the_slide_here_and_says_where(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(SHOW, start_slide=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")  # the second step: what the audience sees now
        await run_palette_command(pilot, "Screenshot")
        [saved] = await saved_files(pilot, tmp_path)
        assert saved == tmp_path / "briefing-slide-2.svg"
        text = svg_text(saved)
        assert text.lstrip().startswith("<svg")
        assert "Reveal" in text and "First point." in text and "Second point." in text
        assert "Third point." not in text  # not revealed yet: not on screen
        assert "aubergine" not in text  # the audience view never shows notes
        assert "Search for commands" not in text  # the palette is gone before the picture
        messages = [str(n.message) for n in app._notifications]
        assert any(str(saved) in message for message in messages), messages
        assert not any(n.severity == "error" for n in app._notifications)


async def test_screenshot_never_overwrites_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefing-slide-1.svg").write_text("precious")
    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_palette_command(pilot, "Screenshot")
        for _ in range(50):
            await pilot.pause()
            if (tmp_path / "briefing-slide-1-2.svg").exists():
                break
        assert (tmp_path / "briefing-slide-1.svg").read_text() == "precious"
        assert "Opening" in svg_text(tmp_path / "briefing-slide-1-2.svg")


async def test_a_screenshot_that_cannot_be_saved_says_why(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.chdir(tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    app = make_app(SHOW)
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(tempfile, "mkstemp", refuse)  # a read-only directory, even for root
        await run_palette_command(pilot, "Screenshot")
        for _ in range(50):
            await pilot.pause()
            errors = [str(n.message) for n in app._notifications if n.severity == "error"]
            if errors:
                break
        assert errors == [f"Screenshot not saved: {tmp_path / 'briefing-slide-1.svg'}: Permission denied"]
        assert list(tmp_path.iterdir()) == []
