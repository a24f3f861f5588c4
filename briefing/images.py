"""A slide's images: local files inside the deck, checked before they are read, decoded safely.

A deck is untrusted input, and so is every file it points at. An image reference is refused
unless it names a regular file inside the deck's directory (after symlinks are resolved); no URL
is ever fetched. A file over 20 MiB or a header declaring over 40 megapixels is refused before
any pixel is decoded, so a decompression bomb costs a header read. Whatever goes wrong becomes
an `ImageProblem` with a short reason: the integrator draws a framed placeholder with the alt
text and `briefing check` reports `file:line: image REF: reason`. Nothing here raises for a bad
file, and nothing here blocks on one (a FIFO is never opened for reading).

Decoding is meant for a worker thread: every function is thread-safe, and decoded images are
kept in a small LRU cache keyed by (path, mtime, size), so an image shown once is instant when
its slide comes back. Decoded pixels are immutable; `DecodedImage.pil()` is a read-only view.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import threading
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import unquote

from PIL import Image, ImageOps, UnidentifiedImageError
from PIL import ImageFile as PillowImageFile

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
DEFAULT_MAX_SIDE = 2048
"""Decoded images are scaled down to at most this many pixels a side (a JPEG to between 3/4 of
it and it): more than a terminal shows even with a graphics protocol on a large screen, and it
bounds memory and decode time."""

# A URL scheme (http:, data:, file:, C: too: never a local path here) or a network path (//host).
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")
_ORIENTATION = 0x0112
_TURNED = (5, 6, 7, 8)  # EXIF orientations that swap width and height
_NOT_AN_IMAGE = "not a PNG, JPEG, GIF or WebP image"


@dataclass(frozen=True)
class ImageProblem:
    """Why an image cannot be shown, in a few words for the presenter (and `check`)."""

    reference: str
    reason: str

    def __str__(self) -> str:
        return f"image {self.reference}: {self.reason}"


@dataclass(frozen=True)
class ImageFile:
    """A reference resolved to a regular file inside the deck; its content not yet read."""

    reference: str
    path: Path
    """Absolute, symlinks resolved."""
    relative_path: str
    """POSIX path from the deck's directory, for exports."""
    byte_size: int
    mtime_ns: int


@dataclass(frozen=True)
class ImageInfo:
    """What an image's header says: the file, its format and its size as shown (EXIF
    orientation applied)."""

    file: ImageFile
    format: str
    width: int
    height: int


@dataclass(frozen=True, eq=False)
class DecodedImage:
    """RGBA pixels, at most `max_side` a side (see DEFAULT_MAX_SIDE); `info` has the source's."""

    info: ImageInfo
    width: int
    height: int
    rgba: bytes
    opaque: bool = False
    """Every pixel's alpha is 255: resampling may then skip alpha (several times faster)."""

    def pil(self) -> Image.Image:
        """A Pillow image sharing these pixels, read-only: Pillow copies before any change."""
        return Image.frombuffer("RGBA", (self.width, self.height), self.rgba, "raw", "RGBA", 0, 1)


def resolve_image(reference: str, referencing_file: Path, deck_directory: Path) -> ImageFile | ImageProblem:
    """Find the file an image reference names, without reading it.

    `reference` is the image's destination from the slide (percent-escapes, which markdown-it
    adds for spaces and non-ASCII, are decoded); a relative one is relative to the file that
    holds the reference. The file must be inside `deck_directory` once symlinks are resolved.
    """
    text = reference.strip()
    if not text:
        return ImageProblem(reference, "no file named")
    if _URL.match(text):
        return ImageProblem(reference, "a URL: only files in the deck's directory are shown")
    name = unquote(text)
    if "\0" in name:
        return ImageProblem(reference, "not a file name")
    root = Path(os.path.realpath(deck_directory))
    path = Path(os.path.realpath(Path(referencing_file).parent / name))
    if not path.is_relative_to(root):
        return ImageProblem(reference, "outside the deck's directory")
    try:
        status = path.stat()
    except OSError as error:
        return ImageProblem(reference, _unreadable(error))
    refusal = _refusal(status)
    if refusal is not None:
        return ImageProblem(reference, refusal)
    return ImageFile(reference, path, path.relative_to(root).as_posix(), status.st_size, status.st_mtime_ns)


def inspect_image(reference: str, referencing_file: Path, deck_directory: Path) -> ImageInfo | ImageProblem:
    """Resolve an image and read its header only (well under a millisecond): for the JSON
    export, and a placeholder's size before the image is decoded. It cannot see that the data
    stops short, so `check` calls `load_image`."""
    found = resolve_image(reference, referencing_file, deck_directory)
    if isinstance(found, ImageProblem):
        return found
    with _opened(found) as opened:
        if isinstance(opened, ImageProblem):
            return opened
        handle, found = opened
        header = _read_header(handle, found)
        if isinstance(header, ImageProblem):
            return header
        image, info = header
        image.close()
        return info


