"""The HTML export without a browser: golden pages, what the bytes may and may not hold, steps.

The browser tests (test_html_browser.py) run the page; these check what it is made of.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from briefing.core.blocks import Heading, Paragraph, plain, walk
from briefing.core.loader import load_deck, load_text
from briefing.core.sanitize import clean_text
from briefing.export.html import SCRIPT, STYLESHEET, _staged_blocks, asset, export_html
from briefing.export.html_theme import theme_css
from briefing.export.safe_url import is_safe_link
from briefing.export.text import export_text
from briefing.export.theme_table import THEMES
from tests.conftest import BUNDLED, DECKS, FIXTURES, SLOW_EXAMPLES
from tests.export.hostile_html import FRONT_MATTER, page_problems, read_page, write_hostile_deck


class HtmlSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "html"


def normalised(page: str) -> str:
    """The page with its static stylesheet and script (package files, reviewed as such) and the
    CSP hashes that follow from them replaced by markers, so a golden file shows the deck."""
    page = page.replace(f"<style>{asset(STYLESHEET)}</style>", f"<style>/* {STYLESHEET} */</style>")
    page = page.replace(f"<script>{asset(SCRIPT)}</script>", f"<script>/* {SCRIPT} */</script>")
    return re.sub(r"'sha256-[A-Za-z0-9+/=]+'", "'sha256-…'", page)


CASES = {
    "bundled": (BUNDLED, {}),
    "bundled-notes": (BUNDLED, dict(notes=True)),
    "bundled-nord": (BUNDLED, dict(theme="nord")),
    "elements-notes": (FIXTURES / "elements.md", dict(notes=True)),
    "two-cols": (DECKS / "two-cols.md", {}),  # columns, a centred slide, a code walk-through
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case, snapshot):
    path, options = CASES[case]
    assert normalised(export_html(load_deck(path), **options)) == snapshot.use_extension(HtmlSnapshot)


@pytest.mark.parametrize("case", sorted(CASES))
def test_page_holds_only_what_it_may(case):
    path, options = CASES[case]
    deck = load_deck(path)
    page = export_html(deck, **options)
    assert page_problems(page, asset(SCRIPT), asset(STYLESHEET)) == []
    assert page == export_html(load_deck(path), **options)  # same deck, same bytes
    assert all(char in "\n" or ord(char) >= 32 for char in page)
    sections = [attrs for tag, attrs in read_page(page).tags if tag == "section"]
    assert [attrs["id"] for attrs in sections] == [str(slide.number) for slide in deck.slides]
    assert [attrs["aria-label"] for attrs in sections] == [slide.title for slide in deck.slides]


def page_text(page: str) -> str:
    """The page's text, whitespace collapsed, as a reader (or a search) finds it."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def test_notes_are_in_the_bytes_only_with_notes():
    checked = 0
    for path in (BUNDLED, FIXTURES / "elements.md"):
        deck = load_deck(path)
        without = page_text(export_html(deck))
        with_notes = page_text(export_html(deck, notes=True))
        on_slides = " ".join(export_text(deck, width=1000).split())  # a note may quote its slide
        for slide in deck.slides:
            for note in slide.notes:
                for block in walk(note.blocks):
                    if isinstance(block, (Paragraph, Heading)):
                        words = " ".join(plain(block.text).split())
                        assert words in with_notes, words
                        for sentence in re.split(r"(?<=[.:;!?])\s", words):
                            if len(sentence) >= 12 and sentence not in on_slides:
                                assert sentence not in without, sentence
                                checked += 1
        assert "Speaker notes" not in without
    assert checked > 20


