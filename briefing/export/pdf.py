"""The deck as a PDF handout: `briefing export --format pdf`.

The HTML export's page, laid out by its print styles with WeasyPrint (the optional extra
`briefing[pdf]`): one landscape page per slide (per step with `steps`), real text that can be
selected and searched, its fonts embedded, a bookmark per slide by title, and the title and
author from the front matter. WeasyPrint is told to fetch nothing but `data:` URIs, so a deck
cannot make the export read a file or reach the network.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from types import ModuleType

from briefing.core.model import Deck
from briefing.core.runnable import RunKey, RunOutput
from briefing.export.html import export_html

INSTALL = "pip install 'briefing[pdf]'"


class PdfUnavailable(Exception):
    """The PDF library (or a system library it needs) is not installed; says how to get it."""


def weasyprint() -> ModuleType:
    """The WeasyPrint module, or PdfUnavailable saying which command installs what is missing."""
    try:
        import weasyprint as module  # type: ignore[import-untyped]  # no type information shipped; used as a module
    except ImportError:
        raise PdfUnavailable(f"--format pdf needs WeasyPrint: {INSTALL}") from None
    except OSError as exc:  # WeasyPrint is there, but not the Pango library it draws text with
        raise PdfUnavailable(
            f"--format pdf needs the Pango library (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0): {exc}"
        ) from None
    loaded: ModuleType = module
    return loaded


def export_pdf(
    deck: Deck,
    *,
    notes: bool = False,
    theme: str | None = None,
    steps: bool = False,
    runs: Mapping[RunKey, RunOutput] | None = None,
) -> bytes:
    """The PDF's bytes. PdfUnavailable if WeasyPrint cannot be used here."""
    module = weasyprint()
    page = export_html(deck, notes=notes, theme=theme, step_pages=steps, runs=runs)
    fetcher = module.urls.URLFetcher(allowed_protocols={"data"})
    # WeasyPrint warns about the screen-only CSS it does not know (text-size-adjust, …); the
    # page is ours, so those warnings say nothing about the deck and are not shown.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        pdf: bytes = module.HTML(string=page, url_fetcher=fetcher).write_pdf()
        return pdf
    finally:
        logger.setLevel(level)
