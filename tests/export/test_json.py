"""The JSON export: the deck model with stable, documented keys."""

from __future__ import annotations

import json

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from briefing.core.loader import load_deck
from briefing.export.json import export_json
from tests.conftest import BUNDLED, FIXTURES


class JsonSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "json"


@pytest.mark.parametrize(
    "path, notes",
    [(BUNDLED, False), (BUNDLED, True), (FIXTURES / "elements.md", False), (FIXTURES / "elements.md", True)],
    ids=["bundled", "bundled-notes", "elements", "elements-notes"],
)
def test_golden(path, notes, snapshot):
    assert export_json(load_deck(path), notes=notes) == snapshot.use_extension(JsonSnapshot)


def test_keys_and_values_follow_the_model():
    deck = load_deck(BUNDLED)
    data = json.loads(export_json(deck, notes=True))
    assert list(data) == ["format", "version", "title", "metadata", "slide_count", "slides"]
    assert data["slide_count"] == len(deck.slides) == len(data["slides"])
    for item, slide in zip(data["slides"], deck.slides, strict=True):
        assert list(item) == ["number", "title", "body", "steps", "notes", "file", "lines", "metadata", "images"]
        assert (item["number"], item["title"], item["body"]) == (slide.number, slide.title, slide.body)
        assert item["steps"] == len(slide.steps)
        assert [note["text"] for note in item["notes"]] == [note.text for note in slide.notes]
        assert item["file"] == slide.span.path.name
        assert item["lines"] == [slide.span.start, slide.span.end]


def test_single_file_deck_names_its_file():
    data = json.loads(export_json(load_deck(FIXTURES / "elements.md")))
    assert {slide["file"] for slide in data["slides"]} == {"elements.md"}
    assert data["metadata"]["date"] == "2025-01-27"


def test_without_notes_the_model_is_the_same_less_the_notes():
    deck = load_deck(BUNDLED)
    with_notes = json.loads(export_json(deck, notes=True))
    without = json.loads(export_json(deck))
    for slide in with_notes["slides"]:
        del slide["notes"]
    assert without == with_notes


NOTE_FORMS = """---
title: Notes everywhere
---

# One

Shown.

<!-- ZZHTMLNOTEZZ -->

<!--
ZZBLOCKNOTEZZ
-->

<!-- speaker_note: ZZPRESENTERMNOTEZZ -->

---

# Two

Shown too.

???

ZZREMARKNOTEZZ
"""


def test_no_note_reaches_the_json_without_notes(tmp_path):
    deck_file = tmp_path / "talk.md"
    deck_file.write_text(NOTE_FORMS)
    deck = load_deck(deck_file)
    markers = ("ZZHTMLNOTEZZ", "ZZBLOCKNOTEZZ", "ZZPRESENTERMNOTEZZ", "ZZREMARKNOTEZZ")
    noted = export_json(deck, notes=True)
    assert all(marker in noted for marker in markers)  # the deck really has these notes
    plain = export_json(deck)
    assert not any(marker in plain for marker in markers)


def test_ascii_escapes_everything_else_and_keeps_the_data():
    deck = load_deck(BUNDLED)
    escaped = export_json(deck, notes=True, ascii_only=True)
    assert escaped.isascii()
    assert json.loads(escaped) == json.loads(export_json(deck, notes=True))
