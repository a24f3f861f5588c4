"""The in-app editor (`e`) and the external editor (`E`)."""

from __future__ import annotations

import contextlib
import shutil
import sys

import pytest
from textual.widgets import TextArea

from briefing.ui.navigation import Position
from briefing.ui.screens.editor import ChoiceScreen, EditorScreen
from tests.conftest import DECKS
from tests.ui.helpers import make_app, until, view_text


def copy_show(tmp_path):
    path = tmp_path / "show.md"
    shutil.copy(DECKS / "show.md", path)
    return path


async def open_editor(app, pilot, slide_key: str = "2"):
    await pilot.press(slide_key, "enter", "e")
    await pilot.pause()
    assert isinstance(app.screen, EditorScreen)
    return app.screen


def choose(app, answer: str) -> None:
    assert isinstance(app.screen, ChoiceScreen)
    app.screen.dismiss(answer)


async def test_editor_opens_the_exact_lines_and_previews_as_you_type(tmp_path):
    path = copy_show(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        text = editor.query_one(TextArea).text
        lines = path.read_text().split("\n")
        span = app.slide.span
        assert text == "\n".join(lines[span.start - 1 : span.end])
        assert "Only the speaker sees the word aubergine." in text  # notes included
        editor.query_one(TextArea).insert("Brand new line.\n\n", location=(2, 0))
        # the preview follows a moment after the last key: wait for it, not for a while
        await until(lambda: "Brand new line." in editor.query_one("#editor-preview").text, lambda: "no preview")
        preview = editor.query_one("#editor-preview").text
        assert "Brand new line." in preview and "aubergine" in preview


async def test_ctrl_s_saves_only_the_slide_and_the_show_follows(tmp_path):
    path = copy_show(tmp_path)
    before = path.read_text()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        area = editor.query_one(TextArea)
        area.replace("Reveal, edited", (0, 2), (0, 8))
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        after = path.read_text()
        assert after == before.replace("# Reveal", "# Reveal, edited")
        assert not editor.dirty
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen)
        assert app.position.slide == 1 and app.slide.title == "Reveal, edited"
        assert "Reveal, edited" in view_text(app)


