"""A deck's local image as a `data:` URI, so an exported page carries it and loads nothing.

The seam for images in the HTML export: today the deck model holds an image as its alt text, so
nothing calls this yet. When the model gains an image block (issue 12), the HTML writer calls
`image_data_uri` with the path the image loader resolved inside the deck's directory, and
turns ImageRefused into the export's `file:line: message`. The page's Content-Security-Policy
already allows `img-src data:` and nothing else.
"""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

IMAGE_LIMIT = 5 * 1024 * 1024  # bytes of one image; base64 makes it a third larger in the page

# The formats the image loader decodes, by their first bytes (the file's name may lie).
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


class ImageRefused(ValueError):
    """An image the page will not carry; the message names the file and says why."""


def image_data_uri(path: Path, *, limit: int = IMAGE_LIMIT) -> str:
    """`path` as `data:image/…;base64,…`; ImageRefused if it is not a regular file, is larger
    than `limit` bytes, or is not PNG, JPEG, GIF or WebP. Never blocks on a FIFO."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ImageRefused(f"{path}: cannot read the image: {exc.strerror or exc}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ImageRefused(f"{path}: not a regular file")
        if info.st_size > limit:
            raise ImageRefused(
                f"{path}: the image is {_size(info.st_size)}, over the {_size(limit)} limit "
                "for an image in an exported page"
            )
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:  # it grew since it was measured
        raise ImageRefused(f"{path}: the image is over the {_size(limit)} limit for an image in an exported page")
    mime = _mime(data)
    if mime is None:
        raise ImageRefused(f"{path}: not a PNG, JPEG, GIF or WebP image")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _mime(data: bytes) -> str | None:
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _size(count: int) -> str:
    mib = count / (1024 * 1024)
    return f"{mib:.0f} MiB" if mib == int(mib) else f"{mib:.1f} MiB"
