"""Blocks → plain text lines: the handout's renderer, and the measure `check` sizes slides with."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableSet, Sequence

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
    image_caption,
)
from briefing.core.column_groups import ColumnGroup, group_columns
from briefing.core.compat import assert_never
from briefing.core.runnable import RunOutput
from briefing.render.cells import cell_len, fit, pad, to_ascii, wrap
from briefing.render.chart import layout_chart
from briefing.render.columns import column_label
from briefing.render.table import layout_table

# Blank cells between table columns: two, or one if that spares wrapping the cells; a handout
# keeps two while wrapping if it can, since paper has room for the extra lines.
_GAPS = (2, 1)
_WRAP_GAPS = (2, 1)


class PlainText:
    """Lays out blocks as plain text lines no wider than `width` (bar unbreakable words)."""

    def __init__(self, *, ascii_only: bool = False) -> None:
        self.ascii_only = ascii_only
        self.unspellable: MutableSet[str] = set()  # characters `ascii_only` output had to write as `?`
        self.fix: Callable[[str], str] = (lambda text: to_ascii(text, self.unspellable)) if ascii_only else str
        self.bullet = "*" if ascii_only else "\u2022"
        self.bar = "#" if ascii_only else "\u2588"
        self.axis = "|" if ascii_only else "\u2502"
        self.rule = "-" if ascii_only else "\u2500"
        self.ellipsis = "..." if ascii_only else "\u2026"
        self.outputs: Mapping[int, RunOutput] = {}  # runnable blocks' output, by their fence's line

    def blocks(self, blocks: Sequence[Block], width: int, *, tight: bool = False) -> list[str]:
        """All blocks, a blank line between each unless `tight`. Columns (core.columns) come
        one after the other, each under a heading of its own."""
        lines: list[str] = []
        for segment in group_columns(blocks):
            parts = self._columns(segment, width) if isinstance(segment, ColumnGroup) else segment
            for part in parts:
                if lines and not tight:
                    lines.append("")
                lines.extend(part if isinstance(part, list) else self.block(part, width))
        return lines

    def _columns(self, group: ColumnGroup, width: int) -> list[list[str]]:
        """Each column with something in it: its heading, then its blocks."""
        count = len(group.columns)
        parts: list[list[str]] = []
        for index, (column, name) in enumerate(zip(group.columns, group.names, strict=True)):
            if column:
                label = self.fix(column_label(index, count, name))
                parts.append([f"[{label}]", *self.blocks(column, width)])
        return parts

    def block(self, block: Block, width: int) -> list[str]:
        """One block's lines."""
        match block:
            case Paragraph():
                return self._paragraph(block, width)
            case ListBlock():
                return self._list(block, width)
            case Heading():
                return self._heading(block, width)
            case Table():
                return self._table(block, width)
            case CodeBlock():
                return self._code(block, width)
            case Chart():
                return self._chart(block, width)
            case Quote():
                return self._quote(block, width)
            case Rule():
                return self._hr(block, width)
            case ImageBlock():
                return wrap(self.fix(f"[image: {image_caption(block)}]"), width)
            case ColumnMark():
                return []  # columns are laid out by `blocks`
            case _:
                assert_never(block)

    def inline(self, inline: Inline) -> str:
        """Inline text with styling dropped and links as `text <url>`."""
        parts: list[str] = []
        link: str | None = None
        label = ""
        for span in inline:
            if span.link != link:
                if link is not None:
                    parts.append(self._link(label, link))
                link, label = span.link, ""
            if link is not None:
                label += span.text
            else:
                parts.append(span.text)
        if link is not None:
            parts.append(self._link(label, link))
        return self.fix("".join(parts))

    @staticmethod
    def _link(label: str, url: str) -> str:
        label = label.strip()
        return f"<{url}>" if not label or label == url else f"{label} <{url}>"

    def _heading(self, block: Heading, width: int) -> list[str]:
        lines = wrap(self.inline(block.text), width)
        underline = ("=" if block.level == 1 else "-") * min(width, max(map(cell_len, lines)))
        return [*lines, underline]

    def _paragraph(self, block: Paragraph, width: int) -> list[str]:
        lines = wrap(self.inline(block.text), width)
        if block.align:
            return [pad(line, width, block.align).rstrip() for line in lines]
        return lines

    def _list(self, block: ListBlock, width: int) -> list[str]:
        if block.ordered:
            last = block.start + len(block.items) - 1
            markers = [pad(f"{n}.", len(f"{last}."), "right") + " " for n in range(block.start, last + 1)]
        else:
            markers = [self.bullet + " "] * len(block.items)
        lines: list[str] = []
        for marker, item in zip(markers, block.items, strict=True):
            if lines and not block.tight:
                lines.append("")
            indent = " " * len(marker)
            body = self.blocks(item, max(1, width - len(marker)), tight=block.tight) or [""]
            lines.append(marker + body[0])
            lines.extend(indent + line if line else "" for line in body[1:])
        return lines

    def _table(self, block: Table, width: int) -> list[str]:
        header = [self.inline(cell) for cell in block.header]
        rows = [[self.inline(cell) for cell in row] for row in block.rows]
        count = max([len(header), *(len(row) for row in rows)])
        header += [""] * (count - len(header))
        rows = [row + [""] * (count - len(row)) for row in rows]
        align = list(block.align) + [""] * (count - len(block.align))
        has_header = any(cell.strip() for cell in header)
        layout = layout_table([header, *rows] if has_header else rows or [header], width, _GAPS, _WRAP_GAPS)
        if not layout.fits:
            return self._records(header if has_header else None, rows, width)
        gap = " " * layout.gap
        lines: list[str] = []
        if has_header:
            lines += self._table_row(header, layout.widths, align, gap)
            lines.append(gap.join(self.rule * w for w in layout.widths).rstrip())
        for row in rows:
            lines.extend(self._table_row(row, layout.widths, align, gap))
        return lines

    @staticmethod
    def _table_row(cells: list[str], widths: Sequence[int], align: Sequence[str], gap: str) -> list[str]:
        wrapped = [wrap(cell, w) for cell, w in zip(cells, widths, strict=True)]
        height = max(len(cell) for cell in wrapped)
        lines = []
        for index in range(height):
            # a table may state more alignments than it has columns: the extra ones go unused
            parts = [
                pad(cell[index] if index < len(cell) else "", w, a)
                for cell, w, a in zip(wrapped, widths, align, strict=False)
            ]
            lines.append(gap.join(parts).rstrip())
        return lines

    def _records(self, header: list[str] | None, rows: list[list[str]], width: int) -> list[str]:
        """A table too wide for the page: each row as a record, a header cell beside each value,
        records apart by a blank line."""
        lines: list[str] = []
        label_width = min(max(map(cell_len, header)), width // 3) if header else 0
        value_width = max(1, width - label_width - 2) if header else width
        for row in rows:
            if lines:
                lines.append("")
            for column, value in enumerate(row):
                values = wrap(value, value_width)
                if header is None:
                    lines.extend(values)
                    continue
                labels = wrap(header[column], label_width)
                for index in range(max(len(labels), len(values))):
                    label = labels[index] if index < len(labels) else ""
                    text = values[index] if index < len(values) else ""
                    lines.append((pad(label, label_width) + "  " + text).rstrip())
        return lines

    def _code(self, block: CodeBlock, width: int) -> list[str]:
        lines = ["    " + line if line else "" for line in self.fix(block.code.expandtabs(4)).split("\n")]
        run = self.outputs.get(block.run.line) if block.run is not None else None
        if run is not None:
            lines += self._run_output(run)
        return lines

    def _run_output(self, run: RunOutput) -> list[str]:
        """A code block's output under it, marked off by a bar, and how the run ended; never
        wrapped, like the code."""
        corner, bar, end = ("+", "|", "+") if self.ascii_only else ("\u250c", "\u2502", "\u2514")
        output = run.output[:-1] if run.output.endswith("\n") else run.output
        lines = [f"  {corner} output"]
        if output:
            lines += [f"  {bar} {line}".rstrip() for line in self.fix(output.expandtabs(4)).split("\n")]
        return [*lines, f"  {end} {self.fix(run.status)}"]

    def _chart(self, block: Chart, width: int) -> list[str]:
        layout = layout_chart(block, width)
        lines = [self.fix(layout.heading)] if layout.heading else []
        for row in layout.rows:
            label = pad(fit(self.fix(row.label), layout.label_width, self.ellipsis), layout.label_width)
            left = " " * (layout.left_width - row.negative) + self.bar * row.negative
            right = self.bar * row.positive + " " * (layout.right_width - row.positive)
            value = pad(self.fix(row.value), layout.value_width, "right")
            lines.append(f"{label} {left}{self.axis}{right} {value}".rstrip())
        return lines

    def _quote(self, block: Quote, width: int) -> list[str]:
        return [("> " + line).rstrip() for line in self.blocks(block.blocks, max(1, width - 2))]

    def _hr(self, block: Rule, width: int) -> list[str]:
        return [self.rule * width]