def load_image(
    reference: str,
    referencing_file: Path,
    deck_directory: Path,
    *,
    max_side: int = DEFAULT_MAX_SIDE,
    cache: ImageCache | None = None,
) -> DecodedImage | ImageProblem:
    """Resolve, check and decode an image (the first frame of an animation) to RGBA, at most
    `max_side` pixels a side. Slow the first time (tens of milliseconds for a photo): call it
    off the UI thread. Served from `cache` (the shared DEFAULT_CACHE unless given) while the
    file's mtime and size stay the same."""
    found = resolve_image(reference, referencing_file, deck_directory)
    if isinstance(found, ImageProblem):
        return found
    cache = DEFAULT_CACHE if cache is None else cache
    with _opened(found) as opened:
        if isinstance(opened, ImageProblem):
            return opened
        handle, found = opened
        key = (found.path, found.mtime_ns, found.byte_size, max_side)
        cached = cache.get(key)
        if cached is not None:
            return _for(reference, cached)
        decoded = _decode(handle, found, max_side)
        cache.put(key, decoded)
        return decoded


def json_metadata(found: ImageInfo | DecodedImage | ImageProblem, alt: str) -> dict[str, object]:
    """What the JSON export says of an image: its path from the deck's directory, alt text,
    pixel size (as shown) and byte size; or, for one that cannot be shown, why not."""
    if isinstance(found, ImageProblem):
        return {"path": found.reference, "alt": alt, "problem": found.reason}
    info = found.info if isinstance(found, DecodedImage) else found
    return {
        "path": info.file.relative_path,
        "alt": alt,
        "format": info.format.lower(),
        "width": info.width,
        "height": info.height,
        "bytes": info.file.byte_size,
    }


def _refusal(status: os.stat_result) -> str | None:
    """Why a file with this status is not read at all, if it is not."""
    if stat.S_ISDIR(status.st_mode):
        return "a directory, not an image"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file"  # a FIFO would block the reader; a device never ends
    if status.st_size > MAX_BYTES:
        return f"too large: {status.st_size / (1 << 20):.1f} MiB (at most {MAX_BYTES >> 20} MiB)"
    if status.st_size == 0:
        return "an empty file"
    return None


def _unreadable(error: OSError) -> str:
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return "not found"
    return f"cannot be read: {(error.strerror or str(error)).lower()}"


@contextlib.contextmanager
def _opened(found: ImageFile) -> Iterator[tuple[IO[bytes], ImageFile] | ImageProblem]:
    """The file open for reading, with the status of what was actually opened (it may have
    changed since it was resolved): never blocking, never through a symlink swapped in."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        descriptor = os.open(found.path, flags)
    except OSError as error:
        yield ImageProblem(found.reference, _unreadable(error))
        return
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        refusal = _refusal(status)
        if refusal is not None:
            yield ImageProblem(found.reference, refusal)
        else:
            yield handle, _with_status(found, status)


def _with_status(found: ImageFile, status: os.stat_result) -> ImageFile:
    return ImageFile(found.reference, found.path, found.relative_path, status.st_size, status.st_mtime_ns)


_WARNINGS_LOCK = threading.Lock()


@contextlib.contextmanager
def _bombs_refused() -> Iterator[None]:
    """Pillow's decompression-bomb warning raised as an error while a header is read.

    `warnings.catch_warnings` changes process-wide state, hence the lock; it is held only for
    a header read, and what it changes only turns that one warning category into an error.
    """
    with _WARNINGS_LOCK, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def _pixel_limit() -> int:
    """MAX_PIXELS, or less if the application has lowered Pillow's own limit."""
    pillow_limit = Image.MAX_IMAGE_PIXELS
    return MAX_PIXELS if pillow_limit is None else min(MAX_PIXELS, pillow_limit)


