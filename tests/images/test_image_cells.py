"""An image in cells: the size to draw it at (aspect kept, cells twice as high as wide) and the
coloured half-blocks that draw it without Textual."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from briefing.image_cells import LOWER_HALF, UPPER_HALF, HalfBlock, fit_cells, half_blocks
from briefing.images import DecodedImage, ImageCache, load_image

RED, GREEN, BLUE, WHITE = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)


def decoded(tmp_path, image: Image.Image) -> DecodedImage:
    image.save(tmp_path / "a.png")
    found = load_image("a.png", tmp_path / "talk.md", tmp_path, cache=ImageCache())
    assert isinstance(found, DecodedImage)
    return found


def test_a_large_image_fills_the_column_or_the_height_left():
    assert fit_cells(1920, 1080, 80, 40) == (80, 23)  # 16:9: 800x450 screen pixels, 22.5 rows
    assert fit_cells(1920, 1080, 80, 10) == (36, 10)  # the height left decides
    assert fit_cells(1080, 1920, 80, 20) == (23, 20)  # a portrait photo: 225x400 pixels


def test_a_small_image_keeps_its_natural_size_unless_upscaled():
    assert fit_cells(100, 40, 80, 20) == (10, 2)  # 10x20 pixel cells
    assert fit_cells(100, 40, 80, 20, upscale=True) == (80, 16)
    assert fit_cells(100, 40, 80, 20, cell_pixels=(8, 16)) == (13, 3)  # 12.5 and 2.5 cells


@pytest.mark.parametrize("box", [(0, 10), (10, 0), (-1, 5)])
def test_no_room_means_no_cells(box):
    assert fit_cells(100, 100, *box) == (0, 0)


@given(st.integers(1, 20_000), st.integers(1, 20_000), st.integers(1, 300), st.integers(1, 100), st.booleans())
def test_the_size_fits_the_box_and_keeps_the_aspect(width, height, max_columns, max_rows, upscale):
    columns, rows = fit_cells(width, height, max_columns, max_rows, upscale=upscale)
    assert 1 <= columns <= max_columns and 1 <= rows <= max_rows
    if not upscale:
        assert columns <= max(1, int(width / 10 + 0.5)) and rows <= max(1, int(height / 20 + 0.5))
    # rounding to whole cells moves each side by at most half a cell (and at least one cell)
    scale = min(max_columns / (width / 10), max_rows / (height / 20), *(() if upscale else (1.0,)))
    assert abs(columns - max(1, width / 10 * scale)) <= 0.5 + 1e-9 or columns in (1, max_columns)
    assert abs(rows - max(1, height / 20 * scale)) <= 0.5 + 1e-9 or rows in (1, max_rows)


def test_half_blocks_show_two_pixels_a_cell(tmp_path):
    image = Image.new("RGB", (2, 4))
    for (x, y), colour in {(0, 0): RED, (1, 0): GREEN, (0, 1): BLUE, (1, 1): WHITE}.items():
        image.putpixel((x, y), colour)
    image.paste(RED, (0, 2, 2, 4))
    rows = half_blocks(decoded(tmp_path, image), 2, 2)
    assert rows == (
        (HalfBlock(UPPER_HALF, RED, BLUE), HalfBlock(UPPER_HALF, GREEN, WHITE)),
        (HalfBlock(UPPER_HALF, RED, RED), HalfBlock(UPPER_HALF, RED, RED)),
    )


def test_transparent_pixels_show_the_slide_or_blend_onto_a_background(tmp_path):
    image = Image.new("RGBA", (3, 2), (0, 0, 0, 0))
    image.putpixel((0, 0), (*RED, 255))
    image.putpixel((1, 1), (*BLUE, 255))
    image.putpixel((2, 0), (*RED, 255))
    image.putpixel((2, 1), (*BLUE, 255))
    picture = decoded(tmp_path, image)
    assert half_blocks(picture, 3, 1) == (
        (
            HalfBlock(UPPER_HALF, RED, None),
            HalfBlock(LOWER_HALF, BLUE, None),
            HalfBlock(UPPER_HALF, RED, BLUE),
        ),
    )
    assert half_blocks(picture, 3, 1, background=WHITE)[0][0] == HalfBlock(UPPER_HALF, RED, WHITE)
    empty = decoded(tmp_path, Image.new("RGBA", (2, 2), (0, 0, 0, 0)))
    assert half_blocks(empty, 1, 1) == ((HalfBlock(" ", None, None),),)


def test_half_blocks_at_the_fitted_size(tmp_path):
    picture = decoded(tmp_path, Image.new("RGB", (400, 200), GREEN))
    columns, rows = fit_cells(picture.info.width, picture.info.height, 30, 30)
    cells = half_blocks(picture, columns, rows)
    assert (len(cells[0]), len(cells)) == (columns, rows) == (30, 8)
    assert {cell for row in cells for cell in row} == {HalfBlock(UPPER_HALF, GREEN, GREEN)}
    assert half_blocks(picture, 0, 5) == ()


def test_the_cells_for_a_size_are_kept_while_the_image_is(tmp_path):
    picture = decoded(tmp_path, Image.new("RGB", (400, 200), GREEN))
    first = half_blocks(picture, 20, 5)
    assert half_blocks(picture, 20, 5) is first
    assert half_blocks(picture, 20, 5, background=WHITE) is not first
    for columns in range(1, 6):  # only the last few sizes are kept
        half_blocks(picture, columns, 1)
    assert half_blocks(picture, 20, 5) is not first and half_blocks(picture, 20, 5) == first
