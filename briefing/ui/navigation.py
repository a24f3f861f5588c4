"""Where the show is, and where each key takes it: slides and reveal steps, no Textual.

Jumps follow one rule: going forward to a slide shows its first step (the reveal is still to
come), coming back to a slide shows it whole (it has been seen). Home is a restart: slide 1
from its first step.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.core.model import Deck


class Position(NamedTuple):
    """A slide index (0-based) and how many of its steps are shown, less one."""

    slide: int
    step: int


def last_step(deck: Deck, slide: int) -> int:
    return max(0, len(deck.slides[slide].steps) - 1)


def clamp(deck: Deck, position: Position) -> Position:
    """The nearest valid position (after a reload made the deck shorter, say)."""
    if not deck.slides:
        return Position(0, 0)
    slide = min(max(position.slide, 0), len(deck.slides) - 1)
    return Position(slide, min(max(position.step, 0), last_step(deck, slide)))


def forward(deck: Deck, position: Position) -> Position:
    """Reveal the next step, or move to the next slide's first step."""
    if position.step < last_step(deck, position.slide):
        return Position(position.slide, position.step + 1)
    if position.slide + 1 < len(deck.slides):
        return Position(position.slide + 1, 0)
    return position


def backward(deck: Deck, position: Position) -> Position:
    """Hide the last step shown, or move to the previous slide, whole."""
    if position.step > 0:
        return Position(position.slide, position.step - 1)
    if position.slide > 0:
        return Position(position.slide - 1, last_step(deck, position.slide - 1))
    return position


def jump(deck: Deck, position: Position, slide: int) -> Position:
    """Go to slide index `slide`: its first step going forward, whole coming back."""
    slide = min(max(slide, 0), len(deck.slides) - 1)
    if slide > position.slide:
        return Position(slide, 0)
    if slide < position.slide:
        return Position(slide, last_step(deck, slide))
    return position


def jump_showing(deck: Deck, position: Position, slide: int, step: int) -> Position:
    """Jump to slide index `slide` as `jump` does, but show at least its first `step` + 1
    steps: a search result must be on screen when the jump lands."""
    landed = jump(deck, position, slide)
    return clamp(deck, Position(landed.slide, max(landed.step, step)))


def first(deck: Deck) -> Position:
    return Position(0, 0)


def last(deck: Deck) -> Position:
    index = len(deck.slides) - 1
    return Position(index, last_step(deck, index))


def follow(old: Deck, new: Deck, position: Position) -> Position:
    """Where to stand in a reloaded deck: the same slide index if its title is unchanged,
    else the slide that now has the old title, else the same index, clamped."""
    if not new.slides:
        return Position(0, 0)
    title = old.slides[position.slide].title if position.slide < len(old.slides) else ""
    same_index = position.slide < len(new.slides) and new.slides[position.slide].title == title
    if title and not same_index:
        matches = [index for index, slide in enumerate(new.slides) if slide.title == title]
        if matches:
            nearest = min(matches, key=lambda index: abs(index - position.slide))
            return clamp(new, Position(nearest, position.step))
    return clamp(new, position)
