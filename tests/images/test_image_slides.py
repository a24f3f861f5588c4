"""Images in the deck model, `check` and the exports: an image alone in its paragraph is an
ImageBlock at its line; every bad image is a `file:line` finding and a placeholder in the page;
text shows `[image: alt]`, JSON the path, alt and size, HTML the picture itself."""

from __future__ import annotations

import base64
import html
import io
import json
import re

import pytest
from PIL import Image

from briefing.check import check_deck
from briefing.cli import main
from briefing.core.blocks import ImageBlock, Paragraph
from briefing.core.loader import load_deck, load_text
from briefing.export.html import export_html
from briefing.export.json import export_json
from briefing.export.text import export_text
from tests.images.image_decks import HOSTILE, write_hostile_image_deck, write_picture_deck

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def pictures(tmp_path):
    return load_deck(write_picture_deck(tmp_path / "deck"))


@pytest.fixture
def hostile(tmp_path):
    return load_deck(write_hostile_image_deck(tmp_path / "deck"))


# --- the model --------------------------------------------------------------------------------


def test_an_image_alone_in_its_paragraph_is_an_image_block_at_its_line():
    deck = load_text("---\ntitle: T\n---\n# A\n\n  ![The *alt* text](<a b.png>)  \n\n![](c.png)\n")
    assert deck.slides[0].blocks[1:] == (ImageBlock("a%20b.png", "The alt text", 6), ImageBlock("c.png", "", 8))


@pytest.mark.parametrize(
    "markdown",
    ["Look: ![x](a.png)", "![x](a.png) and text", "![x](a.png)\n![y](b.png)", "[![x](a.png)](https://e.org)"],
)
def test_an_image_in_running_text_stays_text(markdown):
    (block,) = load_text(markdown + "\n").slides[0].blocks
    assert isinstance(block, Paragraph)
    assert "[x]" in "".join(span.text for span in block.text)


# --- check ------------------------------------------------------------------------------------


def test_check_finds_each_hostile_image_at_its_line(hostile):
    findings = [f for f in check_deck(hostile) if "image" in f.message]
    assert [(f.line, f.severity) for f in findings] == [(line, "error") for _, line, _ in HOSTILE]
    for finding, (reference, _, reason) in zip(findings, HOSTILE, strict=True):
        assert f"image {reference}: {reason}" in finding.message, finding
        assert finding.path == hostile.files[0]


def test_check_is_quiet_about_images_that_show(pictures):
    assert [f for f in check_deck(pictures) if "image" in f.message] == []


def test_check_on_the_command_line_says_file_line_and_exits_1(tmp_path, capsys):
    deck = write_hostile_image_deck(tmp_path / "deck")
    assert main(["check", str(deck)]) == 1
    out = capsys.readouterr().out
    for reference, line, reason in HOSTILE:
        assert f"{deck}:{line}: error: slide" in out and f"image {reference}: {reason}" in out


# --- exports ----------------------------------------------------------------------------------


def test_text_shows_each_image_as_its_alt_text(pictures, hostile):
    text = export_text(pictures)
    for alt in ("A sun over a field", "Stripes", "Red then green", "Halves"):
        assert f"[image: {alt}]" in text
    assert "Here [a sun] <pictures/sun.png> stays text." in text  # in running text: as before
    assert "[image: A symlink out of the deck]" in export_text(hostile)


def test_json_has_each_images_path_alt_and_size(pictures, hostile):
    slides = json.loads(export_json(pictures))["slides"]
    assert all(image.pop("bytes") > 0 for slide in slides for image in slide["images"])
    assert [slide["images"] for slide in slides] == [
        [{"path": "pictures/sun.png", "alt": "A sun over a field", "format": "png", "width": 320, "height": 200}],
        [{"path": "stripes.jpg", "alt": "Stripes", "format": "jpeg", "width": 400, "height": 300}],
        [{"path": "blink.gif", "alt": "Red then green", "format": "gif", "width": 60, "height": 40}],
        [{"path": "halves.webp", "alt": "Halves", "format": "webp", "width": 200, "height": 100}],
        [],
    ]


def test_json_images_are_sized_and_say_why_one_cannot_be_shown(pictures, hostile):
    first = json.loads(export_json(pictures))["slides"][0]["images"][0]
    assert first["bytes"] == (pictures.root.parent / "pictures" / "sun.png").stat().st_size
    images = [slide["images"][0] for slide in json.loads(export_json(hostile))["slides"]]
    assert [image["path"] for image in images] == [reference for reference, _, _ in HOSTILE]
    assert images[2] == {
        "path": "link.png",
        "alt": "A symlink out of the deck",
        "problem": "outside the deck's directory",
    }
    assert all("width" not in image for image in images[1:])


def _pictures_in(page: str) -> list[Image.Image]:
    found = re.findall(r'<img src="data:image/(\w+);base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">', page)
    return [Image.open(io.BytesIO(base64.b64decode(data)), formats=[kind.upper()]) for kind, data, _ in found]


def test_html_carries_each_picture_as_a_data_uri(pictures):
    page = export_html(pictures)
    images = _pictures_in(page)
    assert [(image.format, image.size) for image in images] == [
        ("PNG", (320, 200)),
        ("JPEG", (400, 300)),
        ("GIF", (60, 40)),
        ("WEBP", (200, 100)),
    ]
    assert 'alt="A sun over a field"' in page


def test_html_shows_a_refused_image_as_its_alt_text_and_why(hostile):
    page = export_html(hostile)
    assert "<img " not in page and "secret" not in page.replace("../secret.png", "")
    for reference, _, reason in HOSTILE:
        assert f'<span class="why">{html.escape(f"{reference}: {reason}", quote=False)}' in page
    assert '<figure class="image missing"><span>A decompression bomb</span>' in page


def test_html_never_names_a_url_as_an_image_source(tmp_path):
    deck = tmp_path / "talk.md"
    deck.write_text("# A\n\n![remote](https://example.org/x.png)\n\n![network](//example.org/x.png)\n")
    page = export_html(load_deck(deck))
    assert "<img " not in page and page.count('class="image missing"') == 2
    assert "a URL: only files in the deck&#x27;s directory are shown" in page or "a URL: only files" in page
