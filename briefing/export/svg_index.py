"""`index.html` beside the exported SVGs (`--index`): every picture in order, with its title.

A plain page: no script, one inline style sheet allowed by its hash, and pictures only from
beside the page. Titles are deck text, escaped; the file names are the exporter's own.
"""

from __future__ import annotations

import base64
import hashlib

from briefing.core.model import Deck
from briefing.export.html_blocks import attribute, text
from briefing.export.language import language_tag
from briefing.export.svg_files import SlideFile

STYLE = """
body { margin: 0 auto; max-width: 72rem; padding: 1rem; font-family: system-ui, sans-serif;
       background: #f4f4f4; color: #1a1a1a; }
figure { margin: 0 0 2rem; }
img { display: block; width: 100%; height: auto; }
figcaption { margin-top: .4rem; }
@media (prefers-color-scheme: dark) { body { background: #1a1a1a; color: #eee; } }
"""


def index_page(deck: Deck, files: list[SlideFile]) -> str:
    """The page as text: the deck's title, then each picture with `n. title` (and the step)."""
    style_hash = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; img-src 'self'; style-src 'sha256-{style_hash}'; base-uri 'none'; form-action 'none'"
    tag = language_tag(deck.metadata.get("lang"))
    lang = f' lang="{attribute(tag)}"' if tag else ""
    parts = [
        "<!DOCTYPE html>\n",
        f"<html{lang}>\n<head>\n",
        '<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{text(deck.title)}</title>\n",
        f"<style>{STYLE}</style>\n",
        "</head>\n<body>\n",
        f"<h1>{text(deck.title)}</h1>\n",
    ]
    for file in files:
        caption = file.caption
        parts.append(
            f'<figure id="{attribute(file.name.removesuffix(".svg"))}">'
            f'<img src="{attribute(file.name)}" alt="{attribute(caption)}" loading="lazy">'
            f"<figcaption>{text(caption)}</figcaption></figure>\n"
        )
    parts.append("</body>\n</html>\n")
    return "".join(parts)
