"""`briefing new` makes a deck that checks clean and presents; it never overwrites."""

from __future__ import annotations

from briefing.check import check_deck
from briefing.cli import main
from briefing.core.loader import load_deck


def test_new_deck_passes_check_and_shows_every_feature(tmp_path, capsys):
    path = tmp_path / "my-talk"
    assert main(["new", str(path), "--title", 'Q3 [review] *plan*: "it" works']) == 0
    deck = load_deck(path)
    assert deck.title == 'Q3 [review] *plan*: "it" works'
    assert deck.slides[0].title == 'Q3 [review] *plan*: "it" works'
    assert check_deck(deck) == []
    example = deck.slides[1]
    assert example.notes and len(example.steps) == 2
    kinds = {type(block).__name__ for block in example.blocks}
    assert {"Table", "Chart", "ListBlock"} <= kinds
    assert main(["check", str(path)]) == 0


def test_new_refuses_anything_that_exists(tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("precious")
    assert main(["new", str(target)]) == 2
    assert target.read_text() == "precious"
    assert "already exists" in capsys.readouterr().err
    folder = tmp_path / "folder"
    folder.mkdir()
    assert main(["new", str(folder)]) == 2
    assert list(folder.iterdir()) == []


def test_new_title_defaults_to_the_directory_name(tmp_path):
    assert main(["new", str(tmp_path / "quarterly-review")]) == 0
    assert load_deck(tmp_path / "quarterly-review").title == "quarterly review"
