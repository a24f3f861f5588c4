"""Markdown → blocks: one MarkdownIt for the whole program, and the token-to-block mapping."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from briefing.core.blocks import (
    Align,
    Block,
    CodeBlock,
    Heading,
    ImageBlock,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
)
from briefing.core.chart import ChartError, parse_chart
from briefing.core.code_info import language_of, parse_info
from briefing.core.runnable import run_mark

CHART_LANGUAGE = "chart"
_LINE_BREAK = re.compile(r"<br\s*/?>$", re.IGNORECASE)


@lru_cache(maxsize=2)
def parser(front_matter: bool = True) -> MarkdownIt:
    """CommonMark with raw HTML (for comments), GFM tables and strikethrough."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    if front_matter:
        md.use(front_matter_plugin)
    return md


def parse_blocks(text: str) -> tuple[Block, ...]:
    """Blocks of a standalone Markdown text (speaker notes)."""
    return to_blocks(parser(False).parse(text))


def closing_index(tokens: Sequence[Token], index: int) -> int:
    """Index of the token that closes the one at `index` (itself if it opens nothing)."""
    token = tokens[index]
    if token.nesting != 1:
        return index
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def to_blocks(tokens: Sequence[Token], start: int = 0, end: int | None = None) -> tuple[Block, ...]:
    """Map block tokens in [start, end) to blocks; raw HTML becomes the text in it."""
    end = len(tokens) if end is None else end
    blocks: list[Block] = []
    index = start
    while index < end:
        close = closing_index(tokens, index)
        if tokens[index].type == "html_block":
            blocks.extend(html_text(tokens[index].content))
        else:
            block = _block(tokens, index, close)
            if block is not None:
                blocks.append(block)
        index = close + 1
    return tuple(blocks)


def to_blocks_until(tokens: Sequence[Token], start: int, end: int, line: int) -> tuple[Block, ...]:
    """The blocks of tokens [start, end) that begin before source line `line` (0-based), lists
    and quotes cut item by item: what a slide shows up to a pause inside a list."""
    blocks: list[Block] = []
    index = start
    while index < end:
        token = tokens[index]
        if token.map and token.map[0] >= line:
            break
        close = closing_index(tokens, index)
        if token.type in ("bullet_list_open", "ordered_list_open"):
            listed = _list(tokens, index, close, line)
            block: Block | None = listed if listed.items else None
        elif token.type == "blockquote_open":
            inner = to_blocks_until(tokens, index + 1, close, line)
            block = Quote(inner) if inner else None
        elif token.type == "html_block":
            blocks.extend(html_text(token.content))
            block = None
        else:
            block = _block(tokens, index, close)
        if block is not None:
            blocks.append(block)
        index = close + 1
    return tuple(blocks)


def html_text(source: str) -> tuple[Block, ...]:
    """Blocks of the text in raw HTML (imported only for decks that have some)."""
    from briefing.core.html_text import html_blocks

    return html_blocks(source)


def _block(tokens: Sequence[Token], index: int, close: int) -> Block | None:
    token = tokens[index]
    kind = token.type
    if kind == "heading_open":
        return Heading(int(token.tag[1:]), inline_spans(tokens[index + 1]))
    if kind == "paragraph_open":
        image = standalone_image(tokens[index + 1])
        if image is not None:
            return image
        text = inline_spans(tokens[index + 1])
        return Paragraph(text) if any(span.text.strip() for span in text) else None
    if kind in ("bullet_list_open", "ordered_list_open"):
        return _list(tokens, index, close)
    if kind == "blockquote_open":
        return Quote(to_blocks(tokens, index + 1, close))
    if kind == "table_open":
        return _table(tokens, index, close)
    if kind in ("fence", "code_block"):
        return code_or_chart(token)
    if kind == "hr":
        return Rule()
    return None


def standalone_image(inline: Token) -> ImageBlock | None:
    """The image a paragraph consists of, alone (blank text around it aside), if it does."""
    children = [child for child in inline.children or () if not (child.type == "text" and not child.content.strip())]
    if len(children) != 1 or children[0].type != "image":
        return None
    image = children[0]
    line = inline.map[0] + 1 if inline.map else 0
    # the alt text as plain text (CommonMark's rule): `![The *alt* text]` is "The alt text"
    alt = "".join(child.content for child in image.children or () if child.type in ("text", "code_inline"))
    return ImageBlock(str(image.attrGet("src") or ""), (alt or image.content).strip(), line)


