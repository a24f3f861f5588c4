"""The command line as a user meets it: exit codes, messages, atomic output, bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from tests.conftest import BUNDLED, FIXTURES, ROOT

SOURCE_TEXT = """DeepSeek released R1 on January 20. Nvidia fell 13% and lost $465 billion.
They used around 2,000 chips. The Nasdaq fell 3.4%."""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=cwd or ROOT
    )


def test_export_defaults_to_the_bundled_deck(capsys):
    assert main(["export"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("DeepSeek R1")
    assert "1. DeepSeek R1" in out


def test_export_to_a_file_is_atomic_and_keeps_the_old_file_on_failure(tmp_path, capsys):
    target = tmp_path / "handout.txt"
    target.write_text("old handout\n")
    target.chmod(0o640)
    assert main(["export", str(BUNDLED), "-o", str(target)]) == 0
    assert target.read_text().startswith("DeepSeek R1")
    assert oct(target.stat().st_mode & 0o777) == "0o640"
    assert [p.name for p in tmp_path.iterdir()] == ["handout.txt"]  # no temporary left behind
    before = target.read_bytes()
    assert main(["export", str(tmp_path / "missing.md"), "-o", str(target)]) == 2
    assert target.read_bytes() == before


def test_export_to_an_unwritable_place_is_a_clean_error(tmp_path, capsys):
    assert main(["export", str(BUNDLED), "-o", str(tmp_path / "no" / "such" / "dir.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefing: ") and "cannot write" in err and "Traceback" not in err


def test_export_dash_is_stdout(capsys):
    assert main(["export", str(BUNDLED), "--format", "json", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("{")


@pytest.mark.parametrize("command", ["export", "check", "present"])
@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.md", ":1: no such file or directory"),
        (lambda d: d, ":1: no Markdown (.md) files in this directory"),
        (lambda d: (d / "bad.md").write_bytes(b"# ok\n\xc3\x28\n") and d / "bad.md", ":2: not valid UTF-8"),
        (lambda d: (d / "y.md").write_text("---\ntitle: [x\n---\n") and d / "y.md", "front matter is not valid YAML"),
    ],
    ids=["missing", "empty-dir", "utf8", "yaml"],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, command, make, message):
    path = make(tmp_path)
    result = run(command, str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"briefing: {path}:") and message in lines[0]


def test_wrong_arguments_exit_2_with_usage():
    for args in (["export", "--width", "abc"], ["check", "--size", "80by24"], ["export", "--format", "pdf"]):
        result = run(*args)
        assert result.returncode == 2
        assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_check_bundled_deck_is_clean_against_its_source(capsys):
    source = ROOT.parent / "shared" / "source" / "deepseek-r1-article.txt"
    if not source.exists():
        pytest.skip("../shared/source is not beside this checkout")
    assert main(["check", str(BUNDLED), "--source", str(source)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no findings" in captured.err


def test_check_reports_findings_with_file_line_and_exit_1(tmp_path, capsys):
    deck = tmp_path / "talk.md"
    deck.write_text(
        "---\ntitle: T\ncolour: red\n---\n\n# Same\n\nNvidia fell 13% on January 20.\n\n---\n\n"
        "# Same\n\nIt fell 14% and $465 billion went, with 3,000 chips.\n\n---\n\n"
        "no heading here\n\n---\n\n---\n\n# Tall\n\n" + "\n\n".join(f"line {n}" for n in range(1, 3)) + "\n"
        "\n```\nnever closed\n"
    )
    source = tmp_path / "source.txt"
    source.write_text(SOURCE_TEXT)
    assert main(["check", str(deck), "--source", str(source)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{deck}:3: warning: unknown front-matter key 'colour' (kept, not used)" in out
    assert f"{deck}:12: warning: slide 2 has the same title as slide 1: 'Same'" in out
    assert f"{deck}:14: error: figure '14%' on slide 2 does not occur in the source" in out
    assert f"{deck}:14: error: figure '3,000' on slide 2 does not occur in the source" in out
    assert not any("'13%'" in line or "$465 billion" in line or "January 20" in line for line in out)
    assert f"{deck}:18: warning: slide 3 has no title (start it with a heading)" in out
    assert any(line.startswith(f"{deck}:") and "slide 4 is empty" in line for line in out)
    assert any("code fence is never closed" in line for line in out)


def test_check_size_rule_uses_the_terminal_size(tmp_path, capsys):
    deck = tmp_path / "tall.md"
    deck.write_text("# Tall\n\n" + "\n\n".join(f"paragraph {n}" for n in range(12)) + "\n")
    assert main(["check", str(deck), "--size", "80x40"]) == 0
    assert main(["check", str(deck), "--size", "80x24"]) == 1
    out = capsys.readouterr().out
    assert f"{deck}:1: error: slide 1 is 26 rows tall; 80\u00d724 leaves room for 20" in out
    wide = tmp_path / "wide.md"
    wide.write_text("# Wide\n\n```\n" + "x" * 90 + "\n```\n")
    assert main(["check", str(wide)]) == 1
    assert "columns wide; 80\u00d724 leaves room for 74" in capsys.readouterr().out


def test_check_with_unreadable_source_is_exit_2(tmp_path):
    result = run("check", str(BUNDLED), "--source", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"briefing: {tmp_path / 'nope.txt'}:1: no such file or directory"


def test_python_m_briefing_and_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("briefing ")


def test_broken_pipe_is_not_an_error():
    command = f"{sys.executable} -m briefing export {FIXTURES / 'elements.md'} | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True)
    assert result.stdout == "Every element\n"
    assert "Traceback" not in result.stderr


def test_export_ascii_says_which_characters_have_no_ascii_spelling(tmp_path):
    deck = tmp_path / "glyphs.md"
    deck.write_text("# Glyphs\n\n한국어 and two private-use glyphs: \ue000 \ue001 \ue000\n")
    result = run("export", str(deck), "--ascii")
    assert result.returncode == 0
    assert "HanGugEo and two private-use glyphs: ? ? ?" in result.stdout
    assert result.stderr == "briefing: warning: written as '?', having no ASCII spelling: U+E000, U+E001\n"
    assert run("export", str(BUNDLED), "--ascii").stderr == ""
