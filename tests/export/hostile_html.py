"""A deck that tries every way into an HTML page, and a checker for what an export may contain.

Each attack sets a sentinel if it ever runs: `window.__pwned`, and `data-pwned` on the root
element (which `chromium --dump-dom` shows). The exported page must leave both unset.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from briefing.export.safe_url import is_safe_link

RUN = "window.__pwned='{0}';document.documentElement.dataset.pwned='{0}'"

FRONT_MATTER = {
    "title": f"Hostile </title><script>{RUN.format('title')}</script>",
    "author": f'"><script>{RUN.format("author")}</script>',
    "subtitle": f'</head><body onload="{RUN.format("subtitle")}">',
    "lang": f'en" onload="{RUN.format("lang")}',
    "theme": f"nord</style><script>{RUN.format('theme')}</script>",
}

HOSTILE_DECK = (
    "---\n"
    + "".join(f"{key}: {json.dumps(value)}\n" for key, value in FRONT_MATTER.items())
    + f"""---

# Tags </section> in a title <script>{RUN.format("heading")}</script>

<script>{RUN.format("block")}</script>

Inline <script>{RUN.format("inline")}</script> and <img src=x onerror="{RUN.format("img")}"> here.

</section></div></main><script>{RUN.format("break-out")}</script>

Code: `</script><script>{RUN.format("code")}</script>` and `</section>`.

Escaped in Markdown, so the text itself:
&lt;/section&gt;&lt;/main&gt;&lt;script&gt;{RUN.format("escaped")}&lt;/script&gt;

```html
</pre></code></section><script>{RUN.format("fence")}</script>
```

---

# Links

[javascript link](javascript:{RUN.format("js-link")})
[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[vbscript](vbscript:msgbox(1))
<a href="java&#x09;script:{RUN.format("tab")}">tab in the scheme</a>
<a href="javascript&colon;{RUN.format("colon")}">entity colon</a>
<a href=" JaVaScRiPt:{RUN.format("case")}">spaced and mixed case</a>
<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data in raw HTML</a>

[quote breaker](https://example.com/"onmouseover="{RUN.format("attr")})

[safe](https://example.com/ok), [mail](mailto:someone@example.com), [slide three](#3), [beside](other.html)

| <img src=x onerror="{RUN.format("cell")}"> head | `</td></tr></table>` |
|---|---|
| </table></div> | <svg onload="{RUN.format("svg")}"> |

---

# A big image and other tags

![a ten megabyte picture](big.png)

<style>body {{ display: none }}</style>
<iframe src="javascript:{RUN.format("iframe")}"></iframe>
<object data="big.png"></object>
<form action="https://evil.example"><input name="x" autofocus onfocus="{RUN.format("focus")}"></form>
<meta http-equiv="refresh" content="0;url=https://evil.example">
<base href="https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">

```chart
title: </figure><script>{RUN.format("chart")}</script>
</td><script>x</script>: 5
<b onclick="x">: -3
```

<!-- A SECRET NOTE that must not be in an export without notes -->
"""
)

BIG_IMAGE_BYTES = 10 * 1024 * 1024


def write_hostile_deck(directory: Path) -> Path:
    """The deck as talk.md, with a 10 MB big.png beside it."""
    directory.mkdir(parents=True, exist_ok=True)
    deck = directory / "talk.md"
    deck.write_text(HOSTILE_DECK, encoding="utf-8")
    with (directory / "big.png").open("wb") as image:
        image.write(b"\x89PNG\r\n\x1a\n" + b"\0" * (BIG_IMAGE_BYTES - 8))
    return deck


# What an exported page may hold: these tags, with these attributes.
ALLOWED = {
    "html": {"lang"},
    "head": set(),
    "meta": {"charset", "http-equiv", "content", "name"},
    "title": set(),
    "style": set(),
    "script": set(),
    "body": set(),
    "main": {"id"},
    "nav": {"id", "aria-label"},
    "footer": {"id"},
    "section": {"class", "id", "data-steps", "aria-label"},
    "aside": {"class", "aria-label"},
    "div": {"class", "data-step", "data-until"},
    "span": {"class", "aria-hidden", "aria-live"},
    "button": {"type", "data-action", "tabindex", "aria-label"},
    **{f"h{level}": {"class", "data-step", "data-until"} for level in range(1, 7)},
    "p": {"class", "data-step", "data-until"},
    "ul": {"class", "start", "data-step", "data-until"},
    "ol": {"class", "start", "data-step", "data-until"},
    "li": set(),
    "blockquote": {"data-step", "data-until"},
    "hr": {"data-step", "data-until"},
    "pre": {"class", "data-step", "data-until"},
    "code": set(),
    "br": set(),
    "strong": set(),
    "em": set(),
    "s": set(),
    "a": {"href", "rel"},
    "table": set(),
    "caption": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"class", "scope"},
    "td": {"class"},
    "figure": {"class", "data-step", "data-until"},
    "img": {"src", "alt"},  # src: a data: URI, and nothing else
    "svg": {"viewbox", "preserveaspectratio", "aria-hidden"},
    "rect": {"class", "fill", "fill-opacity", "x", "y", "width", "height"},
}


@dataclass
class PageParts:
    """What an exported page is made of, as an HTML parser reads it."""

    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts = PageParts()
        self._raw: str | None = None

    def handle_starttag(self, tag, attrs):
        self.parts.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._raw = tag
            (self.parts.scripts if tag == "script" else self.parts.styles).append("")

    def handle_startendtag(self, tag, attrs):
        self.parts.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self._raw == "script":
            self.parts.scripts[-1] += data
        elif self._raw == "style":
            self.parts.styles[-1] += data

    def handle_endtag(self, tag):
        if tag == self._raw:
            self._raw = None


def read_page(page: str) -> PageParts:
    reader = _Reader()
    reader.feed(page)
    reader.close()
    return reader.parts


def page_problems(page: str, script: str, stylesheet: str) -> list[str]:
    """Everything in `page` that the export must never write: unknown tags or attributes, an
    event handler, an unsafe link, or a script or style other than the page's own."""
    parts = read_page(page)
    problems = []
    for tag, attributes in parts.tags:
        if tag not in ALLOWED:
            problems.append(f"tag <{tag}>")
            continue
        for name, value in attributes.items():
            if name.startswith("on") or name not in ALLOWED[tag]:
                problems.append(f"attribute {name}={value!r} on <{tag}>")
            if name == "href" and not is_safe_link(value or ""):
                problems.append(f"unsafe link {value!r}")
            if name == "src" and not (value or "").startswith("data:image/"):
                problems.append(f"an image not carried in the page: {value!r}")
    if parts.scripts != [script]:
        problems.append(f"scripts: {len(parts.scripts)}, not exactly the page's own")
    if len(parts.styles) != 2 or parts.styles[0] != stylesheet:
        problems.append("styles: not the page's stylesheet and its theme")
    elif any(marker in parts.styles[1] for marker in ("<", "@import", "url(")):
        problems.append("the theme style holds markup or loads something")
    return problems
