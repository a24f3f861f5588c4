"""Terminal cell widths, word wrapping and ASCII transliteration for plain-text layout."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, MutableSet

from rich.cells import cell_len, chop_cells

__all__ = ["cell_len", "fit", "pad", "to_ascii", "wrap"]

# Spellings of our own, before anyascii's: an em dash is `--` and a bar `#` in a handout.
_ASCII = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": ",",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "--",
        "\u2212": "-",
        "\u2026": "...",
        "\u2022": "*",
        "\u00b7": "*",
        "\u2192": "->",
        "\u2190": "<-",
        "\u00d7": "x",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u00a9": "(c)",
        "\u00ae": "(R)",
        "\u2122": "(TM)",
        "\u20ac": "EUR",
        "\u00a3": "GBP",
        "\u00a5": "JPY",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u2260": "!=",
        "\u00bd": "1/2",
        "\u00bc": "1/4",
        "\u00be": "3/4",
        "\u2588": "#",
        "\u2502": "|",
        "\u2500": "-",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufe0f": "",
        "\ufeff": "",
    }
)
_SILENT = {"Mn", "Me", "Cf"}  # combining marks and zero-width format characters: nothing to spell


def to_ascii(text: str, unspellable: MutableSet[str] | None = None) -> str:
    """ASCII: typographic punctuation as above, every other script transliterated by anyascii
    (Korean, Chinese, accents...). Marks and invisible format characters are dropped; anything
    else with no ASCII spelling (private-use glyphs) becomes `?` and is added to `unspellable`."""
    if text.isascii():
        return text
    from anyascii import anyascii  # deferred: the presenter needs no ASCII, and its first frame no import

    spelled: list[str] = []
    for char in text.translate(_ASCII):
        if char.isascii():
            spelled.append(char)
        elif ascii_form := anyascii(char):
            spelled.append(ascii_form)
        elif unicodedata.category(char) not in _SILENT:
            spelled.append("?")
            if unspellable is not None:
                unspellable.add(char)
    return "".join(spelled)


def pad(text: str, width: int, align: str = "left") -> str:
    """`text` padded with spaces to `width` cells."""
    gap = max(0, width - cell_len(text))
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def fit(text: str, width: int, ellipsis: str = "\u2026") -> str:
    """`text` cut to at most `width` cells, marking the cut with `ellipsis`."""
    if cell_len(text) <= width:
        return text
    if width <= cell_len(ellipsis):
        return chop_cells(text, max(width, 1))[0][:width]
    return chop_cells(text, width - cell_len(ellipsis))[0] + ellipsis


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by cells; `\\n` forces a break. Words wider than `width` stay whole,
    except runs of wide (CJK) characters, which break anywhere as they do in print."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_line(paragraph, width))
    return lines


def _wrap_line(text: str, width: int) -> Iterator[str]:
    line = ""
    used = 0
    for word in text.split():
        size = cell_len(word)
        if size > width and not word.isascii() and size > len(word):
            for piece in chop_cells(word, width):  # CJK text has no spaces to break at
                if line:
                    yield line
                line, used = piece, cell_len(piece)
            continue
        if line and used + 1 + size > width:
            yield line
            line, used = word, size
        elif line:
            line += " " + word
            used += 1 + size
        else:
            line, used = word, size
    yield line
