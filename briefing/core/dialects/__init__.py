"""Other tools' Markdown, read as each tool means it: one small module per tool.

A deck's dialect is its front matter's `dialect:` (or `--dialect NAME`), else recognised from
its text by `detect`; `briefing` is briefing's own rules, the common ground of the others.
"""

from __future__ import annotations

from collections.abc import Mapping

from briefing.core.dialects.base import Dialect
from briefing.core.dialects.deckset import Deckset
from briefing.core.dialects.lookatme import Lookatme
from briefing.core.dialects.marp import Marp
from briefing.core.dialects.mdp import Mdp
from briefing.core.dialects.pandoc import Pandoc
from briefing.core.dialects.patat import Patat
from briefing.core.dialects.presenterm import Presenterm
from briefing.core.dialects.remark import Remark
from briefing.core.dialects.reveal import Reveal
from briefing.core.dialects.slidev import Slidev

# In this order, ties in detection go to the earlier one.
TOOLS: tuple[type[Dialect], ...] = (
    Presenterm,
    Marp,
    Slidev,
    Remark,
    Reveal,
    Deckset,
    Patat,
    Pandoc,
    Lookatme,
    Mdp,
)
_ALL: tuple[type[Dialect], ...] = (Dialect, *TOOLS)
DIALECTS: dict[str, type[Dialect]] = {dialect.name: dialect for dialect in _ALL}
NAMES: tuple[str, ...] = tuple(DIALECTS)


def dialect_for(name: str, front_matter: Mapping[str, object]) -> Dialect:
    """The dialect called `name`, set up with the deck's front matter."""
    return DIALECTS[name](front_matter)


def tool_of_directive(key: str) -> str | None:
    """The tool a comment directive belongs to, when only one tool uses that name."""
    from briefing.core.dialects.marp import DIRECTIVES
    from briefing.core.dialects.presenterm import COMMANDS

    if key in COMMANDS:
        return "presenterm"
    if key in ("fg", "bg", "effect"):
        return "present"
    if key.lstrip("_$*") in DIRECTIVES:
        return "Marp"
    return None


__all__ = ["DIALECTS", "NAMES", "TOOLS", "Dialect", "dialect_for", "tool_of_directive"]
