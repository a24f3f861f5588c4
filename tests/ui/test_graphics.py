"""`--images graphics` in the show (headless): the picture's cells are kitty's placeholders, in
the colour that names the picture, where half-blocks would be; the picture is sent to the
terminal once, written through Textual's driver, and showing the slide again sends nothing.
A show that never draws with graphics never imports textual-image."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from textual.drivers.headless_driver import HeadlessDriver

from briefing.image_cells import UPPER_HALF
from tests.conftest import BUNDLED
from tests.images.image_decks import halves
from tests.ui.helpers import make_app, view_text

pytestmark = pytest.mark.timeout(60)

PLACEHOLDER = "\U0010eeee"


async def settled(pilot) -> None:
    """Every picture asked for is decoded, sent and drawn."""
    for _ in range(2):  # decoded, then drawn, which asks for it to be sent
        await pilot.pause()
        await pilot.app.present.stage.pictures.settled()
    await pilot.pause()


def flag_deck(tmp_path):
    halves((400, 200)).save(tmp_path / "flag.png")  # red over blue: 40×10 cells
    deck = tmp_path / "talk.md"
    deck.write_text("# A flag\n\n![Red over blue](flag.png)\n\n---\n\n# After\n")
    return deck


def placeholder_lines(app) -> list[list]:
    """The slide view's drawn lines that hold placeholder cells, as their segments."""
    view = app.present.query_one("#slide-view")
    lines = [list(view.render_line(y)) for y in range(view.size.height)]
    return [line for line in lines if any(PLACEHOLDER in segment.text for segment in line)]


@pytest.fixture
def terminal(monkeypatch) -> list[str]:
    """The kitty frames the show writes to the terminal (a headless app draws no frames of its
    own; Textual's other writes, such as the mouse pointer's shape, are left out)."""
    written: list[str] = []

    def write(self, data: str) -> None:
        if "\x1b_G" in data:
            written.append(data)

    monkeypatch.setattr(HeadlessDriver, "write", write)
    return written


async def test_a_picture_is_drawn_in_placeholder_cells_and_sent_once(tmp_path, terminal):
    app = make_app(flag_deck(tmp_path), images="graphics")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        assert len(terminal) == 1 and terminal[0].startswith("\x1b_G")
        image_id = int(terminal[0].split("i=", 1)[1].split(",", 1)[0])
        assert f"\x1b_Ga=p,i={image_id},c=40,r=10,U=1,q=2\x1b\\" in terminal[0]  # 40×10, as half-blocks take
        lines = placeholder_lines(app)
        assert len(lines) == 10
        for line in lines:
            cells = [segment for segment in line if PLACEHOLDER in segment.text]
            assert sum(segment.text.count(PLACEHOLDER) for segment in cells) == 40
            for segment in cells:
                colour = segment.style.color.triplet
                assert (colour.red << 16 | colour.green << 8 | colour.blue) == image_id & 0xFFFFFF
        assert UPPER_HALF not in view_text(app)
        for key in ["right", "left", "right", "left"]:
            await pilot.press(key)
            await settled(pilot)
        assert len(terminal) == 1  # shown four times more, sent once
        assert len(placeholder_lines(app)) == 10


async def test_until_it_is_sent_the_pictures_cells_are_blank(tmp_path, terminal, monkeypatch):
    from briefing.ui import pictures

    monkeypatch.setattr(pictures.SlidePictures, "_want", lambda self, image, columns, rows: None)
    app = make_app(flag_deck(tmp_path), images="graphics")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        text = view_text(app)
        assert terminal == [] and not placeholder_lines(app) and UPPER_HALF not in text
        assert "\n".join(line.strip() for line in text.split("\n")).endswith("A flag\n──────\n" + "\n" * 11)


@pytest.mark.parametrize("images", ["auto", "blocks"])
async def test_without_the_decision_for_graphics_the_app_draws_half_blocks(tmp_path, terminal, images):
    """The command line decides `auto` (briefing.terminal_graphics); an app left at `auto` (the
    SVG export, a test) draws half-blocks and writes nothing."""
    app = make_app(flag_deck(tmp_path), images=images)
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        assert UPPER_HALF * 40 in view_text(app) and not placeholder_lines(app) and terminal == []


SHOW = """
import asyncio, sys
from pathlib import Path
from tests.ui.helpers import make_app

async def main():
    app = make_app(Path(sys.argv[1]), images=sys.argv[2])
    async with app.run_test(size=(100, 40)) as pilot:
        for key in ["right", "right", "s", "left", "s", "o", "escape"]:
            await pilot.press(key)
        await pilot.pause()
        await app.present.stage.pictures.settled()
    print("textual_image" in sys.modules, any(name.startswith("textual_image") for name in sys.modules))

asyncio.run(main())
"""


@pytest.mark.parametrize(
    "deck, images, imported",
    [("bundled", "graphics", False), ("flag", "auto", False), ("flag", "blocks", False), ("flag", "graphics", True)],
)
def test_textual_image_is_imported_only_to_send_a_picture(tmp_path, deck, images, imported):
    path = BUNDLED if deck == "bundled" else flag_deck(tmp_path)
    shown = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SHOW), str(path), images],
        capture_output=True,
        text=True,
        timeout=60,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == [str(imported)] * 2


async def test_a_screenshot_shows_the_picture_in_half_blocks_and_the_show_goes_back_to_graphics(
    tmp_path, terminal, monkeypatch
):
    from tests.ui.test_screenshot import run_palette_command, saved_files, svg_text

    monkeypatch.chdir(tmp_path)
    app = make_app(flag_deck(tmp_path), images="graphics")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        await run_palette_command(pilot, "Screenshot")
        [saved] = await saved_files(pilot, tmp_path)
        text = svg_text(saved)
        assert text.count(UPPER_HALF) == 400  # 40×10 cells
        assert PLACEHOLDER not in text
        await settled(pilot)
        assert len(placeholder_lines(app)) == 10 and UPPER_HALF not in view_text(app)
        assert len(terminal) == 1  # nothing sent again
