"""The two pages the server hands out, and the files it may: built once per deck version.

- the audience page: the HTML export (never with notes) plus the follow script;
- the control page: a fixed page with no deck text in it; it fetches what it shows with the token;
- the deck's files: only images its slides name, inside its directory (symlinks resolved).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from briefing.core.image_refs import image_references
from briefing.core.model import Deck
from briefing.export.html import LiveAdditions, export_html
from briefing.serve.show import deck_version

_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@cache
def asset(name: str) -> str:
    return files("briefing.serve").joinpath(name).read_text(encoding="utf-8")


def csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass(frozen=True)
class Page:
    body: bytes
    policy: str
    """The Content-Security-Policy header to send with it."""


@dataclass(frozen=True)
class ServedDeck:
    """One version of the deck as served."""

    deck: Deck
    version: str
    audience: Page
    control: Page
    files: dict[str, Path] = field(default_factory=dict)
    """URL path (no leading slash) → the resolved file, for each image the slides name."""


def serve_deck(deck: Deck, *, free: bool = False, theme: str | None = None) -> ServedDeck:
    """Everything the server needs for `deck`. Pure but for looking at the image files."""
    plain = export_html(deck, theme=theme, live=_additions(version="", free=free))
    version = deck_version(plain)
    page = export_html(deck, theme=theme, live=_additions(version=version, free=free))
    return ServedDeck(deck, version, _audience(page), control_page(), _deck_files(deck))


def _additions(*, version: str, free: bool) -> LiveAdditions:
    config = json.dumps({"version": version, "free": free})  # a hex string and a bool: no markup
    script = asset("follow.js").replace('/*CONFIG*/ { version: "", free: false }', config, 1)
    return LiveAdditions(script=script, style=asset("follow.css"))


def _audience(page: str) -> Page:
    match = _META_POLICY.search(page)
    assert match is not None, "the exported page always carries its policy"
    return Page(page.encode("utf-8"), f"{match.group(1)}; frame-ancestors 'none'")


@cache
def control_page() -> Page:
    script, style = asset("control.js"), asset("control.css")
    html = asset("control.html").replace("{style}", style, 1).replace("{script}", script, 1)
    policy = (
        f"default-src 'self'; script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return Page(html.encode("utf-8"), policy)


def _deck_files(deck: Deck) -> dict[str, Path]:
    from briefing.images import ImageFile, resolve_image

    directory = deck_directory(deck)
    allowed: dict[str, Path] = {}
    for reference, referencing_file in image_references(deck):
        found = resolve_image(reference, referencing_file, directory)
        if isinstance(found, ImageFile):
            allowed[found.relative_path] = found.path
    return allowed


def deck_directory(deck: Deck) -> Path:
    return deck.root if deck.root.is_dir() else deck.root.parent


def still_inside(path: Path, directory: Path) -> bool:
    """`path` (resolved when the deck was read) is still a regular file inside `directory`
    with no symlink swapped in since."""
    real = Path(os.path.realpath(path))
    return real == path and real.is_relative_to(os.path.realpath(directory)) and real.is_file()
