"""Faults while presenting: the show keeps its last good deck, says what is wrong, and
recovers by itself once the file is fixed (the watcher sees the fix; no key is pressed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DECKS, deny_reading
from tests.ui.helpers import make_app, view_text


async def until(pilot, condition, timeout: float = 10.0) -> bool:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def errors(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


def break_by_deleting(path: Path, monkeypatch) -> str:
    path.unlink()
    return "no such file or directory"


def break_with_a_directory(path: Path, monkeypatch) -> str:
    path.unlink()
    path.mkdir()
    (path / "notes.txt").write_text("not markdown")
    return "no Markdown (.md) files in this directory"


def break_by_truncating(path: Path, monkeypatch) -> str:
    path.write_text("---\ntitle: half\nduration: [")  # an editor's save, cut short
    return "front matter is not"


def break_permissions(path: Path, monkeypatch) -> str:
    deny_reading(monkeypatch, path)
    path.touch()  # what chmod does to the watcher: an attribute change
    return "cannot read: Permission denied"


def break_yaml(path: Path, monkeypatch) -> str:
    path.write_text(path.read_text().replace("title: A test show", "title: : :"))
    return "front matter is not valid YAML"


def repair(path: Path, good: str, monkeypatch) -> None:
    monkeypatch.undo()
    if path.is_dir():
        shutil.rmtree(path)
    path.write_text(good.replace("Welcome to the show.", "Welcome back."))


@pytest.mark.parametrize(
    "break_it",
    [break_by_deleting, break_with_a_directory, break_by_truncating, break_permissions, break_yaml],
    ids=["deleted", "replaced-by-directory", "truncated", "permissions-removed", "bad-yaml"],
)
async def test_live_reload_survives_and_recovers(tmp_path, monkeypatch, break_it):
    path = tmp_path / "show.md"
    shutil.copy(DECKS / "show.md", path)
    good = path.read_text()
    app = make_app(path, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: app.watch_ready)
        expected = break_it(path, monkeypatch)
        assert await until(pilot, lambda: any(expected in e for e in errors(app))), errors(app)
        [message] = errors(app)
        assert message.startswith("show.md:")  # file:line: message, relative to the deck
        assert "Welcome to the show." in view_text(app)  # the last good deck is still shown
        await pilot.press("right")
        assert app.position.slide == 1  # and still presents
        await pilot.press("left")
        repair(path, good, monkeypatch)
        assert await until(pilot, lambda: "Welcome back." in view_text(app)), errors(app)
        assert errors(app) == [] and app.reload_error is None
