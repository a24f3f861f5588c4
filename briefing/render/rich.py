"""Blocks → Rich renderables, for the presenter and for `check`'s size rule.

Deck text only ever becomes `Text` objects built from plain strings, never markup, so `[b]` or
`[@click=app.quit]` in a slide shows as written.

Prose wraps to the width it is given. Code and tables never cut what they show: one that cannot
fit draws lines wider than the width, all of one length, and `render_lines` keeps them whole so
that the view can scroll them sideways.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from briefing.core.blocks import (
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
    Table,
)
from briefing.core.column_groups import ColumnGroup, group_columns
from briefing.core.compat import assert_never
from briefing.render.cells import cell_len, fit, pad
from briefing.render.chart import MIN_BAR_AREA, layout_chart
from briefing.render.columns import GAP, column_widths
from briefing.render.picture import MIN_ROWS, ImageLookup, PictureView
from briefing.render.table import TableLayout, layout_table

if TYPE_CHECKING:
    from briefing.render.kitty import KittyPictures
    from briefing.render.run_output import ShownOutput
    from briefing.render.sixel import SixelPictures


class Palette(NamedTuple):
    """The styles slides are drawn with; the UI builds one from the current Textual theme. (A
    NamedTuple: defining a frozen dataclass compiles its generated methods, before the first
    frame.)"""

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
        lines = render_lines(console, self.renderable, options.update_width(width))
        new_line = Segment.line()
        for index, line in enumerate(lines):
            prefix = self.first if index == 0 else self.rest
            yield from prefix.render(console)
            yield Segment(" " * (indent - prefix.cell_len))
            yield from line
            yield new_line


class SlideRenderer:
    """Turns a slide's blocks into one Rich renderable; the first heading is the slide's title."""

    def __init__(
        self, palette: Palette | None = None, *, highlight: bool = True, images: ImageLookup | None = None
    ) -> None:
        self.palette = palette or Palette()
        self.highlight = highlight  # colour code by language (imports Pygments on first use)
        self.images = images  # what is known of each image; None: every image a placeholder
        self.graphics: KittyPictures | SixelPictures | None = (
            None  # `--images graphics`: the pictures sent to the terminal
        )
        self._breakout = 0  # of the render() under way
        self._outputs: Mapping[int, ShownOutput] = {}  # of the render() under way
        self._image_rows = MIN_ROWS  # of the render() under way
        self._centred = False  # of the render() under way

    def render(
        self,
        blocks: Sequence[Block],
        *,
        title_first: bool = True,
        tight: bool = False,
        breakout: int = 0,
        image_rows: int = MIN_ROWS,
        centred: bool = False,
        outputs: Mapping[int, ShownOutput] | None = None,
    ) -> Group:
        """Blocks with a blank line between them (unless `tight`); a leading heading is the title.
        A table that cannot fit the width even with its cells wrapped may take `breakout` more
        cells (a wide screen has room beside the text column) before it runs wider still. A
        picture is at most `image_rows` high (0: drawn as nothing, to measure the rest).
        `centred`: each block centred across the width, and the lines of prose each centred.
        Blocks between column marks are laid out in columns (core.columns). `outputs` are what
        runnable code blocks printed, by the line their fence opens on: each is framed under
        its block."""
        self._breakout = breakout
        self._image_rows = image_rows
        self._centred = centred
        self._outputs = outputs or {}
        try:
            return self._group(blocks, title_first=title_first, tight=tight)
        finally:
            self._centred = False

    def _group(self, blocks: Sequence[Block], *, title_first: bool, tight: bool) -> Group:
        parts: list[RenderableType] = []
        for segment in group_columns(blocks):
            if isinstance(segment, ColumnGroup):
                if parts and not tight:
                    parts.append(Text())
                parts.append(_ColumnsView(segment, self))
                title_first = False
                continue
            for index, block in enumerate(segment):
                if parts and not tight:
                    parts.append(Text())
                if index == 0 and title_first and isinstance(block, Heading):
                    part = self._title(block)
                else:
                    part = self.block(block)
                parts.append(_Centred(part) if self._centred else part)
            title_first = False
        return Group(*parts)

    def block(self, block: Block) -> RenderableType:
        """One block (a heading as a heading, never as the title)."""
        match block:
            case Paragraph():
                return self._paragraph(block)
            case ListBlock():
                return self._list(block)
            case Heading():
                return self._heading(block)
            case Table():
                return self._table(block)
            case CodeBlock():
                return self._code(block)
            case Chart():
                return self._chart(block)
            case Quote():
                return self._quote(block)
            case Rule():
                return self._rule(block)
            case ImageBlock():
                state = self.images(block) if self.images is not None else None
                return PictureView(
                    block, state, self._image_rows, self.palette.rule, self.palette.muted, graphics=self.graphics
                )
            case ColumnMark():
                return Group()  # columns are laid out by _group
            case _:
                assert_never(block)

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
        text = self.inline(block.text, style)
        if self._centred:
            text.justify = "center"
        return text

    def _paragraph(self, block: Paragraph) -> RenderableType:
        text = self.inline(block.text)
        if block.align:
            text.justify = block.align
        elif self._centred:
            text.justify = "center"
        return text

    def _blocks(self, blocks: Iterable[Block], tight: bool = False) -> RenderableType:
        return self._group(tuple(blocks), title_first=False, tight=tight)

    def _list(self, block: ListBlock) -> RenderableType:
        accent = self.palette.accent
        if block.ordered:
            last = block.start + len(block.items) - 1
            size = len(f"{last}.")
            markers = [f"{n}.".rjust(size) for n in range(block.start, last + 1)]
        else:
            markers = ["\u2022"] * len(block.items)
        rows: list[RenderableType] = []
        for marker, item in zip(markers, block.items, strict=True):
            if rows and not block.tight:
                rows.append(Text())
            body = self._blocks(item, tight=block.tight)
            rows.append(Prefixed(body, Text(marker + " ", accent), Text("")))
        return Group(*rows)

    def _table(self, block: Table) -> RenderableType:
        return _TableView(block, self, self._breakout)

    def _code(self, block: CodeBlock) -> RenderableType:
        view = _CodeView(block, self.palette, self.highlight)
        shown = self._outputs.get(block.run.line) if block.run is not None else None
        if shown is None:
            return view
        from briefing.render.run_output import output_frame

        return Group(view, output_frame(shown, self.palette))

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


class _Centred:
    """A block centred across the width as a whole: the box its lines' text fills decides the
    margin, so code and lists keep their own left edge and centred prose stays put."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = render_lines(console, self.renderable, options)
        texts = ["".join(segment.text for segment in line if not segment.control) for line in lines]
        filled = [text for text in texts if text.strip(" ")]
        if not filled:
            yield from console.render(self.renderable, options)
            return
        left = min(len(text) - len(text.lstrip(" ")) for text in filled)
        right = max(cell_len(text.rstrip(" ")) for text in filled)
        shift = max(0, (options.max_width - (right - left)) // 2) - left
        new_line = Segment.line()
        for line in lines:
            length = Segment.get_line_length(line)
            if shift > 0:
                yield Segment(" " * shift)
                yield from Segment.adjust_line_length(line, max(right, length - shift))
            elif shift < 0:
                yield from list(Segment.divide(line, [-shift, length]))[-1]
            else:
                yield from line
            yield new_line


class _ColumnsView:
    """Columns side by side, sharing the width by weight; stacked one under the other when a
    column would be narrower than render.columns.MIN_COLUMN, or when one holds code or a table
    too wide for its column (side by side it would have to be cut)."""

    def __init__(self, group: ColumnGroup, renderer: SlideRenderer) -> None:
        self.group = group
        self.renderer = renderer
        self.centred = renderer._centred
        self.parts = [renderer._group(column, title_first=False, tight=False) for column in group.columns]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = column_widths(self.group.weights, options.max_width)
        columns: list[list[list[Segment]]] = []
        if widths is not None:
            for part, width in zip(self.parts, widths, strict=True):
                lines = render_lines(console, part, options.update(width=width, height=None))
                if any(Segment.get_line_length(line) > width for line in lines):
                    widths = None  # a line too wide to sit beside another: stack
                    break
                columns.append(lines)
        new_line = Segment.line()
        if widths is None:
            stacked = [part for part in self.parts if part.renderables]
            for index, part in enumerate(stacked):
                if index:
                    yield new_line
                yield from console.render(part, options)
            return
        gap = Segment(" " * GAP)
        for row in range(max((len(lines) for lines in columns), default=0)):
            for index, (lines, width) in enumerate(zip(columns, widths, strict=True)):
                if index:
                    yield gap
                line = lines[row] if row < len(lines) else []
                yield from Segment.adjust_line_length(line, width)
            yield new_line


class _TableView:
    """A table that fits if it can: narrower gaps, then wrapped cells; never a cut cell. Too
    wide even then, every column is as narrow as its widest word and the lines run wide."""

    GAPS = (3, 2, 1)
    WRAP_GAPS = (1,)  # on a slide, a narrower gap beats wrapping cells onto more rows

    def __init__(self, block: Table, renderer: SlideRenderer, breakout: int = 0) -> None:
        palette = renderer.palette
        self.palette = palette
        self.breakout = breakout
        count = max([len(block.header), *(len(row) for row in block.rows)])
        self.align = [a or "left" for a in block.align] + ["left"] * (count - len(block.align))
        header = list(block.header) + [()] * (count - len(block.header))
        self.header = [renderer.inline(cell, palette.heading) for cell in header]
        self.rows = [[renderer.inline(cell) for cell in list(row) + [()] * (count - len(row))] for row in block.rows]
        self.has_header = any(text.plain.strip() for text in self.header)
        self.cells = [[t.plain for t in row] for row in ([self.header] if self.has_header else []) + self.rows]

    def layout(self, width: int) -> TableLayout:
        layout = layout_table(self.cells or [[""]], width, self.GAPS, self.WRAP_GAPS)
        if not layout.fits and self.breakout > 0:
            layout = layout_table(self.cells or [[""]], width + self.breakout, self.GAPS, self.WRAP_GAPS)
        return layout

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        narrowest = self.layout(1).width
        return Measurement(narrowest, max(narrowest, self.layout(10**6).width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = self.layout(options.max_width)
        gap = Segment(" " * layout.gap)
        new_line = Segment.line()
        rows = [self.header] if self.has_header else []
        rows += self.rows
        for index, row in enumerate(rows):
            cells = [
                console.render_lines(
                    text, options.update(width=width, justify=align, overflow="fold", no_wrap=False, height=None)
                )
                for text, width, align in zip(row, layout.widths, self.align, strict=False)  # align may run longer
            ]
            for line in range(max(len(cell) for cell in cells)):
                for column, (cell, width) in enumerate(zip(cells, layout.widths, strict=True)):
                    if column:
                        yield gap
                    yield from cell[line] if line < len(cell) else [Segment(" " * width)]
                yield new_line
            if index == 0 and self.has_header:
                yield Segment("\u2500" * layout.width, self.palette.muted)
                yield new_line


class _CodeView:
    """A code block, indented and never wrapped; highlighted when it names its language."""

    INDENT = 2

    def __init__(self, block: CodeBlock, palette: Palette, highlight: bool = True) -> None:
        self.block = block
        self.palette = palette
        self.highlight = highlight

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self._width()
        return Measurement(width, width)

    def _width(self) -> int:
        code = self.block.code.expandtabs(4)
        return max((cell_len(line) for line in code.split("\n")), default=0) + self.INDENT + self._gutter()

    def _gutter(self) -> int:
        """Cells the line numbers take, with the space after them."""
        return len(str(self.block.code.count("\n") + 1)) + 2 if self.block.line_numbers else 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        code = self.block.code.expandtabs(4)
        # a line too long is drawn whole, every line padded to its length, to scroll sideways
        options = options.update_width(max(options.max_width, self._width()))
        if self.block.line_numbers or self.block.highlighted is not None:
            yield from console.render(Padding(self._walked(code), (0, 0, 0, self.INDENT)), options)
            return
        if not self.block.language or not self.highlight:
            text = Text(code, self.palette.code, no_wrap=True)
            yield from console.render(Padding(text, (0, 0, 0, self.INDENT)), options)
            return
        from rich.syntax import Syntax  # Pygments is slow to import: only for slides with code

        syntax = Syntax(
            code,
            self.block.language,
            theme=self.palette.code_theme,
            background_color="default",
            word_wrap=False,
        )
        yield from console.render(Padding(syntax, (0, 0, 0, self.INDENT)), options)

    def _walked(self, code: str) -> Text:
        """The code with its line numbers, and the lines this step does not highlight dimmed."""
        if self.block.language and self.highlight:
            from rich.syntax import Syntax

            syntax = Syntax(code, self.block.language, theme=self.palette.code_theme, background_color="default")
            coloured = _without_background(syntax.highlight(code))
        else:
            coloured = Text(code, self.palette.code)
        lines = coloured.split("\n", allow_blank=True)[: code.count("\n") + 1]
        highlighted = self.block.highlighted
        digits = max(0, self._gutter() - 2)
        dim = Style(dim=True)
        result = Text(no_wrap=True, end="")
        for number, line in enumerate(lines, start=1):
            if number > 1:
                result.append("\n")
            if digits:
                result.append(f"{number:>{digits}}  ", self.palette.muted)
            if highlighted is not None and number not in highlighted:
                line.stylize(dim)
            result.append_text(line)
        return result


def _without_background(text: Text) -> Text:
    """Pygments' colours without the background its theme paints behind every token (a box
    darker than the slide)."""
    from rich.text import Span

    def foreground(style: str | Style) -> Style:
        style = Style.parse(style) if isinstance(style, str) else style
        return Style(color=style.color, bold=style.bold, italic=style.italic, underline=style.underline)

    text.style = Style()
    text.spans = [Span(span.start, span.end, foreground(span.style)) for span in text.spans]
    return text


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


def render_lines(console: Console, renderable: RenderableType, options: ConsoleOptions) -> list[list[Segment]]:
    """Lines of `renderable` at `options.max_width`, like `Console.render_lines`, but with code
    and tables that are wider kept whole rather than cut at the edge."""
    return list(Segment.split_lines(console.render(renderable, options)))


def measure(renderable: RenderableType, width: int) -> tuple[int, int]:
    """Rows `renderable` takes drawn `width` cells wide, as the presenter draws it, and the
    cells its widest line takes (more than `width` only for code and tables that cannot fit)."""
    console = Console(width=width, color_system=None, force_terminal=False, legacy_windows=False)
    lines = render_lines(console, renderable, console.options.update_width(width))
    return len(lines), max((Segment.get_line_length(line) for line in lines), default=0)