def code_or_chart(token: Token) -> Block:
    """A fence becomes a chart when its info string says `chart` and its lines read as one."""
    info = token.info
    language = language_of(info)
    code = token.content
    if language.lower() == CHART_LANGUAGE:
        try:
            return parse_chart(code)
        except ChartError:
            pass  # shown as code; the loader reports the bad line
    code = code[:-1] if code.endswith("\n") else code
    run = run_mark(info, token.map[0] + 1) if token.map else None
    if "{" not in info and "+line_numbers" not in info:
        return CodeBlock(code, language, run=run)
    parsed = parse_info(info, code.count("\n") + 1)
    return CodeBlock(code, language, parsed.highlights, 0, parsed.line_numbers, run)


def _list(tokens: Sequence[Token], index: int, close: int, until: int | None = None) -> ListBlock:
    items: list[tuple[Block, ...]] = []
    position = index + 1
    while position < close:
        item_close = closing_index(tokens, position)
        if until is None:
            items.append(to_blocks(tokens, position + 1, item_close))
        else:
            opening = tokens[position].map
            if opening and opening[0] >= until:
                break
            items.append(to_blocks_until(tokens, position + 1, item_close, until))
        position = item_close + 1
    token = tokens[index]
    ordered = token.type == "ordered_list_open"
    start = int(token.attrGet("start") or 1) if ordered else 1
    # markdown-it hides the paragraphs of tight lists
    tight = not any(
        t.type == "paragraph_open" and not t.hidden and t.level == token.level + 2 for t in tokens[index:close]
    )
    return ListBlock(tuple(items), ordered, start, tight)


def _table(tokens: Sequence[Token], index: int, close: int) -> Table:
    header: tuple[Inline, ...] = ()
    rows: list[tuple[Inline, ...]] = []
    align: list[Align] = []
    row: list[Inline] = []
    in_head = False
    for position in range(index + 1, close):
        token = tokens[position]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type in ("th_open", "td_open"):
            row.append(inline_spans(tokens[position + 1]))
            if in_head:
                align.append(_alignment(token))
        elif token.type == "tr_close":
            if in_head:
                header = tuple(row)
            else:
                rows.append(tuple(row))
            row = []
    return Table(header, tuple(rows), tuple(align))


def _alignment(token: Token) -> Align:
    style = str(token.attrGet("style") or "")
    for value in ("left", "center", "right"):
        if value in style:
            return value
    return ""


def inline_spans(token: Token) -> Inline:
    """Styled spans of an `inline` token; raw inline HTML is dropped, images show their text."""
    spans: list[Span] = []
    pieces: list[str] = []
    bold = italic = strike = False
    link: str | None = None
    current: tuple[bool, bool, bool, bool, str | None] = (
        False,
        False,
        False,
        False,
        None,
    )  # bold, italic, code, strike, link

    for child in token.children or ():
        kind = child.type
        if kind == "text":
            text, code = child.content, False
        elif kind == "code_inline":
            text, code = child.content, True
        elif kind == "softbreak":
            text, code = " ", False
        elif kind == "hardbreak":
            text, code = "\n", False
        elif kind == "image":
            target = str(child.attrGet("src") or "") or None
            style = (bold, italic, False, strike, target)
            if style != current and pieces:
                spans.append(Span("".join(pieces), *current))
                pieces.clear()
            current = style
            pieces.append(image_label(child.content, target or ""))
            continue
        elif kind == "html_inline" and _LINE_BREAK.match(child.content):
            text, code = "\n", False  # `<br>`, as HTML draws it
        else:
            if kind in ("strong_open", "strong_close"):
                bold = kind == "strong_open"
            elif kind in ("em_open", "em_close"):
                italic = kind == "em_open"
            elif kind in ("s_open", "s_close"):
                strike = kind == "s_open"
            elif kind == "link_open":
                link = str(child.attrGet("href") or "") or None
            elif kind == "link_close":
                link = None
            continue  # raw inline HTML and unknown tokens show nothing
        if not text:
            continue
        style = (bold, italic, code, strike, link)
        if style != current and pieces:
            spans.append(Span("".join(pieces), *current))
            pieces.clear()
        current = style
        pieces.append(text)
    if pieces:
        spans.append(Span("".join(pieces), *current))
    return tuple(spans)


def image_label(alt: str, src: str) -> str:
    """An image stands as its alt text, else its file's name."""
    if alt.strip():
        return f"[{alt.strip()}]"
    name = posixpath.basename(src.split("?", 1)[0].split("#", 1)[0].rstrip("/"))
    return f"[{name or 'image'}]"
