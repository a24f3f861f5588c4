"""The front matter's `lang:` as a language tag for an exported document (`en`, `pt-BR`)."""

from __future__ import annotations

import re

# BCP 47's shape (a 2-8 letter language, then subtags of 1-8 letters or digits), so that a
# value that is not a tag never reaches the page; whether the language exists is not checked.
_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(value: object) -> str | None:
    """The tag, with `_` read as `-` (`pt_BR`), or None when `value` is not one."""
    if not isinstance(value, str):
        return None
    tag = value.strip().replace("_", "-")
    return tag if _TAG.fullmatch(tag) else None