async def test_a_file_changed_on_disk_is_not_overwritten_without_asking(tmp_path):
    path = copy_show(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        editor.query_one(TextArea).insert("Mine.\n", location=(1, 0))
        path.write_text(path.read_text().replace("Thank you.", "Thanks, from elsewhere."))
        await pilot.press("ctrl+s")
        await pilot.pause()
        choose(app, "cancel")  # keep editing: nothing written, buffer kept
        await pilot.pause()
        assert "Thanks, from elsewhere." in path.read_text() and "Mine." not in path.read_text()
        assert "Mine." in editor.query_one(TextArea).text and editor.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        choose(app, "overwrite")
        await pilot.pause()
        assert "Mine." in path.read_text() and "Thanks, from elsewhere." not in path.read_text()


async def test_reload_from_disk_drops_the_edits(tmp_path):
    path = copy_show(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        editor.query_one(TextArea).insert("Mine.\n", location=(1, 0))
        path.write_text(path.read_text().replace("First point.", "First point, theirs."))
        await pilot.press("ctrl+s")
        await pilot.pause()
        choose(app, "reload")
        await pilot.pause()
        assert "First point, theirs." in editor.query_one(TextArea).text
        assert "Mine." not in editor.query_one(TextArea).text and not editor.dirty


async def test_escape_asks_before_dropping_unsaved_changes(tmp_path):
    path = copy_show(tmp_path)
    before = path.read_text()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        editor.query_one(TextArea).insert("Unsaved.\n", location=(1, 0))
        await pilot.press("escape")
        await pilot.pause()
        choose(app, "cancel")
        await pilot.pause()
        assert app.screen is editor and "Unsaved." in editor.query_one(TextArea).text
        await pilot.press("escape")
        await pilot.pause()
        choose(app, "discard")
        await pilot.pause()
        assert app.screen is app.present and path.read_text() == before
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("Saved on the way out.\n", location=(1, 0))
        await pilot.press("escape")
        await pilot.pause()
        choose(app, "save")
        await pilot.pause()
        assert app.screen is app.present and "Saved on the way out." in path.read_text()


async def test_a_failed_save_says_why_and_keeps_the_buffer(tmp_path):
    path = copy_show(tmp_path)
    before = path.read_text()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        editor.query_one(TextArea).insert("Precious words.\n", location=(1, 0))
        path.chmod(0o444)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Not saved" in str(n.message) and "read-only" in str(n.message) for n in app._notifications)
        assert app.screen is editor and editor.dirty
        assert "Precious words." in editor.query_one(TextArea).text
        assert path.read_text() == before


async def test_external_editor_opens_at_the_slide_line_and_the_show_reloads(tmp_path, monkeypatch):
    path = copy_show(tmp_path)
    record = tmp_path / "args"
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        f"pathlib.Path({str(record)!r}).write_text(' '.join(sys.argv[1:]))\n"
        "p = pathlib.Path(sys.argv[2]); p.write_text(p.read_text().replace('Third point.', 'Third, from vi.'))\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(script))
    app = make_app(path)
    monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "enter")
        start = app.slide.span.start
        await pilot.press("E")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert record.read_text() == f"+{start} {path}"
        assert app.position.slide == 1
        await pilot.press("right", "right")
        assert "Third, from vi." in view_text(app)


async def test_missing_external_editor_is_a_message_and_never_suspends_the_show(tmp_path, monkeypatch):
    monkeypatch.setenv("VISUAL", "no-such-editor-anywhere --wait")
    app = make_app(copy_show(tmp_path))
    suspended = []
    monkeypatch.setattr(type(app), "suspend", lambda self: suspended.append(1) or contextlib.nullcontext())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert any("editor not found: no-such-editor-anywhere" in str(n.message) for n in app._notifications)
        assert suspended == []  # checked before the terminal is handed over
        assert app.position == Position(0, 0)


@pytest.mark.parametrize(
    "script, said",
    [("#!/bin/sh\nexit 4\n", "exited with status 4"), ("#!/nonexistent/interpreter\n", "could not start")],
)
async def test_an_external_editor_that_fails_gives_the_show_back_and_says_so(tmp_path, monkeypatch, script, said):
    editor = tmp_path / "editor"
    editor.write_text(script)
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    app = make_app(copy_show(tmp_path))
    handed_back = []

    @contextlib.contextmanager
    def suspend(self):
        yield
        handed_back.append(True)  # only if nothing was raised inside: as Textual's own suspend

    monkeypatch.setattr(type(app), "suspend", suspend)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert handed_back == [True]
        assert any(said in str(n.message) for n in app._notifications)
        await pilot.press("right")
        assert app.position == Position(1, 0)


async def test_quitting_with_unsaved_edits_asks_first(tmp_path):
    path = copy_show(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        editor.query_one(TextArea).insert("Keep me.\n", location=(1, 0))
        await pilot.press("ctrl+c")
        await pilot.pause()
        choose(app, "cancel")
        await pilot.pause()
        assert app.is_running and app.screen is editor
        await pilot.press("ctrl+c")
        await pilot.pause()
        choose(app, "save")
        await pilot.pause()
    assert "Keep me." in path.read_text()
    assert app.return_code == 0


async def test_an_empty_slide_is_not_opened_in_place(tmp_path):
    path = tmp_path / "deck.md"
    path.write_text("---\ntitle: T\n---\n# One\n\n---\n\n---\n\n# Three\n")
    app = make_app(path, start_slide=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen)
        assert any("This slide is empty" in str(n.message) for n in app._notifications)


async def test_a_reflexive_enter_in_any_question_keeps_the_edits(tmp_path):
    """The conflict, close and quit questions have "Keep editing" as their default: Enter
    there changes nothing; losing edits takes a deliberate choice."""
    path = copy_show(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        editor.query_one(TextArea).insert("Mine.\n", location=(1, 0))
        theirs = path.read_text().replace("Thank you.", "Thanks, from elsewhere.")
        path.write_text(theirs)
        for opener in ("ctrl+s", "escape", "ctrl+c"):  # conflict, close, quit
            await pilot.press(opener)
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen), opener
            assert app.screen.focused.id == "cancel", opener
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and app.screen is editor, opener
            assert "Mine." in editor.query_one(TextArea).text and editor.dirty
            assert path.read_text() == theirs
        await pilot.press("ctrl+s")  # reloading still takes a deliberate choice: Tab to it
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert "Mine." not in editor.query_one(TextArea).text and not editor.dirty
