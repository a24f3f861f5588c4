"""Deck blocks → HTML elements, for the HTML export (and through it the PDF).

Every piece of deck text that enters the page is escaped here, and the only attributes built
from deck text are a link's `href` (escaped, and only for the targets `safe_url` allows) and a
list's numeric `start`. So a deck's `<script>`, `onerror=` or `</section>` is text on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from html import escape
from itertools import groupby
from typing import TYPE_CHECKING

from briefing.core.blocks import (
    Align,
    Bar,
    Block,
    Chart,
    CodeBlock,
    ColumnMark,
    Heading,
    ImageBlock,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
    image_caption,
)
from briefing.core.compat import assert_never
from briefing.core.runnable import RunOutput
from briefing.export.safe_url import is_safe_link
from briefing.render.chart import chart_heading

if TYPE_CHECKING:  # Pygments is imported only for decks with code
    from pygments.formatter import Formatter
    from pygments.lexer import Lexer

PictureSource = Callable[[ImageBlock], tuple[str | None, str]]
"""An image's `data:` URI, or None and why the page cannot carry it."""

# Chart bars are drawn in a box this many units wide, stretched to the column's width.
_BAR_UNITS = 1000
_BAR_MIN = 4  # a small non-zero value still shows
_AXIS = 3


def text(value: str) -> str:
    """Deck text as HTML text: escaped, and hard line breaks kept."""
    return escape(value, quote=False).replace("\n", "<br>\n")


def attribute(value: str) -> str:
    return escape(value, quote=True)


def inline(spans: Inline) -> str:
    """Styled spans as HTML; consecutive spans with one link target share one `<a>`."""
    parts: list[str] = []
    for link, group in groupby(spans, key=lambda span: span.link):
        inner = "".join(_span(span) for span in group)
        if link and is_safe_link(link):
            parts.append(f'<a href="{attribute(link)}" rel="noreferrer">{inner}</a>')
        else:
            parts.append(inner)  # an unsafe target keeps its text and loses the link
    return "".join(parts)


def _run_output(run: RunOutput) -> str:
    """A code block's output (program output: escaped text) and how its run ended."""
    css = "run-output failed" if not run.succeeded else "run-output"
    output = escape(run.output, quote=False)
    return (
        f'<figure class="{css}"><pre class="code"><samp>{output}</samp></pre>'
        f"<figcaption>{escape(run.status, quote=False)}</figcaption></figure>"
    )


def _span(span: Span) -> str:
    html = text(span.text)
    if span.code:
        html = f"<code>{html}</code>"
    if span.strike:
        html = f"<s>{html}</s>"
    if span.italic:
        html = f"<em>{html}</em>"
    if span.bold:
        html = f"<strong>{html}</strong>"
    return html


class BlockWriter:
    """Writes blocks as HTML. `fills` are the chart colours (positive bar, negative bar, axis)
    written into each chart's SVG, for renderers without the page's stylesheet (WeasyPrint
    draws inline SVG with its presentation attributes only); browsers colour bars by CSS."""

    def __init__(self, fills: tuple[str, str, str] = ("green", "red", "gray")) -> None:
        self.fills = fills
        self.outputs: Mapping[int, RunOutput] = {}  # runnable blocks' output, by their fence's line
        self.pictures: PictureSource | None = None  # set per slide by the page; None: placeholders

    def block(self, block: Block, attributes: str = "", *, title: bool = False) -> str:
        """One block as HTML. `attributes` (built by the caller, never from deck text) go on
        its outermost element; `title` marks the heading that is the slide's title."""
        match block:
            case Heading():
                level = min(max(block.level, 1), 6)
                css = ' class="title"' if title else ""
                return f"<h{level}{css}{attributes}>{inline(block.text)}</h{level}>"
            case Paragraph():
                css = f' class="{block.align}"' if block.align in ("center", "right") else ""
                return f"<p{css}{attributes}>{inline(block.text)}</p>"
            case ListBlock():
                return self._list(block, attributes)
            case Table():
                return _table(block, attributes)
            case CodeBlock():
                code = highlight(block.code, block.language)
                if block.line_numbers or block.highlighted is not None:
                    code = _walked_lines(code, block)
                run = self.outputs.get(block.run.line) if block.run is not None else None
                if run is None:
                    return f'<pre class="code"{attributes}><code>{code}</code></pre>'
                html = f'<pre class="code"><code>{code}</code></pre>'
                return f'<div class="code-run"{attributes}>\n{html}\n{_run_output(run)}\n</div>'
            case Chart():
                return self._chart(block, attributes)
            case Quote():
                return f"<blockquote{attributes}>\n{self.blocks(block.blocks)}\n</blockquote>"
            case Rule():
                return f"<hr{attributes}>"
            case ImageBlock():
                return self._image(block, attributes)
            case ColumnMark():
                return ""  # the caller lays columns out (html.py)
            case _:
                assert_never(block)

    def blocks(self, items: tuple[Block, ...]) -> str:
        return "\n".join(self.block(item) for item in items)

    def _image(self, block: ImageBlock, attributes: str) -> str:
        """The picture as a data: URI (the page loads nothing), or its alt text in a frame and
        why it is not there."""
        uri, reason = self.pictures(block) if self.pictures is not None else (None, "")
        if uri is not None:
            return (
                f'<figure class="image"{attributes}><img src="{attribute(uri)}" alt="{attribute(block.alt)}"></figure>'
            )
        why = f'<span class="why">{text(reason)}</span>' if reason else ""
        return f'<figure class="image missing"{attributes}><span>{text(image_caption(block))}</span>{why}</figure>'

    def _list(self, block: ListBlock, attributes: str) -> str:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{int(block.start)}"' if block.ordered and block.start != 1 else ""
        css = ' class="tight"' if block.tight else ""
        items = "".join(f"<li>{self.blocks(item)}</li>\n" for item in block.items)
        return f"<{tag}{css}{start}{attributes}>\n{items}</{tag}>"

    def _chart(self, chart: Chart, attributes: str) -> str:
        """A bar chart as a table: labels and values stay text; each bar is a small inline
        SVG, negative values left of a shared axis, scaled like the terminal's chart."""
        most_negative = max((-bar.value for bar in chart.bars if bar.value < 0), default=0.0)
        most_positive = max((bar.value for bar in chart.bars if bar.value > 0), default=0.0)
        span = most_negative + most_positive
        axis = 0 if span == 0 else round(_BAR_UNITS * most_negative / span)
        heading = chart_heading(chart)
        parts = [f'<figure class="chart"{attributes}><table>\n']
        if heading:
            parts.append(f"<caption>{text(heading)}</caption>\n")
        for bar in chart.bars:
            parts.append(
                f'<tr><th scope="row">{text(bar.label)}</th>'
                f'<td class="bar">{self._bar_svg(bar, span, axis)}</td>'
                f'<td class="value">{text(bar.shown)}</td></tr>\n'
            )
        parts.append("</table></figure>")
        return "".join(parts)

    def _bar_svg(self, bar: Bar, span: float, axis: int) -> str:
        positive, negative, axis_fill = self.fills
        length = 0 if span == 0 else round(abs(bar.value) * _BAR_UNITS / span)
        if bar.value != 0:
            length = max(_BAR_MIN, length)
        shape = ""
        if bar.value < 0:
            length = min(length, axis)
            shape = _rect("negative", negative, axis - length, length)
        elif bar.value > 0:
            length = min(length, _BAR_UNITS - axis)
            shape = _rect("positive", positive, axis, length)
        axis_x = min(max(axis - 1, 0), _BAR_UNITS - _AXIS)
        line = _rect("axis", axis_fill, axis_x, _AXIS, ' fill-opacity=".5"')
        return f'<svg viewBox="0 0 {_BAR_UNITS} 10" preserveAspectRatio="none" aria-hidden="true">{shape}{line}</svg>'


