"""The deck model as JSON, for other tools. Keys and their order are part of the format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.core.model import Deck, SourceSpan

FORMAT_VERSION = 1


def deck_to_dict(deck: Deck) -> dict[str, Any]:
    """The JSON-ready form documented in the README under "Exporting"."""
    base = deck.root if deck.root.is_dir() else deck.root.parent
    return {
        "format": "briefing-deck",
        "version": FORMAT_VERSION,
        "title": deck.title,
        "metadata": dict(deck.metadata),
        "slide_count": len(deck.slides),
        "slides": [
            {
                "number": slide.number,
                "title": slide.title,
                "body": slide.body,
                "steps": len(slide.steps),
                "notes": [{"text": note.text, **_source(note.span, base)} for note in slide.notes],
                **_source(slide.span, base),
                "metadata": dict(slide.metadata),
            }
            for slide in deck.slides
        ],
    }


def _source(span: SourceSpan, base: Path) -> dict[str, Any]:
    try:
        name = span.path.relative_to(base).as_posix()
    except ValueError:
        name = span.path.as_posix()
    return {"file": name, "lines": [span.start, span.end]}


def export_json(deck: Deck) -> str:
    return json.dumps(deck_to_dict(deck), ensure_ascii=False, indent=2) + "\n"
