"""`briefing check` finds its source text: `--source FILE`, else the file that the deck's front
matter names as `source:`; a named file that is missing is a warning, a description is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.check_source import choose_source, looks_like_path
from briefing.cli import main
from briefing.core.loader import load_text
from tests.conftest import ROOT

ARTICLE = "Nvidia fell 13% on January 27.\n"


def make_deck(folder: Path, source: str | None, body: str = "Nvidia fell 13%, then 14%.") -> Path:
    """A directory deck whose front matter names `source` on line 3."""
    folder.mkdir(parents=True, exist_ok=True)
    front = f"source: {source}\n" if source is not None else ""
    (folder / "01-talk.md").write_text(f"---\ntitle: Talk\n{front}---\n\n# Markets\n\n{body}\n")
    return folder


def check(*args: str) -> tuple[int, list[str], str]:
    """Exit code, findings (stdout lines) and the summary (stderr) of `briefing check`."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", *args])
    return code, out.getvalue().splitlines(), err.getvalue()


def test_a_source_file_named_beside_the_deck_is_checked(tmp_path, monkeypatch):
    deck = make_deck(tmp_path / "talk", "article.txt")
    (deck / "article.txt").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)  # relative to the deck's directory, not to where check runs
    code, findings, summary = check(str(deck))
    assert code == 1
    assert findings == [f"{deck / '01-talk.md'}:8: error: figure '14%' on slide 1 does not occur in the source"]
    assert f"figures checked against {deck / 'article.txt'} (the front matter's source)" in summary


def test_the_path_is_relative_to_the_deck_directory_wherever_check_runs(tmp_path, monkeypatch):
    deck = make_deck(tmp_path / "talks" / "q3", "../../shared/article.txt", body="Nvidia fell 13%.")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "article.txt").write_text(ARTICLE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, findings, summary = check(str(deck))
    assert (code, findings) == (0, [])
    assert "figures checked against" in summary and "no findings" in summary


def test_a_single_file_deck_names_its_source_relative_to_its_folder(tmp_path, monkeypatch):
    (tmp_path / "article.txt").write_text(ARTICLE)
    deck = tmp_path / "talk.md"
    deck.write_text("---\nsource: article.txt\n---\n\n# Markets\n\nIt fell 15%.\n")
    monkeypatch.chdir("/")
    code, findings, _ = check(str(deck))
    assert code == 1 and findings == [f"{deck}:7: error: figure '15%' on slide 1 does not occur in the source"]


def test_an_absolute_source_path(tmp_path):
    article = tmp_path / "sources" / "article.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE)
    deck = make_deck(tmp_path / "talk", str(article))
    code, findings, _ = check(str(deck))
    assert code == 1 and findings == [
        f"{deck / '01-talk.md'}:8: error: figure '14%' on slide 1 does not occur in the source"
    ]


@pytest.mark.parametrize("value", ["article.txt", "notes/article", "../shared/source/deepseek.md"])
def test_a_named_file_that_does_not_exist_is_a_warning_at_the_front_matter_line(tmp_path, value):
    deck = make_deck(tmp_path / "talk", value)
    code, findings, summary = check(str(deck))
    assert code == 1
    assert findings == [
        f"{deck / '01-talk.md'}:3: warning: source file {value!r} does not exist "
        f"(looked for {deck / value}); figures were not checked"
    ]
    assert "figures checked against" not in summary


def test_a_named_directory_or_unreadable_file_is_a_warning_too(tmp_path):
    deck = make_deck(tmp_path / "talk", "sources/")
    (deck / "sources").mkdir()
    code, findings, _ = check(str(deck))
    assert code == 1 and findings == [
        f"{deck / '01-talk.md'}:3: warning: source file 'sources/' is not a regular file; figures were not checked"
    ]
    make_deck(deck, "article.txt")
    (deck / "article.txt").write_bytes(b"13% \xff\n")
    code, findings, _ = check(str(deck))
    assert code == 1 and findings == [
        f"{deck / '01-talk.md'}:3: warning: cannot read source file 'article.txt': "
        "not valid UTF-8 (byte 0xff); figures were not checked"
    ]


@pytest.mark.parametrize(
    "value",
    [
        "A news article on DeepSeek R1 and the reactions to it",
        "Reuters and BBC reporting, January 2025",
        "https://example.com/news/article.txt",
        "[a.txt, b.txt]",
        "42",
    ],
)
def test_a_description_is_only_a_description(tmp_path, value):
    deck = make_deck(tmp_path / "talk", value)
    code, findings, summary = check(str(deck))
    assert (code, findings) == (0, [])  # 14% is not checked against anything
    assert "figures checked against" not in summary


def test_source_option_wins_over_the_front_matter(tmp_path):
    deck = make_deck(tmp_path / "talk", "missing/article.txt", body="It fell 14%.")
    given = tmp_path / "given.txt"
    given.write_text("It fell 14%.\n")
    assert check(str(deck), "--source", str(given))[:2] == (0, [])  # no warning for the named file
    (deck / "named.txt").write_text(ARTICLE)
    make_deck(deck, "named.txt", body="It fell 14%.")
    assert check(str(deck), "--source", str(given))[:2] == (0, [])  # the named file is not used


def test_the_bundled_deck_names_no_file_and_checks_clean():
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "check", "slides"], capture_output=True, text=True, cwd=ROOT
    )
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("article.txt", True),
        ("Article.MD", True),
        ("../shared/source/deepseek-r1-article.txt", True),
        ("sources/", True),
        ("/abs/article", True),
        ("The article this deck summarises", False),
        ("BBC and Reuters, 27 January", False),
        ("Reuters/BBC reporting", False),
        ("https://example.com/a/b", False),
        ("", False),
    ],
)
def test_what_looks_like_a_path(value, expected):
    assert looks_like_path(value) is expected


# Whatever a deck's `source:` says, choosing the source never raises and never names a line
# outside the front matter.
SOURCE_VALUES = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["", "/", "//", "~", "~/x.txt", "..", "../..", "a" * 5000 + ".txt", "x/" * 2000, "\\x.md", "a\nb.txt", "\tx/y"]
    ),
    st.lists(st.text(max_size=5), max_size=3),
    st.integers(),
    st.none(),
)


@settings(max_examples=300)  # each example touches the file system
@given(value=SOURCE_VALUES)
@example(value="~\x00")  # a user name with a NUL in it raised ValueError
def test_any_source_value_is_a_source_a_warning_or_nothing(value, tmp_path_factory):
    folder = tmp_path_factory.getbasetemp() / "fuzz-source"
    folder.mkdir(exist_ok=True)
    deck = load_text("# Title\n\nText 13%.\n", folder / "talk.md")._replace(metadata={"source": value})
    source = choose_source(deck, None)
    assert source.text is None or source.named
    assert len(source.findings) <= 1
    for finding in source.findings:
        assert finding.severity == "warning" and finding.line == 1 and "\n" not in finding.message
