"""`--images graphics` in a sixel terminal (headless): the picture's cells are blank, and the
picture is written over them through Textual's driver after each frame that repainted them,
with the cursor saved, moved to their top-left and restored; not for a frame that left them
alone, nor over a screen on top of the slide."""

from __future__ import annotations

import re

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.geometry import Region
from textual.widgets import Static

from briefing.render import sixel
from tests.images.image_decks import halves
from tests.ui.helpers import make_app

pytestmark = pytest.mark.timeout(60)

WEZTERM = {"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}
PLACED = re.compile(r"\x1b7\x1b\[(\d+);(\d+)H(\x1bP[0-9;]*q[^\x1b]*\x1b\\)\x1b8")


@pytest.fixture
def terminal(monkeypatch) -> list[str]:
    """The sixel pictures the show writes (a headless app draws no frames of its own)."""
    for name in ("TMUX", "STY", "KITTY_WINDOW_ID", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in WEZTERM.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sixel, "cell_pixels", lambda fd: (10, 20))
    written: list[str] = []

    def write(self, data: str) -> None:
        if "\x1bP" in data:
            written.append(data)

    monkeypatch.setattr(HeadlessDriver, "write", write)
    return written


def flag_deck(tmp_path):
    halves((400, 200)).save(tmp_path / "flag.png")  # red over blue: 40×10 cells
    deck = tmp_path / "talk.md"
    deck.write_text("# A flag\n\n![Red over blue](flag.png)\n\n---\n\n# After\n\nText.\n")
    return deck


async def settled(pilot) -> None:
    for _ in range(3):  # decoded, then drawn (asking for it to be encoded), then drawn with it
        await pilot.pause()
        await pilot.app.present.stage.pictures.settled()
    await pilot.pause()


async def test_a_picture_is_written_over_its_cells_once_per_repaint(tmp_path, terminal):
    app = make_app(flag_deck(tmp_path), images="graphics")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        assert len(terminal) >= 1  # once per frame that repainted the slide (the first frames do)
        assert len(set(terminal)) == 1
        match = PLACED.fullmatch(terminal[0])
        assert match is not None
        row, column = int(match[1]) - 1, int(match[2]) - 1
        assert '"1;1;400;200' in match[3]  # 40×10 cells of 10×20 pixels
        view = app.present.query_one("#slide-view")
        lines = [view.render_line(y).text for y in range(view.size.height)]
        top = row - view.region.y
        left = column - view.region.x
        for line in lines[top : top + 10]:
            assert line[left : left + 40] == " " * 40  # blank under the picture
        assert "█" not in "".join(lines) and "▀" not in "".join(lines)

        before = len(terminal)
        await pilot.press("right")
        await settled(pilot)
        assert len(terminal) == before  # a slide without the picture: nothing written
        await pilot.press("left")
        await settled(pilot)
        assert len(terminal) > before and set(terminal) == {terminal[0]}  # drawn again, encoded once


async def test_only_a_frame_that_repaints_the_pictures_cells_draws_it_again(tmp_path, terminal):
    app = make_app(flag_deck(tmp_path), images="graphics")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        stage = app.present.stage
        ((_, picture),) = stage._sixel_pictures()
        assert (picture.width, picture.height) == (40, 10)
        assert not stage.sixels_due
        stage._slide_painted(Region(0, 0, 100, picture.y))  # the rows above it
        stage._slide_painted(Region(0, picture.bottom, 100, 5))  # the rows below it
        assert not stage.sixels_due
        stage._slide_painted(Region(0, picture.bottom - 1, 100, 1))  # its last row
        assert stage.sixels_due
        before = len(terminal)
        await settled(pilot)
        assert len(terminal) == before + 1 and not stage.sixels_due


async def test_a_screen_on_top_is_never_drawn_over(tmp_path, terminal):
    app = make_app(flag_deck(tmp_path), images="graphics")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        before = len(terminal)
        app.action_command_palette()
        await settled(pilot)
        assert len(terminal) == before
        await pilot.press("escape")
        await settled(pilot)
        assert len(terminal) > before  # the palette's cells are gone: the picture is drawn again


async def test_a_new_size_is_encoded_and_drawn(tmp_path, terminal):
    app = make_app(flag_deck(tmp_path), images="graphics")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        await pilot.resize_terminal(60, 30)
        await settled(pilot)
        assert len(terminal) >= 2
        assert terminal[-1] != terminal[0] and PLACED.fullmatch(terminal[-1])


async def test_a_widget_over_part_of_the_picture_keeps_it_from_being_drawn(tmp_path, terminal):
    app = make_app(flag_deck(tmp_path), images="graphics")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        stage = app.present.stage
        ((_, picture),) = stage._sixel_pictures()
        on_screen = picture.translate(stage.slide_view.region.offset)
        assert stage._uncovered(on_screen)
        cover = Static("over it", id="cover")
        cover.styles.overlay = "screen"
        cover.styles.position = "absolute"
        cover.styles.width, cover.styles.height = 3, 1
        cover.styles.offset = (on_screen.x + 5, on_screen.y + 4)  # inside the picture, not on its edge
        before = len(terminal)
        await app.screen.mount(cover)
        await settled(pilot)
        assert not stage._uncovered(on_screen)
        assert len(terminal) == before  # its cells were repainted, but the picture is not drawn over it
        await cover.remove()
        await settled(pilot)
        assert stage._uncovered(on_screen) and len(terminal) > before
