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


def test_a_path_ending_in_md_makes_a_single_file_deck(tmp_path, capsys):
    path = tmp_path / "my-talk.md"
    assert main(["new", str(path)]) == 0
    assert path.is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["my-talk.md"]  # no temporary left behind
    deck = load_deck(path)
    assert deck.title == "my talk"
    assert [slide.title for slide in deck.slides] == ["my talk", "What a slide can hold"]
    assert check_deck(deck) == []
    assert "Edit this file;" in deck.slides[0].body
    example = deck.slides[1]
    assert example.notes and len(example.steps) == 2
    assert f"created {path}" in capsys.readouterr().out


def test_a_single_file_deck_gets_missing_folders_like_a_directory_deck(tmp_path):
    path = tmp_path / "talks" / "2025" / "Review.MD"
    assert main(["new", str(path), "--title", "Review"]) == 0
    assert path.is_file() and load_deck(path).title == "Review"


def test_already_exists_names_the_path_without_a_line_number(tmp_path, capsys):
    for name in ("talk", "talk.md"):
        target = tmp_path / name
        target.write_text("precious")
        assert main(["new", str(target)]) == 2
        assert target.read_text() == "precious"
        assert capsys.readouterr().err == (
            f"briefing: {target}: already exists; choose a new name (nothing was changed)\n"
        )


def test_a_folder_that_cannot_be_made_says_why_without_a_line_number(tmp_path, capsys):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder")
    assert main(["new", str(blocker / "talk.md")]) == 2
    assert capsys.readouterr().err == (
        f"briefing: {blocker / 'talk.md'}: cannot create: {blocker} is a file, not a directory\n"
    )
