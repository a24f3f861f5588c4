"""Blocks → Rich renderables, for the presenter and for `check`'s size rule.

Deck text only ever becomes `Text` objects built from plain strings, never markup, so `[b]` or
`[@click=app.quit]` in a slide shows as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from briefing.core.blocks import (
    Block,
    Chart,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Table,
)
from briefing.render.cells import cell_len, fit, pad
from briefing.render.chart import MIN_BAR_AREA, layout_chart


@dataclass(frozen=True)
class Palette:
    """The styles slides are drawn with; the UI builds one from the current Textual theme."""

    title: Style = Style(bold=True, color="bright_cyan")
    heading: Style = Style(bold=True)
    subheading: Style = Style(bold=True, italic=True)
    text: Style = Style()
    muted: Style = Style(dim=True)
    code: Style = Style(color="bright_yellow")
    link: Style = Style(underline=True, color="bright_blue")
    accent: Style = Style(color="bright_magenta")
    rule: Style = Style(color="bright_cyan", dim=True)
    positive: Style = Style(color="green")
    negative: Style = Style(color="red")
    code_theme: str = "ansi_dark"


class Prefixed:
    """A renderable drawn at a reduced width with a prefix on each line (list items, quotes)."""

    def __init__(self, renderable: RenderableType, first: Text, rest: Text) -> None:
        self.renderable = renderable
        self.first = first
        self.rest = rest

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = max(self.first.cell_len, self.rest.cell_len)
        inner = Measurement.get(console, options, self.renderable)
        return Measurement(inner.minimum + indent, inner.maximum + indent)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = max(self.first.cell_len, self.rest.cell_len)
        width = max(1, options.max_width - indent)
        lines = console.render_lines(self.renderable, options.update_width(width), pad=False)
        new_line = Segment.line()
        for index, line in enumerate(lines):
            prefix = self.first if index == 0 else self.rest
            yield from prefix.render(console)
            yield Segment(" " * (indent - prefix.cell_len))
            yield from line
            yield new_line


class SlideRenderer:
    """Turns a slide's blocks into one Rich renderable; the first heading is the slide's title."""

    def __init__(self, palette: Palette | None = None, *, highlight: bool = True) -> None:
        self.palette = palette or Palette()
        self.highlight = highlight  # colour code by language (imports Pygments on first use)
        self._render: dict[type, Callable[[Block], RenderableType]] = {
            Heading: self._heading,  # type: ignore[dict-item]
            Paragraph: self._paragraph,  # type: ignore[dict-item]
            ListBlock: self._list,  # type: ignore[dict-item]
            Table: self._table,  # type: ignore[dict-item]
            CodeBlock: self._code,  # type: ignore[dict-item]
            Chart: self._chart,  # type: ignore[dict-item]
            Quote: self._quote,  # type: ignore[dict-item]
            Rule: self._rule,  # type: ignore[dict-item]
        }

    def render(
        self, blocks: Sequence[Block], *, title_first: bool = True, tight: bool = False
    ) -> Group:
        """Blocks with a blank line between them (unless `tight`); a leading heading is the title."""
        parts: list[RenderableType] = []
        for index, block in enumerate(blocks):
            if parts and not tight:
                parts.append(Text())
            if index == 0 and title_first and isinstance(block, Heading):
                parts.append(self._title(block))
            else:
                parts.append(self._render[type(block)](block))
        return Group(*parts)

    def inline(self, inline: Inline, base: Style | None = None) -> Text:
        """Styled text from spans; never parsed as markup."""
        palette = self.palette
        text = Text(style=base or palette.text)
        for span in inline:
            style = Style(
                bold=span.bold or None,
                italic=span.italic or None,
                strike=span.strike or None,
            )
            if span.code:
                style += palette.code
            if span.link:
                style += palette.link
            text.append(span.text, style)
        return text

    def _title(self, block: Heading) -> RenderableType:
        """The slide's title, underlined by a rule as long as its longest line."""
        title = self.inline(block.text, self.palette.title)
        return _Underlined(title, self.palette.rule)

    def _heading(self, block: Heading) -> RenderableType:
        style = self.palette.heading if block.level <= 2 else self.palette.subheading
        return self.inline(block.text, style)

    def _paragraph(self, block: Paragraph) -> RenderableType:
        text = self.inline(block.text)
        if block.align:
            text.justify = block.align
        return text

    def _blocks(self, blocks: Iterable[Block], tight: bool = False) -> RenderableType:
        return self.render(tuple(blocks), title_first=False, tight=tight)

    def _list(self, block: ListBlock) -> RenderableType:
        accent = self.palette.accent
        if block.ordered:
            last = block.start + len(block.items) - 1
            size = len(f"{last}.")
            markers = [f"{n}.".rjust(size) for n in range(block.start, last + 1)]
        else:
            markers = ["\u2022"] * len(block.items)
        rows: list[RenderableType] = []
        for marker, item in zip(markers, block.items):
            if rows and not block.tight:
                rows.append(Text())
            body = self._blocks(item, tight=block.tight)
            rows.append(Prefixed(body, Text(marker + " ", accent), Text("")))
        return Group(*rows)

    def _table(self, block: Table) -> RenderableType:
        from rich import box

        has_header = any(cell for cell in block.header)
        table = RichTable(
            box=box.SIMPLE_HEAD if has_header else None,
            show_header=has_header,
            header_style=self.palette.heading,
            border_style=self.palette.muted,
            pad_edge=False,
            show_edge=False,
            padding=(0, 1),
            expand=False,
        )
        count = max([len(block.header), *(len(row) for row in block.rows)])
        align = list(block.align) + [""] * (count - len(block.align))
        header = list(block.header) + [()] * (count - len(block.header))
        for cell, justify in zip(header, align):
            table.add_column(self.inline(cell, self.palette.heading), justify=justify or "left")
        for row in block.rows:
            cells = list(row) + [()] * (count - len(row))
            table.add_row(*(self.inline(cell) for cell in cells))
        return table

    def _code(self, block: CodeBlock) -> RenderableType:
        return _CodeView(block, self.palette, self.highlight)

    def _chart(self, block: Chart) -> RenderableType:
        return _ChartView(block, self.palette)

    def _quote(self, block: Quote) -> RenderableType:
        bar = Text("\u258c ", self.palette.accent)
        inner = self._blocks(block.blocks)
        return Prefixed(inner, bar, bar)

    def _rule(self, block: Rule) -> RenderableType:
        from rich.rule import Rule as RichRule

        return RichRule(style=self.palette.muted)


