"""Code walk-throughs as reveal steps: a block that highlights `{1-3|5|all}` shows its first
group with the step that reveals it, and each later group is a step of its own that draws the
block anew in place (Step.updates), before the slide's next pause. Content after the block
on the same step is on screen from the start, as in presenterm and Slidev.
"""

from __future__ import annotations

from briefing.core.blocks import Block, CodeBlock
from briefing.core.model import Step


def with_code_steps(steps: list[Step]) -> list[Step]:
    """`steps`, with a step added after each one for every further highlight group of the code
    blocks it reveals (top-level blocks only: code inside a list is drawn whole)."""
    if not any(_walks(block) for step in steps for block in step.blocks):
        return steps
    result: list[Step] = []
    shown: list[Block] = []
    for step in steps:
        result.append(step)
        if step.continues and shown:
            shown.pop()
        for index, block in step.updates:
            shown[index] = block
        first = len(shown)
        shown.extend(step.blocks)
        for offset, block in enumerate(step.blocks):
            if not isinstance(block, CodeBlock) or not _walks(block):
                continue
            index = first + offset
            for group in range(1, len(block.highlights)):
                moved = block._replace(step=group)
                shown[index] = moved
                result.append(Step("", (), step.span, updates=((index, moved),)))
    return result


def _walks(block: Block) -> bool:
    return isinstance(block, CodeBlock) and len(block.highlights) > 1
