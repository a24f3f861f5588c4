"""Hostile decks, built on demand (some are large or are not plain files), with what briefing
must make of each: a deck with these exact slide titles, or this exact `file:line: message`."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ESC = "\x1b"
# One of every family of terminal control sequence, 7-bit and 8-bit forms.
ESCAPES = {
    "csi": f"{ESC}[31m{ESC}[2J{ESC}[?1049h",
    "osc-title": f"{ESC}]0;owned title\x07",
    "osc-clipboard": f"{ESC}]52;c;ZXZpbA==\x07",
    "osc-st": f"{ESC}]2;other title{ESC}\\",
    "dcs": f"{ESC}P1$rq{ESC}\\",
    "apc": f"{ESC}_apc payload{ESC}\\",
    "pm": f"{ESC}^pm payload{ESC}\\",
    "sos": f"{ESC}Xsos payload{ESC}\\",
    "c1-csi": "\x9b31m",
    "c1-osc": "\x9d0;c1 title\x9c",
    "lone-esc": ESC,
    "bel-bs-del-nul": "\x07\x08\x7f\x00",
    "cr": "over\rwrite",
}


def _escapes_deck() -> str:
    parts = ["---", f'title: "Deck{ESCAPES["osc-title"]}"', "---", ""]
    for name, sequence in ESCAPES.items():
        parts += [
            f"# {name}{sequence}",
            "",
            f"Body {sequence} text.",
            "",
            f"| cell {sequence} | x |",
            "|---|---|",
            f"| {sequence} | y |",
            "",
            "```",
            f"code {sequence}",
            "```",
            "",
            "<!--",
            f"note {sequence}",
            "-->",
            "",
            "---",
            "",
        ]
    return "\n".join(parts[:-2]) + "\n"


MARKUP = ["[b]", "[/]", "[@click=app.quit]", "[link=https://evil.example]", "[bold red", "[/bold]]", "\\["]


def _markup_deck() -> str:
    slides = []
    for index, markup in enumerate(MARKUP):
        slides.append(
            f"# Title {index} {markup}x\n\nBody {markup}y\n\n| {markup} | c |\n|---|---|\n| d | {markup} |\n\n"
            f"```\n{markup}\n```\n\n<!--\nNote {markup}z\n-->\n"
        )
    return "\n---\n\n".join(slides)


@dataclass(frozen=True)
class Fixture:
    name: str
    build: Callable[[Path], Path]  # makes the deck under a directory, returns its path
    titles: list[str] | None = None  # expected titles (None: an error is expected)
    error: str | None = None  # expected message after `file:line: `; `{path}` is the deck
    line: int = 1
    slow: bool = False  # large: the headless app shows only its first and last slide
    findings: list[str] = field(default_factory=list)  # substrings `check` must report


def text_file(name: str, text: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="")
        return path

    return build


def bytes_file(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def _deck_with_junk(folder: Path) -> Path:
    deck = folder / "deck"
    deck.mkdir()
    (deck / "1-one.md").write_text("# One\n")
    (deck / "notes.txt").write_text("# Not a slide\n")
    (deck / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (deck / "2-two.md").write_text("# Two\n")
    (deck / "3-dir.md").mkdir()  # a directory where a file is expected: not a slide
    os.mkfifo(deck / "4-pipe.md")  # must not hang
    (deck / "5-loop.md").symlink_to(deck / "5-loop.md")  # a symlink loop: skipped
    (deck / "6-dangling.md").symlink_to(deck / "missing.md")
    return deck


def _symlink_loop(folder: Path) -> Path:
    first, second = folder / "a.md", folder / "b.md"
    first.symlink_to(second)
    second.symlink_to(first)
    return first


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.md"
    os.mkfifo(path)
    return path


def _empty_dir(folder: Path) -> Path:
    path = folder / "empty"
    path.mkdir()
    return path


def _ten_thousand(folder: Path) -> Path:
    return text_file("many.md", "\n---\n".join(f"# S{n}\n\ntext {n}" for n in range(1, 10_001)) + "\n")(folder)


FIXTURES = [
    Fixture(
        "escapes",
        text_file("escapes.md", _escapes_deck()),
        titles=[
            "csi[31m[2J[?1049h",
            "osc-title]0;owned title",
            "osc-clipboard]52;c;ZXZpbA==",
            "osc-st]2;other title\\",
            "dcsP1$rq\\",
            "apc_apc payload\\",
            "pm^pm payload\\",
            "sosXsos payload\\",
            "c1-csi31m",
            "c1-osc0;c1 title",
            "lone-esc",
            "bel-bs-del-nul",
            "crover",
        ],
    ),
    Fixture(
        "markup",
        text_file("markup.md", _markup_deck()),
        titles=[f"Title {index} {markup.replace(chr(92) + '[', '[')}x" for index, markup in enumerate(MARKUP)],
    ),
    Fixture(
        "invalid-utf8",
        bytes_file("bad.md", b"# One\n\nfine\n\xff\xfebroken\n"),
        error="not valid UTF-8 (byte 0xff)",
        line=4,
    ),
    Fixture("bom", bytes_file("bom.md", b"\xef\xbb\xbf# Bom\n\ntext\n"), titles=["Bom"]),
    Fixture("crlf", bytes_file("crlf.md", b"# A\r\n\r\nx\r\n\r\n---\r\n\r\n# B\r\n"), titles=["A", "B"]),
    Fixture("cr-only", bytes_file("cr.md", b"# A\r\rx\r\r---\r\r# B\r"), titles=["A", "B"]),
    Fixture("mixed-ends", bytes_file("mixed.md", b"# A\r\n\nx\r\r---\n\r\n# B\r"), titles=["A", "B"]),
    Fixture(
        "one-megabyte-line",
        text_file("long.md", "# Long\n\n" + "word " * 209_716 + "\n"),
        titles=["Long"],
        slow=True,
        findings=["rows tall"],
    ),
    Fixture("ten-thousand-slides", _ten_thousand, titles=[f"S{n}" for n in range(1, 10_001)], slow=True),
    # 1,100 levels: past markdown-it's nesting limit (ten lists) and past Python's recursion limit
    # (1,000), for anything that would follow the indentation level by level. Each level is
    # indented 2n spaces, so the file grows as the square of the depth (1.2 MB here).
    Fixture(
        "nested-lists",
        text_file("lists.md", "# Lists\n\n" + "".join("  " * n + "- level\n" for n in range(1_100))),
        titles=["Lists"],
        slow=True,
    ),
    Fixture("nested-quotes", text_file("quotes.md", "# Quotes\n\n" + ">" * 3000 + " deep\n"), titles=["Quotes"]),
    Fixture(
        "wide-table",
        text_file(
            "wide.md",
            "# Wide\n\n|"
            + "|".join(f"c{n}" for n in range(200))
            + "|\n|"
            + "---|" * 200
            + "\n|"
            + "|".join(str(n) for n in range(200))
            + "|\n",
        ),
        titles=["Wide"],
        findings=["columns wide"],
    ),
    Fixture(
        "cjk-emoji",
        text_file("cjk.md", "# 中文标题 🎉\n\n" + "日本語のテキストと絵文字👩‍👩‍👧が続きます。" * 20 + "\n"),
        titles=["中文标题 🎉"],
    ),
    Fixture(
        "zero-width-bidi",
        text_file("bidi.md", "# Ad\u200bmin\u202e\u2066evil\u2069\n\ntext\u200d\u202d here\n"),
        titles=["Ad\u200bminevil"],
    ),
    Fixture(
        "unclosed-fence",
        text_file("fence.md", "# Fence\n\n```python\nprint('never closed')\n"),
        titles=["Fence"],
        findings=["code fence is never closed"],
    ),
    Fixture(
        "unclosed-comment",
        text_file("comment.md", "# Comment\n\ntext\n\n<!-- never closed\n\n---\n\n# Hidden\n"),
        titles=["Comment"],
        findings=["comment is never closed"],
    ),
    Fixture(
        "unclosed-front-matter",
        text_file("fm.md", "---\ntitle: Never closed\n\n# One\n"),
        error="front matter is not closed: add a `---` line after it",
    ),
    Fixture(
        "front-matter-only",
        text_file("only.md", "---\ntitle: Nothing else\n---\n"),
        error="the deck is empty: no slide has anything to show",
    ),
    Fixture("empty-file", text_file("empty.md", ""), error="the deck is empty: no slide has anything to show"),
    Fixture("empty-directory", _empty_dir, error="no Markdown (.md) files in this directory"),
    Fixture("junk-beside-the-deck", _deck_with_junk, titles=["One", "Two"]),
    Fixture("symlink-loop", _symlink_loop, error="cannot open: Too many levels of symbolic links"),
    Fixture("fifo", _fifo, error="not a regular file or directory"),
    Fixture("missing", lambda folder: folder / "nope.md", error="no such file or directory"),
]
