"""The HTML export's seam for images: a local image as a data: URI, within a size limit."""

from __future__ import annotations

import base64
import os

import pytest

from briefing.export.image_data import IMAGE_LIMIT, ImageRefused, image_data_uri

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.mark.parametrize(
    "head, mime",
    [
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 16, "image/jpeg"),
        (b"GIF89a" + b"\0" * 8, "image/gif"),
        (b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 8, "image/webp"),
    ],
)
def test_an_image_becomes_a_data_uri_of_its_own_bytes(tmp_path, head, mime):
    image = tmp_path / "picture.bin"  # the bytes decide, not the name
    image.write_bytes(head)
    uri = image_data_uri(image)
    assert uri == f"data:{mime};base64,{base64.b64encode(head).decode()}"


def test_a_larger_image_is_refused_naming_the_file_and_the_limit(tmp_path):
    image = tmp_path / "big.png"
    image.write_bytes(PNG + b"\0" * (10 * 1024 * 1024 - len(PNG)))
    with pytest.raises(ImageRefused) as refused:
        image_data_uri(image)
    assert str(refused.value) == (
        f"{image}: the image is 10 MiB, over the 5 MiB limit for an image in an exported page"
    )
    assert IMAGE_LIMIT == 5 * 1024 * 1024
    assert image_data_uri(image, limit=11 * 1024 * 1024).startswith("data:image/png;base64,")


def test_what_is_not_an_image_file_is_refused_without_blocking(tmp_path):
    text = tmp_path / "notes.png"
    text.write_text("<svg onload=alert(1)>")
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    cases = {
        text: "not a PNG, JPEG, GIF or WebP image",
        fifo: "not a regular file",
        tmp_path: "not a regular file",
        tmp_path / "missing.png": "cannot read the image: No such file or directory",
    }
    for path, reason in cases.items():
        with pytest.raises(ImageRefused, match=reason):
            image_data_uri(path)
