"""The strip cache: a slide drawn before is not drawn again; the least recently used goes first."""

from __future__ import annotations

from rich.console import Console

from briefing.core.blocks import Paragraph, Span
from briefing.render.rich import Palette
from briefing.ui.rendering import StripCache


def counting_cache(size: int) -> tuple[StripCache, list[object]]:
    cache = StripCache(Console(width=80), Palette(), highlight=False, size=size)
    drawn: list[object] = []
    real = cache.renderer.render

    def render(blocks, **options):
        drawn.append(blocks)
        return real(blocks, **options)

    cache.renderer.render = render  # type: ignore[method-assign]
    return cache, drawn


def slide(text: str) -> tuple[Paragraph, ...]:
    return (Paragraph((Span(text),)),)


def test_a_slide_drawn_before_comes_from_the_cache():
    cache, drawn = counting_cache(4)
    first = cache.blocks("a", slide("alpha"), 40)
    assert cache.blocks("a", slide("alpha"), 40) is first and len(drawn) == 1
    cache.blocks("a", slide("alpha"), 30)  # another width is another drawing
    assert len(drawn) == 2
    assert "alpha" in "".join(segment.text for segment in first[0])


def test_the_least_recently_used_slide_is_dropped_first():
    cache, drawn = counting_cache(2)
    cache.blocks("a", slide("alpha"), 40)
    cache.blocks("b", slide("beta"), 40)
    cache.blocks("a", slide("alpha"), 40)  # a is used again: b is now the oldest
    cache.blocks("c", slide("gamma"), 40)  # full: b goes
    assert len(drawn) == 3
    cache.blocks("a", slide("alpha"), 40)
    assert len(drawn) == 3  # still there
    cache.blocks("b", slide("beta"), 40)
    assert len(drawn) == 4  # drawn again


def test_clear_empties_the_cache():
    cache, drawn = counting_cache(4)
    cache.blocks("a", slide("alpha"), 40)
    cache.clear()
    cache.blocks("a", slide("alpha"), 40)
    assert len(drawn) == 2
