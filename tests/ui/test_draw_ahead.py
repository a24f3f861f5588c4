"""The slide a key would show next is drawn while the presenter talks, after the frame is out:
the key then shows lines drawn before it."""

from __future__ import annotations

from briefing.ui.navigation import Position
from tests.conftest import BUNDLED
from tests.ui.helpers import make_app, until


async def test_the_next_slide_is_drawn_before_the_key_that_shows_it():
    app = make_app(BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        stage = app.present.stage
        await until(lambda: stage.strips is not None and stage.strips.renderer.highlight, lambda: "no code colours")
        # Colouring code redraws the slide, and that frame schedules its own drawing ahead a
        # refresh later: ask for it now, after the last frame, and wait until it has run.
        await pilot.pause()
        stage._draw_ahead_soon()
        await until(lambda: stage.ahead_timer is None, lambda: "nothing drawn ahead")
        assert stage.strips is not None
        drawn: list[object] = []
        renderer = stage.strips.renderer
        real = renderer.render

        def render(blocks, **options):
            drawn.append(blocks)
            return real(blocks, **options)

        renderer.render = render  # type: ignore[method-assign]
        next_slide = app.deck.slides[1].blocks_until(0)
        await pilot.press("right")
        await pilot.pause()
        assert app.position == Position(1, 0)
        assert next_slide not in drawn
