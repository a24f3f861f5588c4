"""Blocks → plain text lines: the handout's renderer, and the measure `check` sizes slides with."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
from briefing.render.cells import cell_len, fit, pad, to_ascii, wrap
from briefing.render.chart import layout_chart

_MIN_COLUMN = 6


class PlainText:
    """Lays out blocks as plain text lines no wider than `width` (bar unbreakable words)."""

    def __init__(self, *, ascii: bool = False) -> None:
        self.ascii = ascii
        self.fix: Callable[[str], str] = to_ascii if ascii else str
        self.bullet = "*" if ascii else "\u2022"
        self.bar = "#" if ascii else "\u2588"
        self.axis = "|" if ascii else "\u2502"
        self.rule = "-" if ascii else "\u2500"
        self.ellipsis = "..." if ascii else "\u2026"
        self._render: dict[type, Callable[[Block, int], list[str]]] = {
            Heading: self._heading,  # type: ignore[dict-item]
            Paragraph: self._paragraph,  # type: ignore[dict-item]
            ListBlock: self._list,  # type: ignore[dict-item]
            Table: self._table,  # type: ignore[dict-item]
            CodeBlock: self._code,  # type: ignore[dict-item]
            Chart: self._chart,  # type: ignore[dict-item]
            Quote: self._quote,  # type: ignore[dict-item]
            Rule: self._hr,  # type: ignore[dict-item]
        }

    def blocks(self, blocks: Sequence[Block], width: int, *, tight: bool = False) -> list[str]:
        """All blocks, a blank line between each unless `tight`."""
        lines: list[str] = []
        for block in blocks:
            if lines and not tight:
                lines.append("")
            lines.extend(self._render[type(block)](block, width))
        return lines

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
        for marker, item in zip(markers, block.items):
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
        widths = _column_widths([header, *rows] if has_header else rows or [header], width, gap=2)
        lines: list[str] = []
        if has_header:
            lines += self._table_row(header, widths, align)
            lines.append("  ".join(self.rule * w for w in widths).rstrip())
        for row in rows:
            lines.extend(self._table_row(row, widths, align))
        return lines

    @staticmethod
    def _table_row(cells: list[str], widths: list[int], align: list[str]) -> list[str]:
        wrapped = [wrap(cell, w) for cell, w in zip(cells, widths)]
        height = max(len(cell) for cell in wrapped)
        lines = []
        for index in range(height):
            parts = [
                pad(cell[index] if index < len(cell) else "", w, a)
                for cell, w, a in zip(wrapped, widths, align)
            ]
            lines.append("  ".join(parts).rstrip())
        return lines

    def _code(self, block: CodeBlock, width: int) -> list[str]:
        return ["    " + line if line else "" for line in self.fix(block.code.expandtabs(4)).split("\n")]

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


def _column_widths(rows: list[list[str]], width: int, gap: int) -> list[int]:
    """Natural column widths, narrowed (widest first) until the table fits `width` if it can."""
    count = len(rows[0])
    widths = [max(cell_len(row[column]) for row in rows) for column in range(count)]
    widths = [max(1, w) for w in widths]
    budget = width - gap * (count - 1)
    while sum(widths) > budget:
        widest = max(range(count), key=widths.__getitem__)
        if widths[widest] <= _MIN_COLUMN:
            break  # too many columns to fit: let the table run wide
        widths[widest] -= 1
    return widths
