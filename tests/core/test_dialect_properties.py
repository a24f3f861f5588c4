"""Properties of the dialects, fuzzed: a note of any tool is never drawn for the audience,
HTML never brings markup or control characters, and no deck makes the loader fail with
anything but a DeckError.

Examples per property come from the Hypothesis profile (tests/conftest.py).
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.core.dialects import NAMES
from briefing.core.errors import DeckError
from briefing.core.html_text import html_blocks
from briefing.core.loader import load_text
from briefing.core.sanitize import clean_text, is_clean
from briefing.render.text import PlainText
from tests.conftest import SLOW_EXAMPLES

WORDS = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "x", "1.5%", "**bold**", "`code`"]), min_size=1, max_size=6
).map(" ".join)
CONTENT = st.one_of(
    WORDS,
    WORDS.map(lambda words: f"- {words}\n- {words}"),
    WORDS.map(lambda words: f"1. {words}\n2. {words}"),
    WORDS.map(lambda words: f"> {words}"),
    WORDS.map(lambda words: f"```\n{words}\n---\n```"),
    WORDS.map(lambda words: f"| a | b |\n|---|---|\n| {words} | 1 |"),
    WORDS.map(lambda words: f"## {words}"),
    WORDS.map(lambda words: f"<p>{words}</p>"),
    st.just("<!-- pause -->"),
)

# Each tool's ways of writing a note, and where it may go: anywhere, or only at a slide's end.
NOTE_SYNTAX = {
    "briefing": [("<!-- {} -->", False), ("<!--\n{}\n-->", False), ("::: notes\n{}\n:::", False)],
    "presenterm": [("<!-- speaker_note: {} -->", False)],
    "marp": [("<!-- {} words -->", False)],
    "slidev": [("<!--\n{}\n-->", True)],
    "remark": [("???\n{}", True)],
    "reveal": [("Note:\n{}", True), ("Notes: {}", True)],
    "deckset": [("^ {}", False)],
    "pandoc": [("::: notes\n{}\n:::", False), ('<div class="notes">\n{}\n</div>', False)],
    "patat": [("<!-- {} -->", False), ("::: notes\n{}\n:::", False)],
    "lookatme": [("<!-- {} -->", False)],
    "mdp": [("<!-- {} -->", False)],
}
SEPARATOR = {"presenterm": "\n\n<!-- end_slide -->\n\n"}
FRONT_MATTER = {"slidev": "---\ntransition: fade\n---\n\n", "marp": "---\nmarp: true\n---\n\n"}


@st.composite
def decks_with_notes(draw):
    """A deck in one tool's dialect with notes holding unique tokens; the tokens."""
    dialect = draw(st.sampled_from(sorted(NOTE_SYNTAX)))
    slides, tokens = [], []
    for number in range(draw(st.integers(1, 4))):
        parts = [f"# Slide {number}", *draw(st.lists(CONTENT, max_size=4))]
        for syntax, at_end in draw(st.lists(st.sampled_from(NOTE_SYNTAX[dialect]), max_size=2, unique=True)):
            token = f"ZQXNOTE{len(tokens)}Z"
            tokens.append(token)
            note = syntax.format(token)
            if at_end:
                parts.append(note)
            else:
                parts.insert(draw(st.integers(1, len(parts))), note)
        slides.append("\n\n".join(parts))
    separator = SEPARATOR.get(dialect, "\n\n---\n\n")
    return dialect, FRONT_MATTER.get(dialect, "") + separator.join(slides) + "\n", tokens


def audience_text(deck) -> str:
    renderer = PlainText()
    return "\n".join(
        line
        for slide in deck.slides
        for step in range(len(slide.steps))
        for line in renderer.blocks(slide.blocks_until(step), 80)
    ) + "\n".join(slide.title for slide in deck.slides)


@settings(max_examples=SLOW_EXAMPLES)
@given(decks_with_notes())
def test_no_note_of_any_tool_is_ever_drawn(example):
    dialect, text, tokens = example
    for asked in (dialect, None):  # its own dialect, and whatever detection makes of it
        deck = load_text(text, "deck.md", dialect=asked)
        drawn = audience_text(deck)
        assert not any(token in drawn for token in tokens), (asked, deck.dialect)
    own = load_text(text, "deck.md", dialect=dialect)
    notes = "\n".join(slide.notes_text for slide in own.slides)
    assert all(token in notes for token in tokens)


TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div align=center>",
        "</div>",
        "<h1>",
        "</h1>",
        "<ul>",
        "<li>",
        "</ul>",
        "<ol start=3>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<b>",
        "</b>",
        "<br>",
        "<img alt=",
        "<img src=a/b.png>",
        "<table>",
        "<tr>",
        "<th>",
        "<td>",
        "</table>",
        "<pre>",
        "</pre>",
        "<!--",
        "-->",
        "<div class=notes>",
        "&#27;",
        "&#x9b;",
        "&#x202e;",
        "&amp;",
        "[b]",
        "[@click=app.quit]",
        "\x1b[31m",
        "<blockquote>",
        "<a href=x>",
        "<![",
        "<![CDATA[",
        "]]>",
        "<!",
        "<?",
        "</",
        "<!DOCTYPE",
        "<",
        ">",
        "&",
        "&#",
        "=",
        '"',
    ]
)


@settings(max_examples=SLOW_EXAMPLES)
@given(st.lists(st.one_of(TAGS, st.text(max_size=12)), max_size=30).map("".join))
def test_html_text_is_only_ever_clean_text(source):
    blocks = html_blocks(clean_text(source))
    text = "\n".join(PlainText().blocks(blocks, 60))
    assert is_clean(text)


@settings(max_examples=SLOW_EXAMPLES)
@given(st.sampled_from(["script", "style", "template"]), st.text(max_size=40))
def test_scripts_and_styles_draw_nothing(tag, content):
    assert html_blocks(f"<{tag}>{content.replace(f'</{tag}', '')}</{tag}>") == ()


MARKERS = st.sampled_from(
    [
        "---",
        "--",
        "???",
        "^ note",
        "Note:",
        "Notes: x",
        "::: notes",
        ":::",
        "::: incremental",
        "::: {.columns}",
        '<div class="notes">',
        "</div>",
        "<!-- .slide: x -->",
        '<!-- .element: class="fragment" -->',
        "<!--config:",
        "-->",
        "<!-- $theme: gaia -->",
        "<!-- *template: x -->",
        "<!-- include: x.md -->",
        "<!-- skip_slide -->",
        "<!-- incremental_lists: true -->",
        "<v-click>",
        "</v-click>",
        "<v-clicks>",
        "</v-clicks>",
        "::right::",
        "layout: true",
        "template: t",
        "name: t",
        "class: a, b",
        "[.hide-footer]",
        "[.column]",
        "# [fit] Big",
        "build-lists: true",
        "% Title",
        "%title: T",
        "-> c <-",
        "<br>",
        "^",
        "+---+---+",
        "| a | b |",
        "+===+===+",
        "a   b",
        "--- ---",
        "![bg left](x.png)",
        "* item",
        "1) one",
        "> - q",
        ". . .",
        "{.class}",
        "# H {#id}",
        "[s]{.sc}",
        "src: ./x.md",
        "hide: true",
        "```",
        "~~~",
        "",
        "text",
        "- item",
        "  - nested",
        "<p align=center>x</p>",
        "\x1b[31m",
        "\t",
        "\u202e",
    ]
)


@settings(max_examples=SLOW_EXAMPLES)
@given(
    st.sampled_from((*NAMES, "auto")), st.lists(st.one_of(MARKERS, st.text(max_size=15)), max_size=40).map("\n".join)
)
@example("patat", "---\n--- ---\n---")  # a pandoc multiline table with no header lines crashed
def test_any_deck_in_any_dialect_loads_or_says_where_it_is_wrong(dialect, text):
    try:
        deck = load_text(clean_text(text), "/nonexistent/fuzz.md", dialect=dialect)
    except DeckError as error:
        assert error.line >= 1
        return
    drawn = audience_text(deck)
    assert is_clean(drawn)
    for slide in deck.slides:
        assert len(slide.steps) >= 1
        assert slide.blocks == slide.blocks_until(len(slide.steps) - 1)
