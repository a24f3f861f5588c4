"""Raw HTML in a deck → the blocks its text would make, through the standard library's parser.

Decks for web presenters put text in HTML (`<h1>`, `<p align="center">`, `<div>`, `<li>`,
`<img alt>`); a terminal can still show that text. Only text ever comes out: tags are never
passed on, scripts, styles and speaker notes (`class="notes"`) are dropped, and character
references are decoded and then cleaned like any other deck text (`&#27;` is an ESC).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from briefing.core.blocks import (
    Align,
    Block,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
)
from briefing.core.markdown import image_label
from briefing.core.sanitize import clean_text

# Elements whose content is never text for the audience.
_DROPPED = frozenset({"script", "style", "template", "head", "title", "svg", "math", "noscript", "object", "canvas"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_BOLD = frozenset({"b", "strong"})
_ITALIC = frozenset({"i", "em", "cite", "var"})
_CODE = frozenset({"code", "kbd", "samp", "tt"})
_STRIKE = frozenset({"s", "del", "strike"})
_MAX_DEPTH = 20  # as deep as markdown-it nests blocks; deeper structure reads as paragraphs


_MAX_PARSED = 200_000  # longer HTML is read the plain way
_TAG = re.compile(r"<[^<>]*>")
_STRAY = re.compile(r"<(?![^<>]*>)")  # a `<` that opens no tag before the next `<`


def html_blocks(source: str) -> tuple[Block, ...]:
    """The text of an HTML fragment as blocks; markup in it is text, never instructions."""
    if len(source) > _MAX_PARSED:
        return _plain_blocks(source)
    builder = _Builder()
    try:
        builder.feed(_tidy(source))
        builder.close()
    except (AssertionError, ValueError, IndexError):  # the parser gives up on some malformed input
        return _plain_blocks(source)
    return builder.finish()


def _tidy(source: str) -> str:
    """Comments out, and every `<` that starts no tag written as `&lt;`: the standard parser
    takes time quadratic in the length of runs of unfinished tags (`<a <a <a …`)."""
    return _STRAY.sub("&lt;", _without_comments(source))


def _without_comments(source: str) -> str:
    """Comments removed in one pass; an unclosed one hides the rest, as in a browser."""
    parts: list[str] = []
    position = 0
    while True:
        start = source.find("<!--", position)
        if start < 0:
            parts.append(source[position:])
            return "".join(parts)
        parts.append(source[position:start])
        end = source.find("-->", start + 4)
        if end < 0:
            return "".join(parts)
        position = end + 3


def _plain_blocks(source: str) -> tuple[Block, ...]:
    """A long HTML fragment as one paragraph of its text, in time linear in its length (the
    standard parser takes quadratic time on some input, such as `</` repeated)."""
    kept: list[str] = []
    position = 0
    lowered = source.lower()
    upcoming = {tag: lowered.find(f"<{tag}") for tag in _DROPPED}  # each tag's next place
    while position < len(source):
        for tag, found in upcoming.items():
            if 0 <= found < position:
                upcoming[tag] = lowered.find(f"<{tag}", position)
        starts = [found for found in upcoming.values() if found >= 0]
        if not starts:
            kept.append(source[position:])
            break
        start = min(starts)
        kept.append(source[position:start])
        tag = next(tag for tag, found in upcoming.items() if found == start)
        end = lowered.find(f"</{tag}", start)
        if end < 0:
            break  # unclosed: the rest is script or style
        close = lowered.find(">", end)
        position = len(source) if close < 0 else close + 1
    text = clean_text(html.unescape(_TAG.sub(" ", _without_comments("".join(kept)))))
    words = " ".join(text.split())
    return (Paragraph((Span(words),)),) if words else ()


class _Frame:
    """An open container: the document, a list, a list item, a quote or a table."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.start = 1  # ordered lists
        self.blocks: list[Block] = []
        self.items: list[tuple[Block, ...]] = []  # lists
        self.rows: list[tuple[Inline, ...]] = []  # tables
        self.header: tuple[Inline, ...] = ()
        self.cells: list[Inline] = []
        self.header_row = False
        self.in_cell = False


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.frames = [_Frame("document")]
        self.spans: list[Span] = []
        self.dropped: list[str] = []  # open elements whose content is skipped
        self.bold = self.italic = self.code = self.strike = 0
        self.link: str | None = None
        self.heading = 0
        self.pre: list[str] | None = None
        self.align_stack: list[tuple[str, Align]] = []

    # -- tags ----------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropped:
            if tag == self.dropped[-1] and tag not in _VOID:
                self.dropped.append(tag)
            return
        attributes = {name: value or "" for name, value in attrs}
        if tag in _DROPPED or "notes" in attributes.get("class", "").split():
            if tag not in _VOID:
                self.dropped.append(tag)
            return
        align = self._align_of(tag, attributes)
        if tag in _HEADINGS:
            self._flush()
            self.heading = _HEADINGS[tag]
            self._push_align(tag, align)
        elif tag in ("ul", "ol", "blockquote", "table") and len(self.frames) < _MAX_DEPTH:
            self._flush()
            frame = _Frame(tag)
            start = attributes.get("start", "1").strip()
            frame.start = int(start) if start.isdigit() and len(start) < 10 else 1
            self.frames.append(frame)
        elif tag == "li" and self.frames[-1].tag in ("ul", "ol", "li"):
            self._flush()
            if self.frames[-1].tag == "li":
                self._close_item()
            self.frames.append(_Frame("li"))
        elif tag == "tr" and self._table() is not None:
            self._end_row()
        elif tag in ("td", "th") and self._table() is not None:
            self._end_cell()
            table = self._table()
            assert table is not None
            if tag == "th" and not table.rows and not table.cells:
                table.header_row = True
            table.in_cell = True
        elif tag == "pre":
            self._flush()
            self.pre = []
        elif tag == "br":
            self._text("\n", raw=True)
        elif tag == "hr":
            self._flush()
            self.frames[-1].blocks.append(Rule())
        elif tag == "img":
            self._text(image_label(attributes.get("alt", ""), attributes.get("src", "")), raw=True)
        elif tag in _BOLD:
            self.bold += 1
        elif tag in _ITALIC:
            self.italic += 1
        elif tag in _CODE:
            self.code += 1
        elif tag in _STRIKE:
            self.strike += 1
        elif tag == "a":
            self.link = attributes.get("href") or None
        elif tag not in _VOID and tag not in ("span", "font", "u", "small", "big", "sub", "sup"):
            self._flush()  # any other element is a block boundary: p, div, section, …
            self._push_align(tag, align)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropped:
            if tag == self.dropped[-1]:
                self.dropped.pop()
            return
        if tag in _HEADINGS and self.heading:
            self._flush()
            self._pop_align(tag)
        elif tag in ("ul", "ol", "blockquote", "table") and self._has_frame(tag):
            self._flush()
            while self.frames[-1].tag != tag:
                self._close_top()
            self._close_top()
        elif tag == "li" and self.frames[-1].tag == "li":
            self._flush()
            self._close_item()
        elif tag == "tr" and self._table() is not None:
            self._end_row()
        elif tag in ("td", "th") and self._table() is not None:
            self._end_cell()
        elif tag == "pre" and self.pre is not None:
            code = "".join(self.pre).strip("\n")
            self.pre = None
            if code.strip():
                self.frames[-1].blocks.append(CodeBlock(code))
        elif tag in _BOLD:
            self.bold = max(0, self.bold - 1)
        elif tag in _ITALIC:
            self.italic = max(0, self.italic - 1)
        elif tag in _CODE:
            self.code = max(0, self.code - 1)
        elif tag in _STRIKE:
            self.strike = max(0, self.strike - 1)
        elif tag == "a":
            self.link = None
        elif tag not in _VOID and tag not in ("span", "font", "u", "small", "big", "sub", "sup"):
            self._flush()
            self._pop_align(tag)

    def handle_data(self, data: str) -> None:
        if self.dropped:
            return
        if self.pre is not None:
            self.pre.append(clean_text(data))
            return
        self._text(data)

    # comments, declarations and processing instructions are never text
    def handle_comment(self, data: str) -> None:
        pass

    # -- text ----------------------------------------------------------------------------------

    def _text(self, data: str, raw: bool = False) -> None:
        text = clean_text(data)
        if not raw:
            text = " ".join(text.split()) if text.strip() else (" " if text else "")
            if text and not text[0].isspace() and data[:1].isspace():
                text = " " + text
            if text and not text[-1].isspace() and data[-1:].isspace():
                text = text + " "
        if text and text[0] == " " and self.spans and self.spans[-1].text.endswith((" ", "\n")):
            text = text[1:]
        if not text:
            return
        style = (bool(self.bold), bool(self.italic), bool(self.code), bool(self.strike), self.link)
        if self.spans and tuple(self.spans[-1][1:]) == style:
            last = self.spans[-1]
            self.spans[-1] = last._replace(text=last.text + text)
        else:
            self.spans.append(Span(text, *style))

    def _inline(self) -> Inline:
        """The pending text, with the spaces at its ends and around line breaks trimmed."""
        spans = [span for span in self.spans if span.text]
        self.spans = []
        if not spans:
            return ()
        text = "".join(span.text for span in spans)
        if not text.strip():
            return ()
        trimmed: list[Span] = []
        for index, span in enumerate(spans):
            value = span.text.replace(" \n", "\n").replace("\n ", "\n")
            if index == 0:
                value = value.lstrip(" ")
            if index == len(spans) - 1:
                value = value.rstrip(" ")
            if value:
                trimmed.append(span._replace(text=value))
        return tuple(trimmed)

    def _flush(self) -> None:
        if self._table() is not None:
            if self.spans:  # a block inside a cell: the cell goes on, after a space
                self._text(" ", raw=True)
            return
        inline = self._inline()
        if not inline:
            self.heading = 0
            return
        frame = self.frames[-1]
        if self.heading:
            frame.blocks.append(Heading(self.heading, inline))
        else:
            frame.blocks.append(Paragraph(inline, self._current_align()))
        self.heading = 0

    # -- containers ----------------------------------------------------------------------------

    def _has_frame(self, tag: str) -> bool:
        return any(frame.tag == tag for frame in self.frames[1:])

    def _table(self) -> _Frame | None:
        return self.frames[-1] if self.frames[-1].tag == "table" else None

    def _end_cell(self) -> None:
        table = self._table()
        if table is None or not table.in_cell:
            self.spans = []  # text between cells is not in any cell
            return
        table.cells.append(self._inline())
        table.in_cell = False

    def _end_row(self) -> None:
        table = self._table()
        if table is None:
            return
        self._end_cell()
        if table.cells:
            if table.header_row and not table.header and not table.rows:
                table.header = tuple(table.cells)
            else:
                table.rows.append(tuple(table.cells))
        table.cells = []
        table.header_row = False

    def _close_item(self) -> None:
        item = self.frames.pop()
        parent = self.frames[-1]
        parent.items.append(tuple(item.blocks))

    def _close_top(self) -> None:
        frame = self.frames[-1]
        if frame.tag == "li":
            self._close_item()
            return
        if frame.tag == "table":
            self._end_row()
        self.frames.pop()
        parent = self.frames[-1]
        # an empty list, quote or table leaves nothing behind
        if frame.tag in ("ul", "ol") and frame.items:
            parent.blocks.append(ListBlock(tuple(frame.items), frame.tag == "ol", frame.start, True))
        elif frame.tag == "blockquote" and frame.blocks:
            parent.blocks.append(Quote(tuple(frame.blocks)))
        elif frame.tag == "table" and (frame.rows or frame.header):
            width = max([len(frame.header), *(len(row) for row in frame.rows)])
            parent.blocks.append(Table(frame.header, tuple(frame.rows), tuple("" for _ in range(width))))

    def finish(self) -> tuple[Block, ...]:
        self._flush()
        while len(self.frames) > 1:
            self._close_top()
        return tuple(self.frames[0].blocks)

    # -- alignment -----------------------------------------------------------------------------

    @staticmethod
    def _align_of(tag: str, attributes: dict[str, str]) -> Align:
        if tag == "center":
            return "center"
        value = attributes.get("align", "").strip().lower()
        if value in ("center", "centre", "middle"):
            return "center"
        if value == "right":
            return "right"
        if value == "left":
            return "left"
        return ""

    def _push_align(self, tag: str, align: Align) -> None:
        self.align_stack.append((tag, align))

    def _pop_align(self, tag: str) -> None:
        for index in range(len(self.align_stack) - 1, -1, -1):
            if self.align_stack[index][0] == tag:
                del self.align_stack[index:]
                return

    def _current_align(self) -> Align:
        for _tag, align in reversed(self.align_stack):
            if align:
                return "" if align == "left" else align
        return ""
