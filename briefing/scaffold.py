"""`briefing new PATH`: a small deck that shows every feature, ready to present and check.

A directory of files, or a single file when PATH ends in `.md`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from briefing.fileio import WriteError, why_not_written, write_new

TITLE_SLIDE = """\
---
title: {title_yaml}
subtitle: A deck made with briefing
author: {author_yaml}
duration: 10m
---

# {title}

*Edit {where}; the show follows every save.*

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
    """Create a deck at `path` and return its files; refuse if anything is already there.

    A path ending in `.md` becomes a single-file deck; any other path, a directory of files.
    """
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise WriteError(path, "already exists; choose a new name (nothing was changed)")
    single_file = path.suffix.lower() == ".md"
    name = path.stem if single_file else path.name
    title = (title or name.replace("-", " ").replace("_", " ").strip() or "My talk").strip()
    author = os.environ.get("USER") or "Me"
    title_slide = TITLE_SLIDE.format(
        title=_heading_text(title),
        title_yaml=_yaml_string(title),
        author_yaml=_yaml_string(author),
        where="this file" if single_file else "the files in this folder",
    )
    if single_file:
        files = {path: f"{title_slide}\n---\n\n{EXAMPLE_SLIDE}"}
    else:
        files = {path / "01-title.md": title_slide, path / "02-example.md": EXAMPLE_SLIDE}
    try:
        if single_file:
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            path.mkdir(parents=True)
    except OSError as exc:
        if not single_file and path.exists():  # taken since we looked
            raise WriteError(path, "already exists; choose a new name (nothing was changed)") from None
        raise WriteError(path, f"cannot create: {why_not_written(path, exc)}") from None
    for file, text in files.items():
        try:
            write_new(file, text.encode("utf-8"))
        except FileExistsError:
            raise WriteError(file, "already exists; choose a new name (nothing was changed)") from None
        except OSError as exc:
            raise WriteError(file, f"cannot create: {why_not_written(file, exc)}") from None
    return list(files)


def _yaml_string(value: str) -> str:
    """A double-quoted YAML scalar: any title is safe in front matter."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _heading_text(value: str) -> str:
    """A title on one line that Markdown will not read as anything but text."""
    one_line = " ".join(value.split())
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", one_line)
