"""Columns, centred slides and code walk-throughs in the HTML export (issue 12 §2, §3)."""

from __future__ import annotations

import re

from briefing.core.loader import load_text
from briefing.export.html import export_html

WALK = "# Code\n\n```python {1|2|all} +line_numbers\na = 1\nb = 2\n```\n\nAfter.\n\n<!-- pause -->\n\nLater.\n"


def section(page: str, number: int) -> str:
    return re.search(rf'<section[^>]* id="{number}".*?</section>', page, re.DOTALL).group()


def test_each_walk_through_step_is_the_block_drawn_anew_in_place():
    page = export_html(load_text(WALK))
    slide = section(page, 1)
    blocks = re.findall(r"<(pre|p)\b([^>]*)>", slide)
    # three versions of the block, one a step, where it stands; the text after it from the start
    assert blocks == [
        ("pre", ' class="code" data-until="1"'),
        ("pre", ' class="code" data-step="2" data-until="2"'),
        ("pre", ' class="code" data-step="3"'),
        ("p", ""),
        ("p", ' data-step="4"'),
    ]
    first = slide.split("</pre>")[0]
    assert first.count('class="line dim"') == 1 and first.count('class="ln"') == 2


def test_columns_are_side_by_side_elements_with_their_weights():
    text = "# C\n\n<!-- column_layout: [3, 1] -->\n<!-- column: 0 -->\n\nwide\n\n<!-- column: 1 -->\n\nnarrow\n"
    slide = section(export_html(load_text(text, dialect="presenterm")), 1)
    assert re.sub(r"\s+", "", slide.split('class="page">')[1].split("</section>")[0]) == (
        '<h1class="title">C</h1><divclass="columns"><divclass="columnw3"><p>wide</p></div>'
        '<divclass="columnw1"><p>narrow</p></div></div></div>'
    )


def test_a_centred_slide_says_so_in_its_class():
    page = export_html(load_text("# Title\n\nBy Ada\n\n---\n\n# Next\n\n- a\n- b\n"))
    assert '<section class="slide across" id="1"' in page and '<section class="slide" id="2"' in page
