"""Which link targets from a deck may become a link in an exported page.

A deck is untrusted: `javascript:`, `vbscript:` and `data:` links could run script or show a
forged page, so only web and mail links, and relative ones (a file beside the page, a
`#fragment`), are kept. The others keep their text and lose the link.
"""

from __future__ import annotations

import re

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers ignore tabs and newlines anywhere in a URL and spaces and controls around it, so
# `java\tscript:` is still `javascript:`: they are removed before the scheme is read.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def is_safe_link(url: str) -> bool:
    """True for http, https and mailto links and for links without a scheme."""
    match = _SCHEME.match(_IGNORED.sub("", url))
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES
