"""The plain-text handout: every slide under its number and title, notes optional."""

from __future__ import annotations

from collections.abc import Mapping, MutableSet

from briefing.core.blocks import Block, Heading, plain
from briefing.core.model import Deck, Slide
from briefing.core.runnable import RunKey, RunOutput, slide_outputs
from briefing.render.cells import wrap
from briefing.render.text import PlainText

_HEADER_KEYS = ("subtitle", "author", "date", "event", "source")


def export_text(
    deck: Deck,
    *,
    width: int = 80,
    notes: bool = False,
    ascii_only: bool = False,
    unspellable: MutableSet[str] | None = None,
    runs: Mapping[RunKey, RunOutput] | None = None,
) -> str:
    """The deck as plain text; the same deck always gives the same text, ending in a newline.
    With `ascii_only`, characters that have no ASCII spelling are written `?` and added to
    `unspellable`. `runs` (`--run-code`) are put under their code blocks."""
    width = max(20, width)
    renderer = PlainText(ascii_only=ascii_only)
    if unspellable is not None:
        renderer.unspellable = unspellable
    double = "=" * width
    lines: list[str] = [*wrap(renderer.fix(deck.title), width)]
    for key in _HEADER_KEYS:
        value = deck.metadata.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            lines.extend(wrap(renderer.fix(str(value).strip()), width))
    lines.append(f"{len(deck.slides)} slides")
    for slide in deck.slides:
        lines += ["", double]
        lines += wrap(renderer.fix(f"{slide.number}. {slide.title or '(untitled)'}"), width)
        lines.append(double)
        renderer.outputs = slide_outputs(slide, runs) if runs else {}
        if body := renderer.blocks(_without_title(slide), width):
            lines += ["", *body]
        elif not slide.title:
            lines += ["", "(empty slide)"]
        if notes and slide.notes:
            lines += ["", "Notes:"]
            for index, note in enumerate(slide.notes):
                if index:
                    lines.append("  " + renderer.axis)
                lines += [f"  {renderer.axis} {line}".rstrip() for line in renderer.blocks(note.blocks, width - 4)]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _without_title(slide: Slide) -> tuple[Block, ...]:
    """The slide's blocks minus the heading its header already shows."""
    blocks = slide.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            if plain(block.text).strip() == slide.title:
                return blocks[:index] + blocks[index + 1 :]
            break
    return blocks
