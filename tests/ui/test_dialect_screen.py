"""Other tools' decks in the running show: a speaker note written for any tool is never on the
audience's screen, at any step of any slide, and the speaker view shows it; another tool's
theme name is no warning; `--dialect` holds across reloads."""

from __future__ import annotations

import pytest

from tests.ui.helpers import make_app, view_text

SECRET = "AUBERGINE"
# One deck per tool: two slides, a note in the tool's own syntax on the first, steps on both.
DECKS = {
    "briefing": "# One\n\nShown\n\n<!-- pause -->\n\nMore\n\n<!--\nAUBERGINE\n-->\n\n---\n\n# Two\n",
    "presenterm": (
        "# One\n\nShown\n\n<!-- pause -->\n\n???\n\n<!-- speaker_note: AUBERGINE -->\n\n<!-- end_slide -->\n\n# Two\n"
    ),
    "marp": "---\nmarp: true\n---\n\n# One\n\n* Shown\n* More\n\n<!-- AUBERGINE said -->\n\n---\n\n# Two\n",
    "slidev": (
        "---\ntransition: fade\n---\n\n# One\n\n<v-click>\n\nShown\n\n</v-click>\n\n"
        "<!--\nAUBERGINE\n-->\n\n---\n\n# Two\n"
    ),
    "remark": "# One\nShown\n--\nMore\n???\nAUBERGINE\n---\n# Two\n",
    "reveal": '# One\n\nShown\n<!-- .element: class="fragment" -->\n\nNote: AUBERGINE\nand more\n\n---\n\n# Two\n',
    "deckset": "build-lists: true\n\n# One\n\n- Shown\n- More\n\n^ AUBERGINE\n\n---\n\n# Two\n",
    "pandoc": "% Talk\n\n## One\n\n> - Shown\n> - More\n\n::: notes\nAUBERGINE\n:::\n\n## Two\n\ntext\n",
    "patat": (
        "---\npatat:\n  incrementalLists: true\n---\n\n# One\n\n- Shown\n- More\n\n"
        "<!-- AUBERGINE -->\n\n# Two\n\ntext\n"
    ),
    "lookatme": (
        "---\nstyles: {}\n---\n\n# One\n\nShown\n\n<!-- stop -->\n\nMore\n\n<!-- AUBERGINE -->\n\n# Two\n\ntext\n"
    ),
    "mdp": '%title: Talk\n\n# One\n\nShown\n<br>\nMore\n\n<div class="notes">AUBERGINE</div>\n\n---\n\n# Two\n',
}


@pytest.mark.parametrize("dialect", sorted(DECKS))
async def test_a_note_is_never_on_the_audience_screen(tmp_path, dialect):
    path = tmp_path / "talk.md"
    path.write_text(DECKS[dialect], encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.deck.dialect == dialect
        assert len(app.deck.slides[0].steps) > 1
        steps = sum(len(slide.steps) for slide in app.deck.slides)
        for _ in range(steps):
            assert SECRET not in view_text(app)
            await pilot.press("right")  # the view draws the new step while it handles the key
        await pilot.press("home", "s")
        await pilot.pause()
        assert SECRET in view_text(app, "#notes-view")
        assert SECRET not in view_text(app) and SECRET not in view_text(app, "#next-view")


async def test_another_tools_theme_name_is_not_a_warning_on_screen(tmp_path):
    path = tmp_path / "talk.md"
    path.write_text("---\ntheme: seriph\ntransition: fade\n---\n\n# One\n", encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.deck.dialect == "slidev"
        assert not any("theme" in str(notification.message) for notification in app._notifications)


async def test_the_dialect_option_holds_across_a_reload(tmp_path):
    path = tmp_path / "talk.md"
    path.write_text("# One\n\nWho?\n\n???\n\nAnswer\n", encoding="utf-8")
    app = make_app(path, dialect="presenterm")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "???" in view_text(app)
        path.write_text("# One\n\nWho now?\n\n???\n\nAnswer\n", encoding="utf-8")
        app.action_reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Who now?" in view_text(app) and "???" in view_text(app)
        assert app.deck.dialect == "presenterm"
