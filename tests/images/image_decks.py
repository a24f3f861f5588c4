"""Decks with pictures, made in the test with Pillow: one slide per format, and a hostile set."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

PICTURE_SLIDES = """\
# A PNG

![A sun over a field](pictures/sun.png)

---

# A JPEG

![Stripes](stripes.jpg)

---

# A GIF

![Red then green](blink.gif)

---

# A WebP

![Halves](halves.webp)

---

# In running text

Here ![a sun](pictures/sun.png) stays text.
"""

HOSTILE_SLIDES = """\
# Cut short

![A truncated picture](cut.png)

---

# A bomb

![A decompression bomb](bomb.png)

---

# A way out

![A symlink out of the deck](link.png)

---

# Up and out

![A path with dot dot](../secret.png)

---

# Not there

![A missing picture](nowhere.png)
"""

# Each hostile slide's image reference, its line in talk.md, and the reason `check` gives.
HOSTILE = [
    ("cut.png", 3, "corrupt or truncated: it cannot be decoded"),
    ("bomb.png", 9, "too large: over 40 megapixels"),
    ("link.png", 15, "outside the deck's directory"),
    ("../secret.png", 21, "outside the deck's directory"),
    ("nowhere.png", 27, "not found"),
]


def sun() -> Image.Image:
    """A flat-coloured scene (no gradients, so it draws the same everywhere): 320×200."""
    image = Image.new("RGB", (320, 200), (20, 30, 120))
    draw = ImageDraw.Draw(image)
    draw.ellipse((110, 40, 210, 140), fill=(250, 210, 0))
    draw.rectangle((0, 160, 320, 200), fill=(0, 120, 40))
    return image


def halves(size: tuple[int, int] = (200, 100)) -> Image.Image:
    """Top half red, bottom half blue."""
    image = Image.new("RGB", size, (255, 0, 0))
    ImageDraw.Draw(image).rectangle((0, size[1] // 2, size[0], size[1]), fill=(0, 0, 255))
    return image


def write_picture_deck(directory: Path) -> Path:
    """talk.md with a PNG, a JPEG, an animated GIF and a WebP slide, and an image in text."""
    (directory / "pictures").mkdir(parents=True, exist_ok=True)
    sun().save(directory / "pictures" / "sun.png", "PNG")
    stripes = Image.new("RGB", (400, 300), (240, 240, 240))
    for x in range(0, 400, 80):
        ImageDraw.Draw(stripes).rectangle((x, 0, x + 39, 300), fill=(30, 30, 30))
    stripes.save(directory / "stripes.jpg", "JPEG", quality=95)
    red, green = Image.new("RGB", (60, 40), (255, 0, 0)), Image.new("RGB", (60, 40), (0, 255, 0))
    red.save(directory / "blink.gif", "GIF", save_all=True, append_images=[green], duration=100, loop=0)
    halves().save(directory / "halves.webp", "WEBP", lossless=True)
    deck = directory / "talk.md"
    deck.write_text(PICTURE_SLIDES, encoding="utf-8")
    return deck


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height`: a decompression bomb's calling card."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def write_hostile_image_deck(directory: Path) -> Path:
    """talk.md in `directory`, whose images are each refused; a secret picture beside it."""
    directory.mkdir(parents=True, exist_ok=True)
    data = io.BytesIO()
    sun().save(data, "PNG")
    (directory / "cut.png").write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    (directory / "bomb.png").write_bytes(png_declaring(100_000, 100_000))
    secret = directory.parent / "secret.png"
    halves().save(secret, "PNG")
    (directory / "link.png").symlink_to(secret)
    deck = directory / "talk.md"
    deck.write_text(HOSTILE_SLIDES, encoding="utf-8")
    return deck
