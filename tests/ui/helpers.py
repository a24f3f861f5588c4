"""Helpers for driving the app in tests."""

from __future__ import annotations

from pathlib import Path

from briefing.ui.app import BriefingApp
from briefing.ui.widgets.paged_view import PagedView


def make_app(deck: Path, **options) -> BriefingApp:
    """An app with a frozen clock and no file watching, unless asked."""
    options.setdefault("watch", False)
    options.setdefault("sync", False)  # linking is tested with private sockets
    options.setdefault("clock", lambda: 0.0)
    options.setdefault("wall_clock", lambda: "09:30")
    app = BriefingApp(deck, **options)
    app.animation_level = "none"  # Textual may be imported before TEXTUAL_ANIMATIONS is set
    return app


def view_text(app: BriefingApp, selector: str = "#slide-view") -> str:
    """Every line the view would draw, scrolled or not, as plain text."""
    return app.present.query_one(selector, PagedView).text
