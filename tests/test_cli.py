"""The command line as a user meets it: exit codes, messages, atomic output, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from tests.conftest import BUNDLED, FIXTURES, ROOT

SOURCE_TEXT = """DeepSeek released R1 on January 20. Nvidia fell 13% and lost $465 billion.
They used around 2,000 chips. The Nasdaq fell 3.4%."""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=cwd or ROOT)


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


def test_export_into_a_missing_directory_says_so_without_a_line_number(tmp_path, capsys):
    target = tmp_path / "no" / "such" / "x.txt"
    assert main(["export", str(BUNDLED), "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"briefing: {target}: cannot write: the directory {tmp_path / 'no' / 'such'} does not exist\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_export_onto_a_directory_or_under_a_file_says_why(tmp_path, capsys):
    assert main(["export", str(BUNDLED), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"briefing: {tmp_path}: cannot write: it is a directory\n"
    blocker = tmp_path / "plain.txt"
    blocker.write_text("x")
    assert main(["export", str(BUNDLED), "-o", str(blocker / "x.txt")]) == 2
    assert capsys.readouterr().err == (
        f"briefing: {blocker / 'x.txt'}: cannot write: {blocker} is a file, not a directory\n"
    )


def test_any_other_write_failure_is_path_and_reason(tmp_path, capsys, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # as a read-only directory would (tests may run as root)
    target = tmp_path / "handout.txt"
    assert main(["export", str(BUNDLED), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"briefing: {target}: cannot write: Permission denied\n"


def test_an_empty_output_name_is_an_error(capsys):
    assert main(["export", str(BUNDLED), "-o", ""]) == 2
    assert capsys.readouterr().err == (
        "briefing: -o needs a file name (or - for standard output) (see: briefing export --help)\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["export"], ["export", "--format", "json"], ["new", "{tmp}/t.md"]])
def test_a_full_standard_output_is_one_line_not_a_traceback(tmp_path, args):
    args = [arg.format(tmp=tmp_path) for arg in args]
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "briefing", *args], stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT
        )
    assert result.returncode == 2
    assert result.stderr == "briefing: standard output: cannot write: No space left on device\n"


def test_a_closed_standard_output_is_one_line_not_a_traceback():
    command = f"{sys.executable} -m briefing export >&-"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr == "briefing: standard output: cannot write: it is closed\n"


def test_export_never_writes_over_the_deck_itself(tmp_path, capsys):
    deck = tmp_path / "talk"
    deck.mkdir()
    (deck / "01.md").write_text("# One\n\nText.\n")
    for target in (deck / "01.md", deck / "." / "01.md"):
        assert main(["export", str(deck), "-o", str(target)]) == 2
        assert capsys.readouterr().err == (
            f"briefing: -o {target} is a file of the deck itself (see: briefing export --help)\n"
        )
    assert (deck / "01.md").read_text() == "# One\n\nText.\n"


def test_export_dash_is_stdout(capsys):
    assert main(["export", str(BUNDLED), "--format", "json", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("{")


@pytest.mark.parametrize("command", ["export", "check", "present", "presenter"])
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


@pytest.mark.parametrize(
    "args, line",
    [
        (
            ["export", "--width", "abc"],
            "argument --width: expected a number of columns, not 'abc' (see: briefing export --help)",
        ),
        (
            ["export", "--width", "5"],
            "argument --width: width must be between 20 and 1000, not 5 (see: briefing export --help)",
        ),
        (
            ["check", "--size", "80by24"],
            "argument --size: expected WIDTHxHEIGHT such as 80x24, not '80by24' (see: briefing check --help)",
        ),
        (
            ["check", "--size", "0x24"],
            "argument --size: size must be positive, not '0x24' (see: briefing check --help)",
        ),
        (
            ["export", "--format", "docx"],
            "argument --format: invalid choice: 'docx' "
            "(choose from 'text', 'json', 'html', 'pdf', 'svg') (see: briefing export --help)",
        ),
        (
            ["present", "--slide", "abc"],
            "argument --slide: expected a slide number, not 'abc' (see: briefing present --help)",
        ),
        (["new"], "the following arguments are required: path (see: briefing new --help)"),
        (["export", "--bogus"], "unrecognized arguments: --bogus (see: briefing --help)"),
    ],
)
def test_wrong_arguments_are_one_line_and_exit_2(args, line):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"briefing: {line}\n"


@pytest.mark.parametrize("option", [["--width", "40"]])
def test_options_that_do_not_apply_to_json_are_an_error(option, capsys):
    assert main(["export", str(BUNDLED), "--format", "json", *option]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"briefing: {option[0]} applies only to --format text (see: briefing export --help)\n"


def test_json_export_has_notes_only_with_notes(capsys):
    assert main(["export", str(FIXTURES / "elements.md"), "--format", "json"]) == 0
    without = json.loads(capsys.readouterr().out)
    assert all("notes" not in slide for slide in without["slides"])
    assert main(["export", str(FIXTURES / "elements.md"), "--format", "json", "--notes"]) == 0
    with_notes = json.loads(capsys.readouterr().out)
    assert any(slide["notes"] for slide in with_notes["slides"])


def test_json_export_with_ascii_is_ascii_and_the_same_data(capsys):
    assert main(["export", str(BUNDLED), "--format", "json", "--notes"]) == 0
    plain = capsys.readouterr().out
    assert not plain.isascii()  # the bundled deck has curly quotes and dashes
    assert main(["export", str(BUNDLED), "--format", "json", "--notes", "--ascii"]) == 0
    escaped = capsys.readouterr().out
    assert escaped.isascii()
    assert json.loads(escaped) == json.loads(plain)


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


@pytest.mark.parametrize(
    "argv",
    [
        ["present", "deck.md", "--slide", "3", "--clean", "-x"],
        ["presenter", "--theme", "nord", "--images", "off"],
        ["export", "deck.md", "--format", "json", "--notes", "-o", "out.json"],
        ["check", "--size", "100x30", "--run-code"],
        ["serve", "--port", "0", "--no-qr"],
        ["new", "talk.md", "--title", "T"],
    ],
)
def test_a_parser_built_for_its_command_reads_it_as_the_whole_parser_does(argv):
    from briefing.cli import build_parser

    assert build_parser(argv[0]).parse_args(argv) == build_parser().parse_args(argv)