def _read_header(handle: IO[bytes], found: ImageFile) -> tuple[Image.Image, ImageInfo] | ImageProblem:
    """Open the image (Pillow reads only its header) and check its declared size."""
    too_large = f"too large: over {_pixel_limit() / 1e6:g} megapixels"
    try:
        with _bombs_refused():
            image = Image.open(handle, formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ImageProblem(found.reference, too_large)
    except UnidentifiedImageError:
        return ImageProblem(found.reference, _NOT_AN_IMAGE)
    except Exception:  # a crafted header can make a plugin fail in any way
        return ImageProblem(found.reference, "corrupt: its header cannot be read")
    width, height = image.size
    if width * height > _pixel_limit():
        image.close()
        return ImageProblem(found.reference, f"{too_large} ({width}×{height})")
    if width < 1 or height < 1:
        image.close()
        return ImageProblem(found.reference, "corrupt: it has no pixels")
    return image, ImageInfo(found, str(image.format), *_shown_size(image))


def _shown_size(image: Image.Image) -> tuple[int, int]:
    """Width and height once the EXIF orientation is applied."""
    width, height = image.size
    return (height, width) if _orientation(image) in _TURNED else (width, height)


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation, as far as it is known without decoding: a PNG may keep its EXIF
    after the pixels, and Pillow decodes them all to find it; it is read once they are."""
    if image.format == "PNG" and "exif" not in image.info:
        return 1
    try:
        value = image.getexif().get(_ORIENTATION, 1)
    except Exception:  # malformed EXIF is not worth refusing the picture for
        return 1
    return value if isinstance(value, int) else 1


def _decode(handle: IO[bytes], found: ImageFile, max_side: int) -> DecodedImage | ImageProblem:
    header = _read_header(handle, found)
    if isinstance(header, ImageProblem):
        return header
    image, info = header
    with image:
        width, height = image.size  # decoding may scale the image down
        try:
            pixels = _first_frame_rgba(image, max_side)
        except Exception:  # truncated data, a broken stream, or a plugin failing on a crafted file
            return ImageProblem(found.reference, "corrupt or truncated: it cannot be decoded")
        if _orientation(image) in _TURNED:  # a PNG's EXIF may be known only now
            width, height = height, width
        info = ImageInfo(found, info.format, width, height)
        return DecodedImage(info, pixels.width, pixels.height, pixels.tobytes(), _is_opaque(pixels))


_PILLOW_SWITCH = threading.Lock()


@contextlib.contextmanager
def _truncation_is_an_error() -> Iterator[None]:
    """Pillow's LOAD_TRUNCATED_IMAGES is process-wide and WeasyPrint turns it on when imported;
    a cut-off picture must still be reported, not drawn half grey."""
    with _PILLOW_SWITCH:
        before = PillowImageFile.LOAD_TRUNCATED_IMAGES
        PillowImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            PillowImageFile.LOAD_TRUNCATED_IMAGES = before


def _first_frame_rgba(image: Image.Image, max_side: int) -> Image.Image:
    """Decode the first frame upright, at most `max_side` a side, as RGBA."""
    box = (max_side, max_side)
    # A JPEG can decode at 1/2, 1/4 or 1/8 scale, several times faster. Allow it down to 3/4 of
    # the box (a 4000x3000 photo decodes at 2000x1500): no terminal shows the difference.
    wanted = _fitted(image.size, (max_side * 3 // 4, max_side * 3 // 4))
    image.draft("RGB", wanted)
    with _truncation_is_an_error():
        image.load()
    upright = ImageOps.exif_transpose(image) if _orientation(image) != 1 else image
    if upright.mode not in ("RGB", "RGBA"):
        upright = upright.convert("RGBA")  # palette, grey, CMYK: resampling wants true colour
    upright.thumbnail(box, Image.Resampling.LANCZOS)
    return upright if upright.mode == "RGBA" else upright.convert("RGBA")


def _is_opaque(rgba: Image.Image) -> bool:
    lowest, _ = rgba.getchannel("A").getextrema()
    return bool(lowest == 255)


def _fitted(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    scale = min(1.0, box[0] / size[0], box[1] / size[1])
    return max(1, int(size[0] * scale)), max(1, int(size[1] * scale))


def _for(reference: str, cached: DecodedImage | ImageProblem) -> DecodedImage | ImageProblem:
    """A cached result as this reference names it (another may name the same file)."""
    if isinstance(cached, ImageProblem):
        return cached if cached.reference == reference else ImageProblem(reference, cached.reason)
    file = cached.info.file
    if file.reference == reference:
        return cached
    info = ImageInfo(
        ImageFile(reference, file.path, file.relative_path, file.byte_size, file.mtime_ns),
        cached.info.format,
        cached.info.width,
        cached.info.height,
    )
    return DecodedImage(info, cached.width, cached.height, cached.rgba, cached.opaque)


CacheKey = tuple[Path, int, int, int]


class ImageCache:
    """The most recently used decoded images, within a byte and an entry budget; thread-safe.

    Problems found while decoding are kept too (they cost nothing), so a corrupt image is not
    decoded again on every visit to its slide; a change to the file changes its key.
    """

    def __init__(self, max_bytes: int = 128 * 1024 * 1024, max_entries: int = 32) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._entries: OrderedDict[CacheKey, DecodedImage | ImageProblem] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: CacheKey) -> DecodedImage | ImageProblem | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: CacheKey, value: DecodedImage | ImageProblem) -> None:
        size = _cost(value)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= _cost(old)
            self._entries[key] = value
            self._bytes += size
            while self._bytes > self.max_bytes or len(self._entries) > self.max_entries:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= _cost(evicted)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def _cost(value: DecodedImage | ImageProblem) -> int:
    return len(value.rgba) if isinstance(value, DecodedImage) else 0


DEFAULT_CACHE = ImageCache()
