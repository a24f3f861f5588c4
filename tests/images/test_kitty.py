"""Pictures in kitty's graphics protocol (`--images graphics`, through textual-image): what is
sent to the terminal for a small picture, the placeholder cells that show it, sending each
picture once per size, and importing the library without it querying the terminal."""

from __future__ import annotations

import base64
import io
import os
import pty
import re
import subprocess
import sys

import pytest
from PIL import Image

from briefing.images import DecodedImage, ImageCache, load_image
from briefing.render.kitty import KittyPictures, Transmission, deletion, transmission
from tests.images.image_decks import halves
from tests.processes import kill_session

pytestmark = pytest.mark.timeout(60)

PLACEHOLDER = "\U0010eeee"
# the first diacritics of kitty's table: a cell's row or column 0, 1, 2, ...
ROW_COLUMN = ["\u0305", "\u030d", "\u030e", "\u0310", "\u0312"]


def decoded(tmp_path, image: Image.Image) -> DecodedImage:
    image.save(tmp_path / "a.png")
    found = load_image("a.png", tmp_path / "talk.md", tmp_path, cache=ImageCache())
    assert isinstance(found, DecodedImage)
    return found


def frames(sent: Transmission) -> list[tuple[dict[str, str], str]]:
    """Each frame's keys and payload."""
    found = re.findall(r"\x1b_G([^;\x1b]*)(?:;([^\x1b]*))?\x1b\\", sent.frames)
    assert "".join(f"\x1b_G{keys}" + (f";{data}" if data else "") + "\x1b\\" for keys, data in found) == sent.frames
    return [(dict(pair.split("=", 1) for pair in keys.split(",")), data) for keys, data in found]


def test_a_picture_is_sent_once_as_a_png_and_placed_on_its_cells(tmp_path):
    sent = transmission(decoded(tmp_path, halves((400, 200))), 4, 2)
    *data, placement = frames(sent)
    image_id = str(sent.image_id)
    assert all(keys["i"] == image_id and keys["f"] == "100" and keys["q"] == "2" for keys, _ in data)
    assert [keys["m"] for keys, _ in data] == ["1"] * (len(data) - 1) + ["0"]  # chunked: more, more, last
    png = Image.open(io.BytesIO(base64.b64decode("".join(payload for _, payload in data))))
    assert png.format == "PNG" and png.size == (40, 40)  # 4×2 cells of 10×20 pixels
    assert png.convert("RGB").getpixel((20, 5)) == (255, 0, 0) and png.convert("RGB").getpixel((20, 35)) == (0, 0, 255)
    # a virtual placement of 4×2 cells, for placeholders to show; the terminal is asked not to answer
    assert placement == ({"a": "p", "i": image_id, "c": "4", "r": "2", "U": "1", "q": "2"}, "")


def test_placeholder_cells_name_the_image_by_colour_and_their_row_and_column(tmp_path):
    sent = transmission(decoded(tmp_path, halves((400, 200))), 4, 2)
    assert len(sent.rows) == 2
    image_id = sent.image_id
    high = None
    for row, segments in enumerate(sent.rows):
        text = "".join(segment.text for segment in segments)
        cells = text.split(PLACEHOLDER)[1:]
        assert len(cells) == 4 and text.startswith(PLACEHOLDER)
        for column, marks in enumerate(cells):
            assert marks[:2] == ROW_COLUMN[row] + ROW_COLUMN[column]
            high = high or marks[2]  # the id's highest byte, the same in every cell
            assert marks[2] == high
        for segment in segments:
            colour = segment.style.color.triplet
            assert (colour.red << 16 | colour.green << 8 | colour.blue) == image_id & 0xFFFFFF


def test_what_is_sent_is_only_the_protocols_frames(tmp_path):
    sent = transmission(decoded(tmp_path, halves((30, 30))), 3, 1)
    # an escape starts a frame and ends one, and nothing else: no query, no cursor movement
    assert sent.frames.count("\x1b") == 2 * len(frames(sent))
    assert "a=q" not in sent.frames and "\x07" not in sent.frames


def test_a_picture_wider_than_the_placeholders_can_number_is_refused(tmp_path):
    from briefing.render.kitty import CannotSend

    with pytest.raises(CannotSend):
        transmission(decoded(tmp_path, halves((40, 20))), 400, 2)


class Terminal:
    def __init__(self) -> None:
        self.written: list[str] = []
        self.wanted: list[tuple[int, int]] = []


def pictures(kept: int = 24) -> tuple[KittyPictures, Terminal]:
    terminal = Terminal()
    return (
        KittyPictures(terminal.written.append, lambda image, c, r: terminal.wanted.append((c, r)), kept=kept),
        terminal,
    )


def test_each_picture_is_encoded_and_sent_once_per_size(tmp_path):
    image = decoded(tmp_path, halves((40, 20)))
    kitty, terminal = pictures()
    assert kitty.cells(image, 4, 1) == "pending" and kitty.cells(image, 4, 1) == "pending"
    assert terminal.wanted == [(4, 1)]  # asked for once, while it is being encoded
    encoded = transmission(image, 4, 1)
    kitty.sent(image, 4, 1, encoded)
    assert terminal.written == [encoded.frames]
    for _ in range(3):  # drawn again and again: only cells, nothing sent
        assert kitty.cells(image, 4, 1) == encoded.rows
    assert terminal.written == [encoded.frames] and terminal.wanted == [(4, 1)]
    assert kitty.cells(image, 2, 1) == "pending" and terminal.wanted == [(4, 1), (2, 1)]  # another size


def test_old_pictures_are_freed_and_one_that_cannot_be_sent_is_drawn_in_half_blocks(tmp_path):
    image = decoded(tmp_path, halves((40, 20)))
    kitty, terminal = pictures(kept=1)
    first, second = transmission(image, 4, 1), transmission(image, 2, 1)
    kitty.sent(image, 4, 1, first)
    kitty.sent(image, 2, 1, second)
    assert terminal.written == [first.frames, second.frames, deletion(first.image_id)]
    assert deletion(first.image_id) == f"\x1b_Ga=d,d=I,i={first.image_id},q=2\x1b\\"
    kitty.cells(image, 3, 1)
    kitty.failed(image, 3, 1)
    assert kitty.cells(image, 3, 1) == "blocks"


CHILD = """
import sys
from PIL import Image
from briefing.images import DecodedImage, ImageCache, load_image
from briefing.render.kitty import transmission
Image.new("RGB", (40, 20), (255, 0, 0)).save(sys.argv[1] + "/a.png")
image = load_image("a.png", sys.argv[1] + "/talk.md", sys.argv[1], cache=ImageCache())
sent = transmission(image, 4, 1)
with open(sys.argv[1] + "/done", "w") as done:
    done.write(str(len(sent.frames)))
"""


def test_the_library_never_queries_the_terminal(tmp_path):
    """textual-image 0.12 asks the terminal about sixel and kitty support when imported, when
    standard output is a terminal; briefing imports it so that it does not."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        start_new_session=True,
    ) as child:
        os.close(follower)
        try:
            child.wait(timeout=30)  # the terminal here never answers: a query would wait on it
        except subprocess.TimeoutExpired:
            kill_session(child.pid)
            raise
    written = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child has gone and its side is closed
            break
        if not chunk:
            break
        written += chunk
    os.close(leader)
    assert child.returncode == 0, written
    assert int((tmp_path / "done").read_text()) > 0
    assert written == b""  # no "\x1b[c", no "\x1b_G...a=q", no "\x1b[16t": nothing at all
