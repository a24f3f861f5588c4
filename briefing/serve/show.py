"""What the server says about the show, as plain data: no HTTP, no I/O.

Positions travel in the sync group 0-based (slide index, steps shown less one); everything a
browser or an API client sees is 1-based, as people count slides. Two views of one moment:
`public_state` for anyone (never notes), `speaker_view` for the token's holder.
"""

from __future__ import annotations

import hashlib
from typing import Any

from briefing.core.model import Deck, Slide
from briefing.render.text import PlainText
from briefing.sync.protocol import State
from briefing.ui.navigation import Position, backward, clamp, forward, jump

NOTES_WIDTH = 2000
"""Columns the notes are laid out in: a paragraph stays one line, and the control page wraps
it to the phone's width (wrapping here too would break lines twice)."""


def deck_version(page: str) -> str:
    """A short name for the deck as served: pages made from the same deck share it, an edit
    changes it (so a restarted server is the same version, and a reload is a new one)."""
    return hashlib.sha256(page.encode("utf-8")).hexdigest()[:12]


def position_of(deck: Deck, state: State) -> Position:
    """Where `state` stands in this deck (clamped: the presenter may show a longer version)."""
    return clamp(deck, Position(state.slide, state.step))


def public_state(deck: Deck, state: State, version: str) -> dict[str, Any]:
    """What anyone may know: position, count, title, blackout, deck version. Never notes."""
    slide, step = position_of(deck, state)
    current = deck.slides[slide] if deck.slides else None
    return {
        "slide": slide + 1,
        "step": step + 1,
        "steps": len(current.steps) if current else 1,
        "count": len(deck.slides),
        "title": _title(current) if current else "",
        "blackout": state.blackout,
        "version": version,
    }


def speaker_view(deck: Deck, state: State, version: str) -> dict[str, Any]:
    """The control page's view: the public state plus the notes, the next slide's title and
    the timer. Only for the token's holder."""
    view = public_state(deck, state, version)
    slide = view["slide"] - 1
    following = deck.slides[slide + 1] if slide + 1 < len(deck.slides) else None
    view.update(
        next_title=_title(following) if following else "",
        notes=notes_text(deck.slides[slide]) if deck.slides else "",
        timer={"mode": state.timer.mode, "elapsed_ms": state.timer.elapsed_ms, "since_ms": state.timer.since_ms},
        duration=deck.duration,
    )
    return view


def notes_text(slide: Slide) -> str:
    """The slide's speaker notes as plain text (several notes separated by a blank line)."""
    renderer = PlainText()
    return "\n\n".join("\n".join(renderer.blocks(note.blocks, NOTES_WIDTH)) for note in slide.notes)


def moved_forward(deck: Deck, state: State) -> Position:
    return forward(deck, position_of(deck, state)) if deck.slides else Position(0, 0)


def moved_backward(deck: Deck, state: State) -> Position:
    return backward(deck, position_of(deck, state)) if deck.slides else Position(0, 0)


def moved_to(deck: Deck, state: State, number: int) -> Position:
    """To slide `number` (1-based, checked by the caller), as the show's own jump goes."""
    return jump(deck, position_of(deck, state), number - 1)


def _title(slide: Slide) -> str:
    return slide.title or f"Slide {slide.number}"
