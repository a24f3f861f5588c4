"""Sixel pictures: one DCS frame from textual-image's encoder, the exact size of the cells in
pixels, placed with the cursor saved, moved and restored; encoded once per image and size."""

from __future__ import annotations

import re

from briefing.render import sixel
from tests.images.image_decks import halves
from tests.images.test_kitty import decoded

FRAME = re.compile(r"\x1bP[0-9;]*q\"1;1;(\d+);(\d+)[\x20-\x7e]*\x1b\\")


def flag(tmp_path):
    return decoded(tmp_path, halves((40, 20)))


def test_a_picture_is_one_frame_the_size_of_its_cells_in_pixels(tmp_path):
    frame = sixel.encode(flag(tmp_path), 4, 2, (9, 18))
    match = FRAME.fullmatch(frame)
    assert match is not None and (int(match[1]), int(match[2])) == (36, 36)


def test_a_frame_is_placed_with_the_cursor_saved_moved_and_restored():
    assert sixel.placed("\x1bPq#0~\x1b\\", 3, 7) == "\x1b7\x1b[8;4H\x1bPq#0~\x1b\\\x1b8"


def test_each_size_is_encoded_once_and_its_first_cell_is_marked(tmp_path):
    wanted = []
    pictures = sixel.SixelPictures(lambda *key: wanted.append(key), (10, 20))
    image = flag(tmp_path)
    assert pictures.cells(image, 4, 2) == "pending"
    assert pictures.cells(image, 4, 2) == "pending"
    assert wanted == [(image, 4, 2)]
    pictures.sent(image, 4, 2, "\x1bPq\x1b\\")
    rows = pictures.cells(image, 4, 2)
    assert not isinstance(rows, str) and len(rows) == 2
    assert all(sum(len(segment.text) for segment in row) == 4 for row in rows)
    name = rows[0][0].style.meta[sixel.MARK]
    assert pictures.picture(name) == ("\x1bPq\x1b\\", 4, 2)
    assert wanted == [(image, 4, 2)]


def test_without_the_cell_size_pictures_are_half_blocks(tmp_path):
    pictures = sixel.SixelPictures(lambda *key: None, None)
    assert pictures.cells(flag(tmp_path), 4, 2) == "blocks"
