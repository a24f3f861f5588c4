"""The deck as one self-contained HTML page: `briefing export --format html`.

One `<section>` per slide, built from the deck model (never from its Markdown text), with the
page's stylesheet and script inline and a Content-Security-Policy that allows only those two:
nothing on the page can load or run anything else, and no request leaves it.

Steps: every top-level block of a slide says from which step it shows (`data-step`, 1-based;
none means from the first) and, for a block a later step replaces with a longer version of
itself (a list revealed item by item), until which step (`data-until`). The script shows a
slide step by step; print, and a browser without scripts, show every slide whole.

Speaker notes are in the page only with `notes`: without it, no note text is in the file.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from briefing.core.alignment import slide_alignment
from briefing.core.blocks import Block, ColumnMark, Heading
from briefing.core.model import Deck, Slide
from briefing.core.runnable import RunKey, RunOutput, slide_outputs
from briefing.deck_images import deck_directory
from briefing.export.html_blocks import BlockWriter, attribute, column_classes, text
from briefing.export.html_pictures import slide_pictures
from briefing.export.html_theme import chart_fills, theme_css
from briefing.export.language import language_tag
from briefing.export.theme_table import THEMES

STYLESHEET = "html_page.css"
SCRIPT = "html_page.js"


@cache
def asset(name: str) -> str:
    """One of the page's static files, shipped beside this module."""
    return files("briefing.export").joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class LiveAdditions:
    """What a served page adds to the exported one: its own script and style (inline, allowed
    by hash like the page's)."""

    script: str
    style: str


def chosen_theme(deck: Deck, theme: str | None = None) -> str | None:
    """The built-in theme the page is drawn in: `theme` (the caller checked it), else the
    front matter's if it names one; None means light or dark as the reader's system prefers
    (another tool's theme, such as Marp's `gaia`, is not one of Textual's)."""
    if theme:
        return theme
    named = deck.metadata.get("theme")
    return named if isinstance(named, str) and named in THEMES else None


