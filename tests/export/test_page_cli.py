"""`briefing export --format html|pdf` on the command line: options, themes, files, imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing.cli import main
from briefing.core.loader import load_deck
from briefing.export.html import export_html
from tests.conftest import BUNDLED, FIXTURES


def test_html_goes_to_standard_output_or_to_a_file_atomically(tmp_path, capsys):
    assert main(["export", str(BUNDLED), "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page == export_html(load_deck(BUNDLED))
    target = tmp_path / "deck.html"
    assert main(["export", str(BUNDLED), "--format", "html", "--notes", "--theme", "nord", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == export_html(load_deck(BUNDLED), notes=True, theme="nord")
    assert capsys.readouterr() == ("", "")
    assert [p.name for p in tmp_path.iterdir()] == ["deck.html"]  # no temporary file left


@pytest.mark.parametrize(
    "options, message",
    [
        (["--format", "html", "--width", "40"], "--width applies only to --format text"),
        (["--format", "pdf", "--ascii"], "--ascii applies only to --format text and json"),
        (["--format", "html", "--ascii"], "--ascii applies only to --format text and json"),
        (["--theme", "nord"], "--theme applies only to --format html, pdf and svg"),
        (["--format", "json", "--theme", "nord"], "--theme applies only to --format html, pdf and svg"),
        (["--format", "html", "--steps"], "--steps applies only to --format pdf and svg"),
        (["--format", "html", "--theme", "no-such-theme"], "unknown theme 'no-such-theme'; themes are: ansi-dark, "),
    ],
)
def test_options_that_do_not_go_with_the_format_are_one_line_and_exit_2(options, message, capsys):
    assert main(["export", str(BUNDLED), *options]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"briefing: {message}") and captured.err.count("\n") == 1
    assert captured.err.endswith("(see: briefing export --help)\n")


def test_a_front_matter_theme_that_is_not_textual_is_said_once(tmp_path, capsys):
    deck = tmp_path / "talk.md"
    deck.write_text("---\ntheme: sunset\n---\n\n# One\n", encoding="utf-8")
    assert main(["export", str(deck), "--format", "html", "-o", str(tmp_path / "x.html")]) == 0
    assert capsys.readouterr().err == (
        "briefing: warning: unknown theme 'sunset' in the front matter; "
        "the page follows the reader's light or dark setting\n"
    )
    assert main(["export", str(deck), "--format", "html", "--theme", "nord", "-o", str(tmp_path / "y.html")]) == 0
    assert capsys.readouterr().err == ""


def test_a_bad_deck_is_file_line_message_and_exit_2(tmp_path):
    deck = tmp_path / "talk.md"
    deck.write_text("---\ntitle: [unclosed\n---\n\n# One\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(deck), "--format", "html"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"briefing: {deck}:") and result.stderr.count("\n") == 1


def test_the_html_export_never_overwrites_the_deck(tmp_path, capsys):
    deck = tmp_path / "talk.md"
    deck.write_text("# One\n", encoding="utf-8")
    assert main(["export", str(deck), "--format", "html", "-o", str(deck)]) == 2
    assert deck.read_text(encoding="utf-8") == "# One\n"


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_exporting_a_page_never_imports_textual(fmt, tmp_path):
    if fmt == "pdf":
        pytest.importorskip("weasyprint", reason="the PDF extra: pip install 'briefing[pdf]'")
    code = (
        "import sys\n"
        "from briefing.cli import main\n"
        f"assert main(['export', {str(FIXTURES / 'elements.md')!r}, '--format', {fmt!r}, '--notes',"
        f" '-o', {str(tmp_path / ('out.' + fmt))!r}]) == 0\n"
        "sys.stderr.write(','.join(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
