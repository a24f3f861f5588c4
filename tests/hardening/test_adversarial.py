"""Every hostile deck gives the exact outcome everywhere: the loader, both exports, `check`,
every command's exit status and message, and the headless app's screen."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.check import check_deck
from briefing.cli import main
from briefing.core.errors import DeckError
from briefing.core.loader import load_deck
from briefing.core.model import Deck
from briefing.core.sanitize import is_clean
from briefing.export.json import export_json
from briefing.export.text import export_text
from tests.hardening.adversarial import FIXTURES, Fixture
from tests.ui.helpers import make_app

OK = [pytest.param(f, id=f.name) for f in FIXTURES if f.titles is not None]
BAD = [pytest.param(f, id=f.name) for f in FIXTURES if f.titles is None]


# A regex rather than a loop over characters: some fixtures export megabytes.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def control_free(text: str) -> bool:
    """Nothing a terminal would act on: no C0 but newline, no DEL, no C1."""
    return _CONTROL.search(text) is None


@pytest.fixture
def built(request, tmp_path):
    fixture: Fixture = request.param
    return fixture, fixture.build(tmp_path)


class Decks:
    """The decks that load, each built once and read at most twice for the whole module: the
    largest take seconds to parse, and nothing here changes a deck or its file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.paths: dict[str, Path] = {}
        self.loads: dict[tuple[str, int], Deck] = {}

    def path(self, fixture: Fixture) -> Path:
        if fixture.name not in self.paths:
            home = self.folder / fixture.name
            home.mkdir()
            self.paths[fixture.name] = fixture.build(home)
        return self.paths[fixture.name]

    def load(self, fixture: Fixture, copy: int = 0) -> Deck:
        """The deck as `load_deck` reads it; `copy=1` is a second, separate read of the file."""
        if (fixture.name, copy) not in self.loads:
            self.loads[fixture.name, copy] = load_deck(self.path(fixture))
        return self.loads[fixture.name, copy]


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> Decks:
    return Decks(tmp_path_factory.mktemp("adversarial"))


@pytest.fixture
def good(request, decks):
    fixture: Fixture = request.param
    return fixture, decks


@pytest.mark.parametrize("good", OK, indirect=True)
def test_loads_with_the_expected_slides(good):
    fixture, decks = good
    deck = decks.load(fixture)
    assert [slide.title for slide in deck.slides] == fixture.titles
    for slide in deck.slides[:50]:
        assert is_clean(slide.title) and is_clean(slide.body) and is_clean(slide.notes_text)


@pytest.mark.parametrize("good", OK, indirect=True)
def test_exports_and_check_are_clean(good):
    fixture, decks = good
    deck, reloaded = decks.load(fixture), decks.load(fixture, copy=1)
    for options in ({}, {"notes": True}, {"notes": True, "ascii_only": True, "width": 40}):
        text = export_text(deck, **options)
        assert control_free(text)
        assert text == export_text(reloaded, **options)
    data = export_json(deck, notes=True)
    assert control_free(data) and "\\u001b" not in data and "\\u009b" not in data
    assert [slide["title"] for slide in json.loads(data)["slides"]] == fixture.titles
    if fixture.slow:
        return  # measured by the CLI test below
    findings = [str(finding) for finding in check_deck(deck)]
    assert all(control_free(finding) for finding in findings)
    for expected in fixture.findings:
        assert any(expected in finding for finding in findings), findings


@pytest.mark.parametrize("built", BAD, indirect=True)
def test_loader_error_is_exact(built):
    fixture, path = built
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert str(caught.value) == f"{path}:{fixture.line}: {fixture.error}"


@pytest.mark.parametrize("command", ["export", "check", "present"])
@pytest.mark.parametrize("built", BAD, indirect=True)
def test_every_command_says_file_line_message_and_exits_2(built, command, capsys):
    fixture, path = built
    extra = ["--format", "json"] if command == "export" else []
    assert main([command, str(path), *extra]) == 2
    assert capsys.readouterr() == ("", f"briefing: {path}:{fixture.line}: {fixture.error}\n")


@pytest.mark.parametrize("command", ["export", "check", "present"])
@pytest.mark.parametrize("built", BAD[:1], indirect=True)
def test_the_message_and_status_are_the_same_from_a_real_process(built, command):
    """As above, through `python -m briefing`: nothing but the message reaches the streams
    (no traceback, no escape sequence), and the process's status is 2. One hostile deck is
    enough here; the test above runs them all in this process."""
    fixture, path = built
    extra = ["--format", "json"] if command == "export" else []
    result = subprocess.run(
        [sys.executable, "-m", "briefing", command, str(path), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"briefing: {path}:{fixture.line}: {fixture.error}\n"


@pytest.mark.parametrize("good", [p for p in OK if p.values[0].slow], indirect=True)
def test_large_decks_through_the_command_line(good, capsys):
    fixture, decks = good
    path = decks.path(fixture)
    assert main(["export", str(path), "--notes"]) == 0
    assert control_free(capsys.readouterr().out)
    assert main(["check", str(path)]) in (0, 1)
    out = capsys.readouterr().out
    for expected in fixture.findings:
        assert expected in out


@pytest.mark.parametrize("good", OK, indirect=True)
async def test_the_app_shows_it_with_nothing_escaping(good):
    fixture, decks = good
    app = make_app(decks.path(fixture))  # the app reads it itself, as `present` does
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        keys = ["end", "s"] if fixture.slow else [*["right"] * (3 * len(fixture.titles)), "s", "home"]
        for key in keys:
            await pilot.press(key)  # returns once the app has handled the key and is idle
            for view in app.present.query("PagedView"):
                assert is_clean(view.text), fixture.name
            assert is_clean(app.present.query_one("StatusBar").render().plain)
        assert app.slide.title in fixture.titles
        assert app.is_running
