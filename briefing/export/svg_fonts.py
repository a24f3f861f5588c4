"""Fonts in an SVG screenshot that work offline.

Textual's screenshots (Rich's SVG export) load Fira Code from a web font server, and name
Arial for the title. An exported slide is opened offline, in documents and by converters that
never fetch anything: every `@font-face` is removed, and each font family becomes a chain of
fonts that are commonly installed, ending in the generic family. Rich sets each run of text's
`textLength` to its cells' width, so a fallback font still lines up with the grid.
"""

from __future__ import annotations

import re

MONOSPACE = '"Fira Code", "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", Menlo, Consolas, monospace'
SANS_SERIF = 'Arial, "Liberation Sans", "DejaVu Sans", "Noto Sans", Helvetica, sans-serif'

_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)
_FONT_FACE = re.compile(r"@font-face\s*\{[^{}]*\}\s*")
_FAMILY = re.compile(r"font-family\s*:[^;}]*")


def offline_fonts(svg: str) -> str:
    """`svg` with no web fonts: its style sheets name only installed fonts and generic families."""
    return _STYLE.sub(lambda match: match[1] + _rewrite(match[2]) + match[3], svg)


def _rewrite(style: str) -> str:
    style = _FONT_FACE.sub("", style)
    return _FAMILY.sub(_family, style)


def _family(match: re.Match[str]) -> str:
    chain = MONOSPACE if "mono" in match[0].lower() or "code" in match[0].lower() else SANS_SERIF
    return f"font-family: {chain}"