def _rect(css: str, fill: str, x: int, width: int, extra: str = "") -> str:
    return f'<rect class="{css}" fill="{attribute(fill)}"{extra} x="{x}" y="0" width="{width}" height="10"/>'


def _align(align: Align) -> str:
    return f' class="{align}"' if align in ("left", "center", "right") else ""


def _table(block: Table, attributes: str) -> str:
    count = max([len(block.header), *(len(row) for row in block.rows)])
    # a table may state more alignments than it has columns: the extra ones go unused
    align = list(block.align) + [""] * (count - len(block.align))
    header = list(block.header) + [()] * (count - len(block.header))
    parts = [f'<div class="table"{attributes}><table>\n']
    if any(cell for cell in header):
        cells = "".join(f"<th{_align(a)}>{inline(cell)}</th>" for cell, a in zip(header, align, strict=False))
        parts.append(f"<thead><tr>{cells}</tr></thead>\n")
    parts.append("<tbody>\n")
    for row in block.rows:
        padded = list(row) + [()] * (count - len(row))
        cells = "".join(f"<td{_align(a)}>{inline(cell)}</td>" for cell, a in zip(padded, align, strict=False))
        parts.append(f"<tr>{cells}</tr>\n")
    parts.append("</tbody></table></div>")
    return "".join(parts)


def _walked_lines(code: str, block: CodeBlock) -> str:
    """Highlighted code line by line: numbered (`+line_numbers`), and the lines this step of a
    walk-through does not highlight dimmed. Pygments closes its spans at each line's end."""
    highlighted = block.highlighted
    count = block.code.count("\n") + 1
    lines = code.split("\n")
    if len(lines) > count and not "".join(lines[count:]).strip():
        lines = lines[:count]  # Pygments' newline at the end
    digits = len(str(len(lines)))
    parts = []
    for number, line in enumerate(lines, start=1):
        css = "line" if highlighted is None or number in highlighted else "line dim"
        gutter = f'<span class="ln" aria-hidden="true">{number:>{digits}}</span>' if block.line_numbers else ""
        parts.append(f'<span class="{css}">{gutter}{line}</span>')
    return "\n".join(parts)


def column_classes(weights: tuple[int, ...]) -> list[str]:
    """Each column's class, `w1` … `w12`: its weight, brought into the stylesheet's range."""
    from math import gcd

    divisor = 0
    for weight in weights:
        divisor = gcd(divisor, weight)
    reduced = [weight // max(divisor, 1) for weight in weights]
    top = max(reduced, default=1)
    if top > 12:
        reduced = [max(1, round(weight * 12 / top)) for weight in reduced]
    return [f"column w{weight}" for weight in reduced]


def highlight(code: str, language: str) -> str:
    """Code as escaped HTML, with Pygments' classes when its language is one Pygments knows
    (the page's style colours them as the show does)."""
    code = code.expandtabs(4)
    lexer = _lexer(language.lower()) if language else None
    if lexer is None:
        return escape(code, quote=False)
    from pygments import highlight as pygments_highlight

    return str(pygments_highlight(code, lexer, _formatter()))


@lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer | None:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        # keep the code's own blank lines at either end, and add no newline at its end
        lexer: Lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None
    return lexer


@lru_cache(maxsize=1)
def _formatter() -> Formatter[str]:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(nowrap=True)
