"""Textual stylesheets parsed once per test process, for every test that starts an app."""

from __future__ import annotations

import pytest
from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet

_parsed: dict[tuple[object, ...], list[RuleSet]] = {}
_parse = Stylesheet._parse_rules


def _parse_once_per_process(
    stylesheet: Stylesheet,
    css: str,
    read_from: CSSLocation,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> list[RuleSet]:
    # The variables (the theme's colours) are part of what a parse gives: part of the key too,
    # as Textual's own cache is emptied when they change.
    key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(stylesheet._variables.items())))
    if key not in _parsed:
        _parsed[key] = _parse(stylesheet, css, read_from, is_default_rules, tie_breaker, scope)
    return _parsed[key]


def parse_stylesheets_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual caches a parsed stylesheet per app; a test process starts hundreds of apps with
    the same stylesheets, and parsing them again was about a fifth of each start's CPU time.
    The parsed rules are only read afterwards: Textual itself shares them between parses."""
    monkeypatch.setattr(Stylesheet, "_parse_rules", _parse_once_per_process)
