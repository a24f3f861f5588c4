"""`briefing new PATH`: a small deck that shows every feature, ready to present and check."""

from __future__ import annotations

import os
import re
from pathlib import Path

from briefing.core.errors import DeckError
from briefing.fileio import write_atomic

TITLE_SLIDE = """\
---
title: {title_yaml}
subtitle: A deck made with briefing
author: {author_yaml}
duration: 10m
---

# {title}

*Edit the files in this folder; the show follows every save.*

<!--
Speaker notes live in HTML comments like this one. They show in the speaker
view (press `s`) and in `briefing export --notes`, never to the audience.
-->
"""

EXAMPLE_SLIDE = """\
# What a slide can hold

- Lists, **bold**, *italic*, `code` and [links](https://example.com)
- A pause reveals the rest of the slide one step at a time

<!-- pause -->

| Step | What happens |
|------|-------------:|
| Write | Markdown |
| Present | briefing |

```chart
title: Minutes per section
Opening: 2
Demo: 5
Questions: 3
```

<!--
Notes can use Markdown too. Press `e` in the show to edit this slide
beside a live preview, or `E` to open it in your own editor.
-->
"""


def create_deck(path: Path, title: str | None = None) -> list[Path]:
    """Create a deck directory at `path`; refuse if anything is already there."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise DeckError(path, 1, "already exists; choose a new name (nothing was changed)")
    title = (title or path.name.replace("-", " ").replace("_", " ").strip() or "My talk").strip()
    try:
        path.mkdir(parents=True)
    except OSError as exc:
        raise DeckError(path, 1, f"cannot create directory: {exc.strerror or exc}") from None
    author = os.environ.get("USER") or "Me"
    files = {
        path / "01-title.md": TITLE_SLIDE.format(
            title=_heading_text(title), title_yaml=_yaml_string(title), author_yaml=_yaml_string(author)
        ),
        path / "02-example.md": EXAMPLE_SLIDE,
    }
    for file, text in files.items():
        write_atomic(file, text.encode("utf-8"))
    return list(files)


def _yaml_string(value: str) -> str:
    """A double-quoted YAML scalar: any title is safe in front matter."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _heading_text(value: str) -> str:
    """A title on one line that Markdown will not read as anything but text."""
    one_line = " ".join(value.split())
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", one_line)