def export_html(
    deck: Deck,
    *,
    notes: bool = False,
    theme: str | None = None,
    step_pages: bool = False,
    live: LiveAdditions | None = None,
    runs: Mapping[RunKey, RunOutput] | None = None,
) -> str:
    """The page as text. `step_pages` (for the PDF) gives each step of a slide a page of its
    own instead of one section per slide revealed by the script. `live` (for `briefing
    serve`) adds a script and a style after the page's own, and lets the page talk to and load
    images from the server it came from. `runs` (`--run-code`) are put under their code
    blocks."""
    name = chosen_theme(deck, theme)
    scheme, colours = theme_css(name)
    writer = BlockWriter(chart_fills(name))
    style, script = asset(STYLESHEET), asset(SCRIPT)
    colours_style = f"\n{colours}\n"
    policy = _policy(script, style, colours_style) if live is None else _live_policy(script, style, colours_style, live)
    parts = [
        "<!DOCTYPE html>\n",
        f"<html{_lang(deck)}>\n<head>\n",
        '<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="color-scheme" content="{scheme}">\n',
        *_document_metadata(deck.metadata),
        f"<title>{text(deck.title)}</title>\n",
        f"<style>{style}</style>\n",
        f"<style>{colours_style}</style>\n",
        *([f"<style>{live.style}</style>\n"] if live is not None else []),
        "</head>\n<body>\n",
        '<main id="slides">\n',
    ]
    directory = deck_directory(deck)
    for slide in deck.slides:
        writer.outputs = slide_outputs(slide, runs) if runs else {}
        writer.pictures = slide_pictures(slide, directory)
        if step_pages:
            parts.extend(_step_pages(writer, slide, notes))
        else:
            parts.append(_section(writer, slide, notes, _slide_classes(deck, slide)))
    parts += [
        "</main>\n",
        _overview(deck),
        _status(deck),
        f"<script>{script}</script>\n",
        *([f"<script>{live.script}</script>\n"] if live is not None else []),
        "</body>\n</html>\n",
    ]
    return "".join(parts)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _policy(script: str, *styles: str) -> str:
    """Nothing may load or run but the page's own inline script and styles (by hash), and
    images only from data: URIs (a deck's local images are embedded that way)."""
    style_hashes = " ".join(_csp_hash(style) for style in styles)
    return (
        f"default-src 'none'; script-src {_csp_hash(script)}; style-src {style_hashes}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _live_policy(script: str, style: str, colours: str, live: LiveAdditions) -> str:
    """As `_policy`, with the live script and style, and the page's own server allowed for
    its event stream and images (`'self'`: nowhere else)."""
    scripts = f"{_csp_hash(script)} {_csp_hash(live.script)}"
    styles = " ".join(_csp_hash(source) for source in (style, colours, live.style))
    return (
        f"default-src 'none'; script-src {scripts}; style-src {styles}; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'"
    )


def _lang(deck: Deck) -> str:
    tag = language_tag(deck.metadata.get("lang"))
    return f' lang="{attribute(tag)}"' if tag else ""


def _document_metadata(metadata: Mapping[str, object]) -> Iterator[str]:
    """Author and description: what a browser shows, and what the PDF's properties take."""
    author = metadata.get("author")
    if isinstance(author, (list, tuple)):
        author = ", ".join(str(name) for name in author if str(name).strip())
    if isinstance(author, (str, int, float)) and str(author).strip():
        yield f'<meta name="author" content="{attribute(str(author).strip())}">\n'
    subtitle = metadata.get("subtitle")
    if isinstance(subtitle, (str, int, float)) and str(subtitle).strip():
        yield f'<meta name="description" content="{attribute(str(subtitle).strip())}">\n'


def _label(slide: Slide) -> str:
    return slide.title or f"Slide {slide.number}"


def _slide_classes(deck: Deck, slide: Slide) -> str:
    """`slide`, and `across` for a slide centred across (core.alignment)."""
    placed = slide_alignment(slide.metadata, slide.blocks, first=slide is deck.slides[0], deck_metadata=deck.metadata)
    return "slide across" if placed.across else "slide"


def _section(writer: BlockWriter, slide: Slide, notes: bool, css: str = "slide") -> str:
    attributes = f' id="{slide.number}" data-steps="{len(slide.steps)}" aria-label="{attribute(_label(slide))}"'
    parts = [f'<section class="{css}"{attributes}>\n<div class="page">\n']
    columns = _Columns(parts)
    for index, (block, first, until) in enumerate(_staged_blocks(slide)):
        if isinstance(block, ColumnMark):
            columns.mark(block, first)
            continue
        marks = f' data-step="{first + 1}"' if first else ""
        marks += f' data-until="{until + 1}"' if until is not None else ""
        parts.append(writer.block(block, marks, title=index == 0 and isinstance(block, Heading)))
        parts.append("\n")
    columns.close()
    parts.append("</div>\n")
    if notes and slide.notes:
        parts.append(_notes(writer, slide))
    parts.append("</section>\n")
    return "".join(parts)


def _step_pages(writer: BlockWriter, slide: Slide, notes: bool) -> Iterator[str]:
    """The slide once per step, each showing what that step shows (the PDF's `--steps`)."""
    for step in range(len(slide.steps)):
        first = step == 0
        attributes = f' id="{slide.number}" aria-label="{attribute(_label(slide))}"' if first else ""
        css = "slide" if first else "slide step-page"
        parts = [f'<section class="{css}"{attributes}>\n<div class="page">\n']
        columns = _Columns(parts)
        for index, block in enumerate(slide.blocks_until(step)):
            if isinstance(block, ColumnMark):
                columns.mark(block, 0)
                continue
            parts.append(writer.block(block, title=index == 0 and isinstance(block, Heading)))
            parts.append("\n")
        columns.close()
        parts.append("</div>\n")
        if notes and slide.notes and step == len(slide.steps) - 1:
            parts.append(_notes(writer, slide))
        parts.append("</section>\n")
        yield "".join(parts)


def _staged_blocks(slide: Slide) -> list[tuple[Block, int, int | None]]:
    """Every block the slide ever shows, with the first step (0-based) that shows it and, for
    one a later step replaces (Step.continues), the last; as Slide.blocks_until draws them."""
    staged: list[tuple[Block, int, int | None]] = []
    shown: list[int] = []  # where in `staged` each block on screen is, in order
    for index, step in enumerate(slide.steps):
        if step.continues and shown:
            block, first, _ = staged[shown[-1]]
            staged[shown.pop()] = (block, first, index - 1)
        for at, block in step.updates:  # drawn anew in place (a code walk-through's step)
            if not 0 <= at < len(shown):
                continue
            position = shown[at]
            old, first, _ = staged[position]
            staged[position] = (old, first, index - 1)
            staged.insert(position + 1, (block, index, None))
            shown = [p + 1 if p > position else p for p in shown]
            shown[at] = position + 1
        for block in step.blocks:
            shown.append(len(staged))
            staged.append((block, index, None))
    return staged


class _Columns:
    """Opens and closes the elements that lay a slide's columns out (blocks.ColumnMark) as
    the marks come, among the blocks the caller writes to `parts`."""

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts
        self.weights: tuple[int, ...] = ()
        self.column = -1

    def mark(self, mark: ColumnMark, first: int) -> None:
        if mark.weights != self.weights:
            self.close()
            if mark.weights:
                self.parts.append('<div class="columns">\n')
                self.weights = mark.weights
        if not self.weights:
            return
        if self.column >= 0:
            self.parts.append("</div>\n")
        self.column = mark.column
        css = column_classes(self.weights)[max(0, min(mark.column, len(self.weights) - 1))]
        self.parts.append(f'<div class="{css}">\n')

    def close(self) -> None:
        if self.column >= 0:
            self.parts.append("</div>\n")
        if self.weights:
            self.parts.append("</div>\n")
        self.weights, self.column = (), -1


def _notes(writer: BlockWriter, slide: Slide) -> str:
    parts = ['<aside class="notes" aria-label="Speaker notes">\n']
    for index, note in enumerate(slide.notes):
        if index:
            parts.append("<hr>\n")
        parts.append(writer.blocks(note.blocks))
        parts.append("\n")
    parts.append("</aside>\n")
    return "".join(parts)


def _overview(deck: Deck) -> str:
    """Every slide by number and title: the `o` overview, and a contents list without script."""
    items = "".join(f'<li><a href="#{slide.number}">{text(_label(slide))}</a></li>\n' for slide in deck.slides)
    return f'<nav id="overview" aria-label="All slides">\n<ol>\n{items}</ol>\n</nav>\n'


def _status(deck: Deck) -> str:
    """The status line the script fills in: position, progress, previous and next."""
    return (
        '<footer id="status">\n'
        '<button type="button" data-action="previous" tabindex="-1" aria-label="Previous">\u2039</button>\n'
        f'<span class="deck-title">{text(deck.title)}</span>\n'
        '<span class="progress" aria-hidden="true"><span></span></span>\n'
        '<span class="position" aria-live="polite"></span>\n'
        '<button type="button" data-action="next" tabindex="-1" aria-label="Next">\u203a</button>\n'
        "</footer>\n"
    )
