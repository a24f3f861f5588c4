"""Slide images: what loads (PNG, JPEG, GIF's first frame, WebP), what is refused and why, and the
cache. Every fixture is made here with Pillow; every hostile file is a problem value, never an
exception and never a hang."""

from __future__ import annotations

import io
import os
import struct
import threading
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from briefing.images import (
    MAX_BYTES,
    DecodedImage,
    ImageCache,
    ImageInfo,
    ImageProblem,
    inspect_image,
    json_metadata,
    load_image,
    resolve_image,
)
from tests.conftest import deny_reading
from tests.images.image_decks import png_declaring

pytestmark = pytest.mark.timeout(20)

RED, GREEN, BLUE = (255, 0, 0), (0, 255, 0), (0, 0, 255)


@pytest.fixture
def deck(tmp_path) -> Path:
    directory = tmp_path / "deck"
    directory.mkdir()
    (directory / "talk.md").write_text("# Slide\n")
    return directory


def load(deck: Path, reference: str, **options) -> DecodedImage | ImageProblem:
    return load_image(reference, deck / "talk.md", deck, cache=ImageCache(), **options)


def inspect(deck: Path, reference: str) -> ImageInfo | ImageProblem:
    return inspect_image(reference, deck / "talk.md", deck)


def save(path: Path, image: Image.Image, image_format: str, **options) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, image_format, **options)
    return path


def pixel(decoded: DecodedImage, x: int, y: int) -> tuple[int, int, int, int]:
    offset = 4 * (y * decoded.width + x)
    return tuple(decoded.rgba[offset : offset + 4])  # type: ignore[return-value]


def close_to(actual, expected, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(actual, expected, strict=True))


# --- what loads ---------------------------------------------------------------------------