def test_the_content_security_policy_allows_exactly_the_inline_script_and_styles():
    page = export_html(load_deck(BUNDLED))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    parts = read_page(page)

    def digest(source: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"

    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == digest(parts.scripts[0])
    assert directives["style-src"].split() == [digest(style) for style in parts.styles]
    assert directives["img-src"] == "data:"
    assert directives["base-uri"] == "'none'" and directives["form-action"] == "'none'"
    # the policy comes before anything it governs
    assert page.index("Content-Security-Policy") < page.index("<style>") < page.index("<script>")


def test_no_request_can_leave_the_page():
    for theme in (None, "nord"):
        page = export_html(load_deck(FIXTURES / "elements.md"), notes=True, theme=theme)
        styles = "".join(read_page(page).styles)
        assert "url(" not in styles and "@import" not in styles and "@font-face" not in styles
        assert not re.search(r"""(?<![-\w])(src|srcset|data|poster|action)\s*=""", page.split("<script>")[0])


def test_a_hostile_deck_is_text_in_the_page(tmp_path):
    deck = load_deck(write_hostile_deck(tmp_path))
    page = export_html(deck)
    assert page_problems(page, asset(SCRIPT), asset(STYLESHEET)) == []
    assert len([tag for tag, _ in read_page(page).tags if tag == "section"]) == len(deck.slides) == 3
    text = html.unescape(page)
    assert "</section></main><script>window.__pwned='escaped'" in text  # shown, as text
    assert "A SECRET NOTE" not in text
    assert len(page) < 100_000  # the 10 MB "image" stays out: it is no picture, so a placeholder
    assert '<figure class="image missing"><span>a ten megabyte picture</span>' in page
    assert "<html>" in page  # the hostile `lang:` is not a language tag, so none is written
    assert 'color-scheme" content="light dark"' in page  # nor its theme a theme
    assert html.escape(FRONT_MATTER["title"], quote=False) in page


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://example.com/a?b#c", True),
        ("http://x.y", True),
        ("HTTPS://X.Y", True),
        ("mailto:a@b.c", True),
        ("#5", True),
        ("other.html", True),
        ("../up/file.md", True),
        ("//example.com/x", True),
        ("a/b:c", True),
        ("./c:d", True),
        ("1x:y", True),
        ("c:/windows", False),
        ("unknown:x", False),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:x", False),
        ("java\tscript:x", False),
        ("java\nscript:x", False),
        ("\x01javascript:x", False),
        ("vbscript:msgbox", False),
        ("data:text/html,x", False),
        ("DATA:image/png;base64,x", False),
        ("file:///etc/passwd", False),
        ("ftp://x.y", False),
        ("blob:https://x", False),
    ],
)
def test_links_keep_only_web_mail_and_relative_targets(url, safe):
    assert is_safe_link(url) is safe


@given(st.text())
def test_a_link_that_is_kept_names_no_other_scheme(url):
    if is_safe_link(url):
        squeezed = re.sub(r"[\x00-\x20\x7f]", "", url)
        scheme = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", squeezed)
        assert scheme is None or scheme.group(1).lower() in ("http", "https", "mailto")


# Deck text a fuzzer writes, with the pieces that matter to HTML and Markdown made likely.
_PIECES = [
    *"<>&\"'`/=[]()!#*:-|\n ",
    "</section>",
    "<script>",
    "</script>",
    "javascript:",
    " onerror=",
    "<a href=",
    "<img src=x ",
    "](",
    "```",
    "\n\n",
    "<!--",
    "-->",
    "| a |\n|---|\n",
    "- ",
    "> ",
]
_DECK_TEXT = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(st.characters(codec="utf-8"), max_size=4)), max_size=60
).map("".join)


@settings(max_examples=SLOW_EXAMPLES)
@given(_DECK_TEXT)
def test_any_deck_text_gives_a_page_of_allowed_parts_only(body):
    body = clean_text(body)  # as the loader cleans a file's text before it parses it
    deck = load_text(f"# Title\n\n{body}\n\n---\n\n# Two\n\n{body}\n")
    page = export_html(deck, notes=True)
    assert page_problems(page, asset(SCRIPT), asset(STYLESHEET)) == []
    assert len([tag for tag, _ in read_page(page).tags if tag == "section"]) == len(deck.slides)


def test_language_comes_from_the_front_matter():
    def lang(value: str) -> str | None:
        page = export_html(load_text(f"---\nlang: {value}\n---\n\n# A\n"))
        return read_page(page).tags[0][1].get("lang")

    assert lang("en") == "en"
    assert lang("pt_BR") == "pt-BR"
    assert lang("zh-Hant-TW") == "zh-Hant-TW"
    assert lang("'not a tag'") is None
    assert lang("[en]") is None
    assert "lang" not in read_page(export_html(load_deck(BUNDLED))).tags[0][1]


