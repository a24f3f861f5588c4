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


@pytest.mark.parametrize("path", [BUNDLED, FIXTURES / "elements.md"], ids=["bundled", "elements"])
def test_golden(path, snapshot):
    assert export_json(load_deck(path)) == snapshot.use_extension(JsonSnapshot)


def test_keys_and_values_follow_the_model():
    deck = load_deck(BUNDLED)
    data = json.loads(export_json(deck))
    assert list(data) == ["format", "version", "title", "metadata", "slide_count", "slides"]
    assert data["slide_count"] == len(deck.slides) == len(data["slides"])
    for item, slide in zip(data["slides"], deck.slides):
        assert list(item) == ["number", "title", "body", "steps", "notes", "file", "lines", "metadata"]
        assert (item["number"], item["title"], item["body"]) == (slide.number, slide.title, slide.body)
        assert item["steps"] == len(slide.steps)
        assert [note["text"] for note in item["notes"]] == [note.text for note in slide.notes]
        assert item["file"] == slide.span.path.name
        assert item["lines"] == [slide.span.start, slide.span.end]


def test_single_file_deck_names_its_file():
    data = json.loads(export_json(load_deck(FIXTURES / "elements.md")))
    assert {slide["file"] for slide in data["slides"]} == {"elements.md"}
    assert data["metadata"]["date"] == "2025-01-27"
