"""The deck model as JSON, for other tools. Keys and their order are part of the format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.core.model import Deck, Slide, SourceSpan

FORMAT_VERSION = 1


def deck_to_dict(deck: Deck, *, notes: bool = False) -> dict[str, Any]:
    """The JSON-ready form documented in the README under "Exporting".

    Speaker notes are in it only when asked for (`notes`), as in the text handout: an export
    handed to others must not carry them by surprise.
    """
    base = deck.root if deck.root.is_dir() else deck.root.parent
    return {
        "format": "briefing-deck",
        "version": FORMAT_VERSION,
        "title": deck.title,
        "metadata": dict(deck.metadata),
        "slide_count": len(deck.slides),
        "slides": [_slide_to_dict(slide, base, notes) for slide in deck.slides],
    }


def _slide_to_dict(slide: Slide, base: Path, notes: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        "number": slide.number,
        "title": slide.title,
        "body": slide.body,
        "steps": len(slide.steps),
    }
    if notes:
        item["notes"] = [{"text": note.text, **_source(note.span, base)} for note in slide.notes]
    item.update(_source(slide.span, base))
    item["metadata"] = dict(slide.metadata)
    return item


def _source(span: SourceSpan, base: Path) -> dict[str, Any]:
    try:
        name = span.path.relative_to(base).as_posix()
    except ValueError:
        name = span.path.as_posix()
    return {"file": name, "lines": [span.start, span.end]}


def export_json(deck: Deck, *, notes: bool = False, ascii_only: bool = False) -> str:
    """The deck as JSON text. With `ascii_only`, other characters are `\\uXXXX` escapes: same data."""
    return json.dumps(deck_to_dict(deck, notes=notes), ensure_ascii=ascii_only, indent=2) + "\n"