def test_lang_is_a_front_matter_key_briefing_knows():
    deck = load_text("---\nlang: en\n---\n\n# A\n\nText.\n")
    assert not [finding for finding in deck.diagnostics if "lang" in finding.message]


def test_colours_follow_the_deck_theme_else_the_reader_light_or_dark():
    def page(front: str = "", **options) -> str:
        return export_html(load_text(f"---\n{front}\n---\n\n# A\n" if front else "# A\n"), **options)

    nord = THEMES["nord"]["colours"]
    themed = page("theme: nord")
    assert 'name="color-scheme" content="dark"' in themed
    assert f"--background:{nord['background']}" in themed and "prefers-color-scheme" not in themed
    assert page("theme: nord", theme="textual-light").count("--background:#") == 1
    assert 'content="light"' in page("theme: nord", theme="textual-light")
    for auto in (page(), page("theme: gaia")):  # no theme, or one that is not Textual's
        assert 'content="light dark"' in auto
        assert "@media (prefers-color-scheme: dark)" in auto
        assert f"--background:{THEMES['textual-dark']['colours']['background']}" in auto


def test_every_builtin_theme_gives_legible_text():
    from briefing.export.html_theme import contrast, role_colours

    for name, theme in THEMES.items():
        colours = {**theme["colours"], **role_colours(theme)}
        background = colours["background"]
        for role in ("foreground", "title", "link", "inline-code"):
            assert contrast(colours[role], background) >= 4.5, (name, role)
        for role in ("marker", "rule"):
            assert contrast(colours[role], background) >= 3.0, (name, role)
        assert theme_css(name)[1].startswith(":root{")


DIALECTS = FIXTURES / "dialects"
STEPPED = [  # decks with pauses, and lists revealed item by item (Step.continues)
    DIALECTS / "deckset" / "talk.md",
    DIALECTS / "marp" / "talk.md",
    DIALECTS / "mdp" / "talk.md",
    DIALECTS / "pandoc" / "beamer.md",
    DIALECTS / "revealjs" / "talk.md",
    DIALECTS / "slidev" / "talk.md",
    DIALECTS / "presenterm" / "talk.md",
    FIXTURES / "decks" / "show.md",
    BUNDLED,
]


@pytest.mark.parametrize("path", STEPPED, ids=lambda path: path.parent.name + "/" + path.name)
def test_staged_blocks_show_at_each_step_what_the_show_draws(path):
    deck = load_deck(path)
    assert any(len(slide.steps) > 1 for slide in deck.slides)
    for slide in deck.slides:
        staged = _staged_blocks(slide)
        for step in range(len(slide.steps)):
            shown = [block for block, first, until in staged if first <= step and (until is None or step <= until)]
            assert shown == list(slide.blocks_until(step)), (slide.number, step)


def test_a_list_revealed_item_by_item_is_replaced_not_repeated():
    deck = load_deck(FIXTURES / "dialects" / "marp" / "talk.md")
    page = export_html(deck)
    assert "data-until" in page  # marp's `*` lists grow one item per step
    step_pages = export_html(deck, step_pages=True)
    sections = [attrs for tag, attrs in read_page(step_pages).tags if tag == "section"]
    assert len(sections) == sum(len(slide.steps) for slide in deck.slides)
    assert [attrs["id"] for attrs in sections if "id" in attrs] == [str(s.number) for s in deck.slides]
    slides = step_pages[step_pages.index("<main") : step_pages.index("</main>")]
    assert "data-until" not in slides and "data-step=" not in slides


def test_code_is_highlighted_with_pygments_classes_and_unknown_languages_are_plain():
    deck = load_text("# Code\n\n```python\ndef f(x):\n\treturn '<b>' # c\n```\n\n```nosuchlang\n<b>&\n```\n")
    page = export_html(deck)
    assert '<span class="k">def</span>' in page
    assert '<span class="s1">&#x27;&lt;b&gt;&#x27;</span>' in page or "&lt;b&gt;" in page
    assert "    <span" in page  # the tab, expanded to four columns as on screen
    assert "<code>&lt;b&gt;&amp;</code>" in page
    assert "pre.code .k{color:var(--code-keyword)}" in page
