"""The deck model as JSON, for other tools. Keys and their order are part of the format."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from briefing.core.model import Deck, Slide, SourceSpan
from briefing.core.runnable import RunKey, RunOutput, Snippet, snippets
from briefing.deck_images import deck_directory, inspect_slide_image, slide_images
from briefing.images import json_metadata

FORMAT_VERSION = 1


def deck_to_dict(deck: Deck, *, notes: bool = False, runs: Mapping[RunKey, RunOutput] | None = None) -> dict[str, Any]:
    """The JSON-ready form documented in the README under "Exporting".

    Speaker notes are in it only when asked for (`notes`), as in the text handout: an export
    handed to others must not carry them by surprise. `runs` (`--run-code`) add each
    runnable block's output to its entry in `code_runs`.
    """
    base = deck_directory(deck)
    return {
        "format": "briefing-deck",
        "version": FORMAT_VERSION,
        "title": deck.title,
        "metadata": dict(deck.metadata),
        "slide_count": len(deck.slides),
        "slides": [_slide_to_dict(slide, base, notes, runs) for slide in deck.slides],
    }


def _slide_to_dict(slide: Slide, base: Path, notes: bool, runs: Mapping[RunKey, RunOutput] | None) -> dict[str, Any]:
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
    item["images"] = [
        json_metadata(inspect_slide_image(image, slide, base), image.alt) for image in slide_images(slide)
    ]
    code_runs = [_code_run(snippet, base, runs) for snippet in snippets(slide)]
    if code_runs:  # only on slides with runnable blocks: other slides' entries stay as they were
        item["code_runs"] = code_runs
    return item


def _code_run(snippet: Snippet, base: Path, runs: Mapping[RunKey, RunOutput] | None) -> dict[str, Any]:
    """A runnable block: where it is, its language, and with `runs` its output."""
    path, line = snippet.path, snippet.line
    entry: dict[str, Any] = {
        **_source(SourceSpan(path, line, line), base),
        "language": snippet.block.language,
        "expect_failure": snippet.expect_failure,
    }
    run = runs.get((path, line)) if runs is not None else None
    if run is not None:
        entry.update(output=run.output, status=run.status, exit_status=run.exit_status, succeeded=run.succeeded)
    return entry


def _source(span: SourceSpan, base: Path) -> dict[str, Any]:
    try:
        name = span.path.relative_to(base).as_posix()
    except ValueError:
        name = span.path.as_posix()
    return {"file": name, "lines": [span.start, span.end]}


def export_json(
    deck: Deck, *, notes: bool = False, ascii_only: bool = False, runs: Mapping[RunKey, RunOutput] | None = None
) -> str:
    """The deck as JSON text. With `ascii_only`, other characters are `\\uXXXX` escapes: same data."""
    return json.dumps(deck_to_dict(deck, notes=notes, runs=runs), ensure_ascii=ascii_only, indent=2) + "\n"
