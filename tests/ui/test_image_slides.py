"""Pictures in the show: drawn in half-blocks, fitted to the column and the rows left; decoded
off the UI thread (the first paint and the keys never wait for it) and once per file; a framed
placeholder with the alt text while decoding, when refused, and with `--images off`."""

from __future__ import annotations

import threading

import pytest

from briefing import deck_images
from briefing.image_cells import UPPER_HALF, fit_cells
from briefing.render import frame
from tests.images.image_decks import HOSTILE, halves, write_hostile_image_deck, write_picture_deck
from tests.ui.helpers import make_app, view_text

pytestmark = pytest.mark.timeout(60)


def picture_rows(app) -> list[str]:
    return [line.strip() for line in view_text(app).split("\n") if UPPER_HALF in line]


async def settled(pilot) -> None:
    """Every picture asked for is decoded and drawn."""
    await pilot.pause()
    await pilot.app.present.stage.pictures.settled()
    await pilot.pause()


async def test_a_picture_is_drawn_in_half_blocks_at_its_natural_size_when_it_fits(tmp_path):
    app = make_app(write_picture_deck(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        rows = picture_rows(app)
        assert len(rows) == 10 and {len(row) for row in rows} == {32}  # 320×200 px at 10×20 px a cell


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_a_large_picture_is_fitted_to_the_column_and_the_rows_left(tmp_path, size):
    halves((3000, 1500)).save(tmp_path / "wide.png")
    deck = tmp_path / "talk.md"
    deck.write_text("# Wide\n\nAbove.\n\n![Red over blue](wide.png)\n")
    app = make_app(deck)
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        width, height = frame.content_size(*size)
        rest = 5  # the title and its rule, a blank line, the text, a blank line
        assert [len(picture_rows(app)), len(picture_rows(app)[0])][::-1] == list(
            fit_cells(3000, 1500, width, height - rest)
        )
        assert "more" not in app.present.query_one("#status").render().plain  # nothing runs off


async def test_the_first_paint_and_keys_never_wait_for_a_picture(tmp_path, monkeypatch):
    gate = threading.Event()
    real = deck_images.load_image_beside

    def slow(*args):
        gate.wait(30)  # a huge photo on a slow disk
        return real(*args)

    monkeypatch.setattr(deck_images, "load_image_beside", slow)
    app = make_app(write_picture_deck(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "│ A sun over a field │" in view_text(app)  # its placeholder, at once
        await pilot.press("right")
        assert "A JPEG" in view_text(app)  # the key did not wait either
        await pilot.press("left")
        assert "│ A sun over a field │" in view_text(app) and not picture_rows(app)
        gate.set()
        await settled(pilot)
        assert picture_rows(app) and "A sun over a field" not in view_text(app)


async def test_each_file_is_decoded_once_however_often_its_slide_is_shown(tmp_path, monkeypatch):
    calls: list[str] = []
    real = deck_images.load_image_beside

    def counted(image, *args):
        calls.append(image.src)
        return real(image, *args)

    monkeypatch.setattr(deck_images, "load_image_beside", counted)
    app = make_app(write_picture_deck(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ["right", "left", "right", "right", "left", "left"]:
            await settled(pilot)
            await pilot.press(key)
        await settled(pilot)
        assert sorted(set(calls)) == sorted(calls)  # the next slide's was decoded ahead, once
        assert "pictures/sun.png" in calls and picture_rows(app)


async def test_hostile_images_are_placeholders_that_say_why(tmp_path):
    app = make_app(write_hostile_image_deck(tmp_path / "deck"))
    async with app.run_test(size=(100, 30)) as pilot:
        for index, (reference, _, reason) in enumerate(HOSTILE):
            await settled(pilot)
            text = view_text(app)
            assert f"{reference}: {reason}" in text, text
            assert "┌" in text and not picture_rows(app)
            if index < len(HOSTILE) - 1:
                await pilot.press("right")


async def test_images_off_draws_placeholders_and_decodes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(deck_images, "load_image_beside", lambda *args: pytest.fail("decoded with images off"))
    app = make_app(write_picture_deck(tmp_path), images="off")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert "│ A sun over a field │" in view_text(app) and not picture_rows(app)
        await pilot.press("right")
        await settled(pilot)
        assert "│ Stripes │" in view_text(app)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_snapshot_of_an_image_slide(snap_compare, tmp_path, size):
    app = make_app(write_picture_deck(tmp_path))
    assert snap_compare(app, terminal_size=size, run_before=settled)
