"""Other tools' decks as their authors meant them (issue 11): one case per fixture deck.

The ground truth is tests/fixtures/dialects/expected.json: slide counts, steps and notes come from
the source tools themselves where they run here (tests/tools/expected_counts.py), the rest from
the tools' documentation; tests/fixtures/dialects/README.md says which is which.

The audience view is checked as plain text: the slide's blocks drawn by briefing.render.text,
notes left out. Each case lists every way its deck differs from the expectation, not only the
first, so that a failure reads as a to-do list.
"""

from __future__ import annotations

import json

import pytest

from briefing.check import check_deck as lint
from briefing.core.blocks import Heading, Table
from briefing.core.errors import DeckError
from briefing.core.loader import load_deck
from briefing.render.cells import wrap
from briefing.render.text import PlainText
from tests.conftest import FIXTURES

DIALECTS = FIXTURES / "dialects"
EXPECTED = json.loads((DIALECTS / "expected.json").read_text(encoding="utf-8"))["fixtures"]
WIDTH = 100  # the presenter's column


class AudienceText(PlainText):
    """The plain-text renderer without the `===`/`---` it draws under headings, which would
    read as a drawn remark `--` or a setext underline."""

    def _heading(self, block: Heading, width: int) -> list[str]:
        return wrap(self.inline(block.text), width)


def audience_text(slide, step: int | None = None) -> str:
    """What the audience sees of `slide` at `step` (0-based; default: all of it), white space
    runs made one space so that wrapping never splits an expected phrase."""
    blocks = slide.blocks if step is None else slide.blocks_until(step)
    return " ".join(" ".join(AudienceText().blocks(blocks, WIDTH)).split())


@pytest.mark.parametrize(("name", "spec"), [pytest.param(n, s, id=n) for n, s in EXPECTED.items()])
def test_dialect_fixture(name: str, spec: dict) -> None:
    deck_path = DIALECTS / spec["deck"]
    if "error" in spec:
        check_error(deck_path, spec["error"])
        return
    if "finding" in spec:
        check_finding(deck_path, spec["finding"])
        return
    deck = load_deck(deck_path)
    if problems := check_deck(deck, spec):
        pytest.fail(f"{spec['deck']}:\n  " + "\n  ".join(problems), pytrace=False)


def check_deck(deck, spec: dict) -> list[str]:
    problems = []
    if "title" in spec and deck.title != spec["title"]:
        problems.append(f"deck title {deck.title!r}, expected {spec['title']!r}")
    for key, value in spec.get("metadata", {}).items():
        if deck.metadata.get(key) != value:
            problems.append(f"metadata {key!r} is {deck.metadata.get(key)!r}, expected {value!r}")
    expected = spec["slides"]
    titles = [slide.title for slide in deck.slides]
    if titles != [slide["title"] for slide in expected]:
        problems.append(f"slides {titles}, expected {[slide['title'] for slide in expected]}")
        if len(titles) != len(expected):
            return problems  # slide by slide would compare the wrong slides
    for number, (slide, want) in enumerate(zip(deck.slides, expected, strict=True), start=1):
        where = f"slide {number} ({want['title']!r})"
        problems += [f"{where}: {problem}" for problem in check_slide(slide, want)]
    return problems


def check_slide(slide, want: dict) -> list[str]:
    problems = []
    notes = [note.text for note in slide.notes]
    if len(notes) != len(want["notes"]) or not all(
        expected in text for expected, text in zip(want["notes"], notes, strict=True)
    ):
        problems.append(f"notes {notes!r}, expected notes containing {want['notes']!r}")

    if len(slide.steps) != want["steps"]:
        steps = [step.markdown for step in slide.steps]
        problems.append(f"{len(slide.steps)} steps {steps!r}, expected {want['steps']}")

    drawn = audience_text(slide)
    for text in want.get("drawn", []):
        if text not in drawn:
            problems.append(f"{text!r} is not drawn; the audience sees {drawn!r}")
    for text in [*want.get("not_drawn", []), *want["notes"]]:
        if text in drawn:
            problems.append(f"{text!r} is drawn; the audience sees {drawn!r}")

    first_step = audience_text(slide, 0)
    for text in want.get("first_step_not_drawn", []):
        if text in first_step:
            problems.append(f"{text!r} is drawn at the first step: {first_step!r}")

    if "tables" in want:
        tables = sum(isinstance(block, Table) for block in slide.blocks)
        if tables != want["tables"]:
            problems.append(f"{tables} tables, expected {want['tables']}")
    return problems


def check_error(deck_path, want: dict) -> None:
    where = f"{want['file']}:{want['line']}"
    try:
        deck = load_deck(deck_path)
    except DeckError as error:
        expected_file = (DIALECTS / want["file"]).resolve()
        assert (error.path.resolve(), error.line) == (expected_file, want["line"]), (
            f"error at {error.path}:{error.line}, expected {where}: {error}"
        )
        assert want["mentions"] in error.message, f"{error} does not name {want['mentions']!r}"
    else:
        loaded = f"{deck_path.relative_to(DIALECTS)} loaded ({len(deck.slides)} slides)"
        pytest.fail(f"{loaded} instead of failing at {where}", pytrace=False)


def check_finding(deck_path, want: dict) -> None:
    """The deck opens, and `briefing check` reports an error at the expected line."""
    deck = load_deck(deck_path)
    expected = ((DIALECTS / want["file"]).resolve(), want["line"])
    errors = [f for f in lint(deck) if f.severity == "error" and want["mentions"] in f.message]
    assert [(f.path.resolve(), f.line) for f in errors] == [expected], (
        f"check found {[str(f) for f in errors]}, expected one error at {want['file']}:{want['line']}"
    )


def test_expectations_do_not_contradict_themselves() -> None:
    """A slide cannot both draw and hide a phrase, nor hide at its first step what it never
    draws; decks and error files must exist."""
    for name, spec in EXPECTED.items():
        assert (DIALECTS / spec["deck"]).is_file(), name
        if "error" in spec or "finding" in spec:
            assert (DIALECTS / spec.get("error", spec.get("finding"))["file"]).is_file(), name
            continue
        for number, slide in enumerate(spec["slides"], start=1):
            where = f"{name} slide {number}"
            drawn = slide.get("drawn", [])
            hidden = [*slide.get("not_drawn", []), *slide["notes"]]
            for text in drawn:
                assert not [h for h in hidden if h in text], f"{where}: {text!r} is also hidden"
            for text in slide.get("first_step_not_drawn", []):
                assert any(text in shown for shown in drawn), f"{where}: {text!r} is never drawn"
                assert slide["steps"] > 1, f"{where}: one step cannot hold back {text!r}"