class _Underlined:
    """Text with a rule under it exactly as wide as the text's widest line."""

    def __init__(self, text: Text, style: Style) -> None:
        self.text = text
        self.style = style

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = console.render_lines(self.text, options, pad=False)
        yield from self.text.__rich_console__(console, options)
        widest = max((Segment.get_line_length(line) for line in lines), default=0)
        yield Text("\u2500" * widest, self.style)


class _CodeView:
    """A code block, indented and never wrapped; highlighted when it names its language."""

    INDENT = 2

    def __init__(self, block: CodeBlock, palette: Palette, highlight: bool = True) -> None:
        self.block = block
        self.palette = palette
        self.highlight = highlight

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        code = self.block.code.expandtabs(4)
        width = max((cell_len(line) for line in code.split("\n")), default=0) + self.INDENT
        return Measurement(width, width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        code = self.block.code.expandtabs(4)
        if not self.block.language or not self.highlight:
            text = Text(code, self.palette.code, no_wrap=True, overflow="ellipsis")
            yield Padding(text, (0, 0, 0, self.INDENT))
            return
        from rich.syntax import Syntax  # Pygments is slow to import: only for slides with code

        yield Padding(
            Syntax(
                code,
                self.block.language,
                theme=self.palette.code_theme,
                background_color="default",
                word_wrap=False,
            ),
            (0, 0, 0, self.INDENT),
        )


class _ChartView:
    """A bar chart laid out at whatever width it is given."""

    def __init__(self, chart: Chart, palette: Palette) -> None:
        self.chart = chart
        self.palette = palette

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        values = max(cell_len(bar.shown) for bar in self.chart.bars)
        return Measurement(4 + values + 3 + MIN_BAR_AREA, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        palette = self.palette
        layout = layout_chart(self.chart, options.max_width)
        if layout.heading:
            yield Text(layout.heading, palette.heading)
        for row in layout.rows:
            line = Text(no_wrap=True, overflow="crop")
            line.append(pad(fit(row.label, layout.label_width), layout.label_width) + " ")
            line.append(" " * (layout.left_width - row.negative))
            line.append("\u2588" * row.negative, palette.negative)
            line.append("\u2502", palette.muted)
            line.append("\u2588" * row.positive, palette.positive)
            line.append(" " * (layout.right_width - row.positive) + " ")
            line.append(pad(row.value, layout.value_width, "right"), palette.heading)
            yield line


def measure(renderable: RenderableType, width: int) -> tuple[int, int]:
    """Rows `renderable` takes drawn `width` cells wide, and the fewest columns it needs
    without cutting anything (code and tables do not wrap below their widest word or line)."""
    console = Console(width=width, color_system=None, force_terminal=False, legacy_windows=False)
    rows = len(console.render_lines(renderable, console.options.update_width(width), pad=False))
    needed = Measurement.get(console, console.options.update_width(10_000), renderable).minimum
    return rows, needed
