"""`--slide N`: any whole number starts the show, at the nearest slide, with a warning when
the deck has no slide N; anything else is a usage error."""

from __future__ import annotations

import pytest

from briefing.cli import build_parser
from briefing.ui.navigation import Position
from tests.ui.helpers import make_app
from tests.ui.test_keys import SHOW


@pytest.mark.parametrize("command", ["present", "presenter"])
@pytest.mark.parametrize("number", [0, -3, 1, 99])
def test_any_whole_number_is_accepted(command, number):
    assert build_parser().parse_args([command, "--slide", str(number)]).slide == number


@pytest.mark.parametrize("text", ["x", "2.5", ""])
def test_anything_else_is_a_usage_error(capsys, text):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["present", "--slide", text])
    assert exit_.value.code == 2
    assert f"expected a slide number, not {text!r}" in capsys.readouterr().err


@pytest.mark.parametrize(
    "number, slide, warning",
    [
        (0, 0, "There is no slide 0 (1\u20136); starting at slide 1"),
        (-3, 0, "There is no slide -3 (1\u20136); starting at slide 1"),
        (99, 5, "There is no slide 99 (1\u20136); starting at slide 6"),
        (4, 3, None),
    ],
)
async def test_the_show_starts_at_the_nearest_slide_and_says_so(number, slide, warning):
    app = make_app(SHOW, start_slide=number)
    async with app.run_test(size=(80, 24)):
        assert app.position == Position(slide, 0)
        said = [(str(n.message), n.severity) for n in app._notifications]
        assert said == ([(warning, "warning")] if warning else [])