@pytest.mark.parametrize(("image_format", "suffix"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_each_format_decodes_to_rgba(deck, image_format, suffix):
    image = Image.new("RGB", (40, 20), RED)
    image.paste(BLUE, (20, 0, 40, 20))
    save(deck / f"picture.{suffix}", image, image_format, **({"quality": 95} if image_format != "PNG" else {}))
    decoded = load(deck, f"picture.{suffix}")
    assert isinstance(decoded, DecodedImage)
    assert (decoded.width, decoded.height) == (40, 20) == (decoded.info.width, decoded.info.height)
    assert decoded.info.format == image_format and len(decoded.rgba) == 40 * 20 * 4
    assert close_to(pixel(decoded, 5, 10), (*RED, 255)) and close_to(pixel(decoded, 35, 10), (*BLUE, 255))


def test_an_animated_gif_shows_its_first_frame(deck):
    frames = [Image.new("RGB", (16, 16), colour) for colour in (GREEN, RED, BLUE)]
    frames[0].save(deck / "anim.gif", "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    decoded = load(deck, "anim.gif")
    assert isinstance(decoded, DecodedImage) and decoded.info.format == "GIF"
    assert {pixel(decoded, x, y) for x in range(16) for y in range(16)} == {(*GREEN, 255)}


def test_a_transparent_gif_keeps_its_transparency(deck):
    image = Image.new("P", (4, 4), 0)
    image.putpalette([*RED, *GREEN] + [0] * 762)
    image.putpixel((0, 0), 1)
    image.save(deck / "clear.gif", "GIF", transparency=1)
    decoded = load(deck, "clear.gif")
    assert pixel(decoded, 0, 0)[3] == 0 and pixel(decoded, 1, 1) == (*RED, 255)


def test_a_large_image_is_decoded_no_larger_than_needed(deck):
    save(deck / "wide.png", Image.new("RGB", (3000, 1000), GREEN), "PNG")
    decoded = load(deck, "wide.png", max_side=600)
    assert (decoded.width, decoded.height) == (600, 200)
    assert (decoded.info.width, decoded.info.height) == (3000, 1000)


def test_a_photo_is_turned_upright_by_its_exif_orientation(deck):
    image = Image.new("RGB", (60, 20), RED)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    save(deck / "phone.jpg", image, "JPEG", exif=exif.tobytes())
    decoded = load(deck, "phone.jpg")
    assert (decoded.width, decoded.height) == (20, 60)
    info = inspect(deck, "phone.jpg")
    assert (info.width, info.height) == (20, 60)


@pytest.mark.parametrize(
    ("image_format", "suffix"), [("PNG", "png"), ("JPEG", "jpg"), ("GIF", "gif"), ("WEBP", "webp")]
)
def test_inspecting_reads_only_the_header(deck, image_format, suffix, monkeypatch):
    save(deck / f"a.{suffix}", Image.new("RGB", (30, 10), RED), image_format)
    decoded: list[object] = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(self) or real_load(self))
    info = inspect(deck, f"a.{suffix}")
    assert (info.format, info.width, info.height) == (image_format, 30, 10)
    assert decoded == []


def test_a_png_turned_by_exif_after_its_pixels_is_turned_once_decoded(deck):
    exif = Image.Exif()
    exif[0x0112] = 8
    image = Image.new("RGB", (60, 20), RED)
    data = io.BytesIO()
    image.save(data, "PNG")
    # Put the eXIf chunk after IDAT, as some writers do: only decoding finds it.
    payload = exif.tobytes()[6:] if exif.tobytes().startswith(b"Exif\0\0") else exif.tobytes()
    chunk = struct.pack(">I", len(payload)) + b"eXIf" + payload + struct.pack(">I", zlib.crc32(b"eXIf" + payload))
    raw = data.getvalue()
    (deck / "late.png").write_bytes(raw[:-12] + chunk + raw[-12:])
    decoded = load(deck, "late.png")
    assert (decoded.width, decoded.height) == (20, 60) == (decoded.info.width, decoded.info.height)


def test_references_are_relative_to_the_file_that_holds_them(deck):
    save(deck / "images" / "a.png", Image.new("RGB", (2, 2), RED), "PNG")
    save(deck / "my pic.png", Image.new("RGB", (2, 2), RED), "PNG")
    part = deck / "part1" / "slides.md"
    part.parent.mkdir()
    part.write_text("# Part\n")
    assert isinstance(load_image("../images/a.png", part, deck, cache=ImageCache()), DecodedImage)
    assert load_image("images/a.png", part, deck).reason == "not found"
    assert isinstance(load(deck, "./images/../images/a.png"), DecodedImage)
    assert isinstance(load(deck, "my%20pic.png"), DecodedImage)  # as markdown-it escapes a space
    assert isinstance(load(deck, str(deck / "images" / "a.png")), DecodedImage)  # absolute, inside
    found = resolve_image("../images/a.png", part, deck)
    assert found.relative_path == "images/a.png" and found.path == (deck / "images" / "a.png").resolve()


def test_a_symlink_inside_the_deck_to_a_file_inside_it_is_fine(deck):
    save(deck / "real.png", Image.new("RGB", (2, 2), RED), "PNG")
    (deck / "alias.png").symlink_to(deck / "real.png")
    assert isinstance(load(deck, "alias.png"), DecodedImage)


def test_pixels_are_read_only(deck):
    save(deck / "a.png", Image.new("RGB", (2, 2), RED), "PNG")
    decoded = load(deck, "a.png")
    view = decoded.pil()
    view.putpixel((0, 0), (1, 2, 3, 4))  # Pillow copies first
    assert pixel(decoded, 0, 0) == (*RED, 255)


def test_json_metadata(deck):
    save(deck / "images" / "a.png", Image.new("RGB", (30, 10), RED), "PNG")
    size = (deck / "images" / "a.png").stat().st_size
    expected = {"path": "images/a.png", "alt": "A chart", "format": "png", "width": 30, "height": 10, "bytes": size}
    assert json_metadata(inspect(deck, "images/a.png"), "A chart") == expected
    assert json_metadata(load(deck, "images/a.png"), "A chart") == expected
    assert json_metadata(inspect(deck, "gone.png"), "Gone") == {
        "path": "gone.png",
        "alt": "Gone",
        "problem": "not found",
    }


# --- what is refused ------------------------------------------------------------------------


def _truncated_png(deck: Path) -> str:
    noise = Image.effect_noise((200, 200), 60).convert("RGB")
    data = io.BytesIO()
    noise.save(data, "PNG")
    (deck / "cut.png").write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    return "cut.png"


def _truncated_jpeg(deck: Path) -> str:
    noise = Image.effect_noise((200, 200), 60).convert("RGB")
    data = io.BytesIO()
    noise.save(data, "JPEG")
    (deck / "cut.jpg").write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    return "cut.jpg"


def _bomb(deck: Path) -> str:
    (deck / "bomb.png").write_bytes(png_declaring(100_000, 100_000))  # 10 gigapixels
    return "bomb.png"


def _bomb_in_pillows_warning_range(deck: Path) -> str:
    (deck / "warn.png").write_bytes(png_declaring(10_000, 10_000))  # over Pillow's limit, under 2x
    return "warn.png"


def _over_40_megapixels(deck: Path) -> str:
    (deck / "big.png").write_bytes(png_declaring(8_000, 6_000))  # 48 MP, under Pillow's own limit
    return "big.png"


def _symlink_out(deck: Path) -> str:
    outside = save(deck.parent / "secret.png", Image.new("RGB", (2, 2), RED), "PNG")
    (deck / "link.png").symlink_to(outside)
    return "link.png"


def _directory_symlink_out(deck: Path) -> str:
    save(deck.parent / "elsewhere" / "x.png", Image.new("RGB", (2, 2), RED), "PNG")
    (deck / "pictures").symlink_to(deck.parent / "elsewhere")
    return "pictures/x.png"


def _dot_dot(deck: Path) -> str:
    save(deck.parent / "secret.png", Image.new("RGB", (2, 2), RED), "PNG")
    return "../secret.png"


def _absolute_outside(deck: Path) -> str:
    return str(save(deck.parent / "secret.png", Image.new("RGB", (2, 2), RED), "PNG"))


def _missing_outside(deck: Path) -> str:
    return "../no-such-file.png"  # refused as outside, so nothing says whether it exists


def _fifo(deck: Path) -> str:
    os.mkfifo(deck / "pipe.png")
    return "pipe.png"


def _over_20_mib(deck: Path) -> str:
    with (deck / "huge.png").open("wb") as handle:
        handle.write(png_declaring(10, 10))
        handle.truncate(21 * 1024 * 1024)  # sparse: costs no disk
    return "huge.png"


def _not_an_image(deck: Path) -> str:
    (deck / "notes.png").write_text("# not a picture\n")
    return "notes.png"


def _another_format(deck: Path) -> str:
    save(deck / "old.bmp", Image.new("RGB", (4, 4), RED), "BMP")
    return "old.bmp"


def _empty(deck: Path) -> str:
    (deck / "empty.png").touch()
    return "empty.png"


def _directory(deck: Path) -> str:
    (deck / "folder.png").mkdir()
    return "folder.png"


HOSTILE = {
    "truncated PNG": (_truncated_png, "corrupt or truncated: it cannot be decoded"),
    "truncated JPEG": (_truncated_jpeg, "corrupt or truncated: it cannot be decoded"),
    "decompression bomb": (_bomb, "too large: over 40 megapixels"),
    "bomb in Pillow's warning range": (_bomb_in_pillows_warning_range, "too large: over 40 megapixels"),
    "over 40 megapixels": (_over_40_megapixels, "too large: over 40 megapixels (8000×6000)"),
    "symlink out of the deck": (_symlink_out, "outside the deck's directory"),
    "directory symlink out of the deck": (_directory_symlink_out, "outside the deck's directory"),
    "path with ..": (_dot_dot, "outside the deck's directory"),
    "absolute path outside": (_absolute_outside, "outside the deck's directory"),
    "missing and outside": (_missing_outside, "outside the deck's directory"),
    "FIFO": (_fifo, "not a regular file"),
    "21 MiB file": (_over_20_mib, "too large: 21.0 MiB (at most 20 MiB)"),
    "not an image": (_not_an_image, "not a PNG, JPEG, GIF or WebP image"),
    "BMP": (_another_format, "not a PNG, JPEG, GIF or WebP image"),
    "empty file": (_empty, "an empty file"),
    "directory": (_directory, "a directory, not an image"),
}


@pytest.mark.timeout(10)
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_image_is_a_problem_never_a_crash_or_a_hang(deck, case, monkeypatch):
    make, reason = HOSTILE[case]
    reference = make(deck)
    decoded: list[object] = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(self) or real_load(self))
    assert load(deck, reference) == ImageProblem(reference, reason)
    if "truncated" in case:  # only decoding finds that the data stops short
        assert isinstance(inspect(deck, reference), ImageInfo)
    else:
        assert inspect(deck, reference) == ImageProblem(reference, reason)
    if "bomb" in case or "megapixels" in case:
        assert decoded == []  # refused from the header alone


@pytest.mark.parametrize(
    "reference",
    [
        "http://example.com/a.png",
        "https://example.com/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
        "//example.com/a.png",
        "ftp://host/a.png",
        "C:\\pictures\\a.png",
        "javascript:x",
    ],
)
def test_a_url_is_never_fetched(deck, reference, monkeypatch):
    # undone before the fixtures' own clean-up, which opens files
    with monkeypatch.context() as patch:
        patch.setattr(os, "open", lambda *args, **kwargs: pytest.fail("opened a file"))
        found = [load(deck, reference), inspect(deck, reference)]
    assert found == [ImageProblem(reference, "a URL: only files in the deck's directory are shown")] * 2


@pytest.mark.parametrize(
    ("reference", "reason"), [("", "no file named"), ("  ", "no file named"), ("a%00.png", "not a file name")]
)
def test_odd_references(deck, reference, reason):
    assert load(deck, reference) == ImageProblem(reference, reason)


def test_an_unreadable_image(deck, monkeypatch):
    path = save(deck / "locked.png", Image.new("RGB", (2, 2), RED), "PNG")
    deny_reading(monkeypatch, path.resolve())
    assert load(deck, "locked.png") == ImageProblem("locked.png", "cannot be read: permission denied")


def test_the_limit_is_20_mib():
    assert MAX_BYTES == 20 * 1024 * 1024


# --- the cache ------------------------------------------------------------------------------


def test_a_shown_image_comes_from_the_cache_until_the_file_changes(deck):
    path = save(deck / "a.png", Image.new("RGB", (8, 8), RED), "PNG")
    cache = ImageCache()
    first = load_image("a.png", deck / "talk.md", deck, cache=cache)
    again = load_image("a.png", deck / "talk.md", deck, cache=cache)
    assert again is first
    other_name = load_image("./a.png", deck / "talk.md", deck, cache=cache)
    assert other_name.rgba is first.rgba and other_name.info.file.reference == "./a.png"
    save(path, Image.new("RGB", (8, 9), BLUE), "PNG")
    os.utime(path, ns=(1, first.info.file.mtime_ns + 10**9))
    changed = load_image("a.png", deck / "talk.md", deck, cache=cache)
    assert changed.height == 9 and pixel(changed, 0, 0) == (*BLUE, 255)


def test_a_corrupt_image_is_remembered_as_a_problem(deck):
    reference = _truncated_png(deck)
    cache = ImageCache()
    first = load_image(reference, deck / "talk.md", deck, cache=cache)
    assert isinstance(first, ImageProblem) and len(cache) == 1
    assert load_image(reference, deck / "talk.md", deck, cache=cache) == first


def test_a_truncated_image_is_a_problem_even_when_a_library_tells_pillow_to_allow_it(deck, monkeypatch):
    # WeasyPrint (the PDF export) sets this process-wide switch when it is imported.
    from PIL import ImageFile as PillowImageFile

    monkeypatch.setattr(PillowImageFile, "LOAD_TRUNCATED_IMAGES", True)
    found = load_image(_truncated_png(deck), deck / "talk.md", deck, cache=ImageCache())
    assert isinstance(found, ImageProblem)
    assert PillowImageFile.LOAD_TRUNCATED_IMAGES is True  # and the switch is left as it was


def test_the_cache_keeps_the_most_recently_used_within_its_budgets(deck):
    images = []
    for number in range(4):
        save(deck / f"{number}.png", Image.new("RGB", (16, 16), RED), "PNG")  # 1 KiB decoded
        images.append(f"{number}.png")
    cache = ImageCache(max_bytes=3 * 1024, max_entries=10)
    first = [load_image(name, deck / "talk.md", deck, cache=cache) for name in images[:3]]
    load_image(images[0], deck / "talk.md", deck, cache=cache)  # 0 is now the most recent
    load_image(images[3], deck / "talk.md", deck, cache=cache)  # evicts 1, the least recent
    assert len(cache) == 3
    assert load_image(images[0], deck / "talk.md", deck, cache=cache) is first[0]
    assert load_image(images[1], deck / "talk.md", deck, cache=cache) is not first[1]
    small = ImageCache(max_entries=2)
    for name in images:
        load_image(name, deck / "talk.md", deck, cache=small)
    assert len(small) == 2


def test_loading_from_many_threads_at_once(deck):
    colours = [RED, GREEN, BLUE, (255, 255, 0)]
    for number, colour in enumerate(colours):
        save(deck / f"{number}.png", Image.new("RGB", (64, 64), colour), "PNG")
    cache = ImageCache(max_entries=2)  # evictions race with lookups
    failures: list[str] = []

    def work(offset: int) -> None:
        for round_ in range(25):
            number = (offset + round_) % len(colours)
            found = load_image(f"{number}.png", deck / "talk.md", deck, cache=cache)
            if not isinstance(found, DecodedImage) or pixel(found, 3, 3) != (*colours[number], 255):
                failures.append(f"{number}: {found}")

    threads = [threading.Thread(target=work, args=(offset,)) for offset in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
