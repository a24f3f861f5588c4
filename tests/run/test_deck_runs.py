"""Runnable code blocks in the model, `briefing check --run-code` and the exports with
`--run-code` (issue 12 §4)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from briefing.check import check_deck
from briefing.cli import main
from briefing.core.cache_codec import decode_deck, encode_deck
from briefing.core.loader import load_deck, load_text
from briefing.core.runnable import RunMark, run_mark, snippets

DECK = """\
---
title: Runs
---

# Runs

```bash +exec
echo ok
```

```python +exec +expect:failure
raise SystemExit(3)
```

---

# Failing

```sh +exec
echo oops; exit 4
```

```python +exec +expect:failure
print("fine")
```

```cobol +exec
x
```

```bash
echo not marked
```
"""


def write(tmp_path, text=DECK):
    deck = tmp_path / "talk.md"
    deck.write_text(text, encoding="utf-8")
    return deck


# -- the model --------------------------------------------------------------------------------


def test_marks_are_read_from_the_info_string():
    assert run_mark("bash +exec", 3) == RunMark(3)
    assert run_mark("rust +exec_replace +line_numbers", 3) == RunMark(3)
    assert run_mark("python +exec +expect:failure", 9) == RunMark(9, expect_failure=True)
    assert run_mark("ts {monaco-run}", 1) == RunMark(1)
    assert run_mark("ts {1|2} {monaco-run} {autorun:false}", 1) == RunMark(1)
    assert run_mark("ts{monaco-run}", 1) == RunMark(1)
    for unmarked in ("", "bash", "+exec", "{monaco-run}", "bash +execute", "bash exec", "ts {monaco}"):
        assert run_mark(unmarked, 1) is None, unmarked


@given(st.text())
def test_any_info_string_reads_without_error(info):
    mark = run_mark(info, 1)
    assert mark is None or "+exec" in info or "monaco-run" in info


def test_the_loader_marks_runnable_blocks_with_their_lines(tmp_path):
    deck = load_deck(write(tmp_path))
    found = [(s.line, s.block.language, s.expect_failure) for slide in deck.slides for s in snippets(slide)]
    assert found == [
        (7, "bash", False),
        (11, "python", True),
        (19, "sh", False),
        (23, "python", True),
        (27, "cobol", False),
    ]
    unmarked = deck.slides[1].blocks[-1]
    assert unmarked.run is None  # a plain block is as it always was


def test_blocks_in_lists_and_later_steps_are_found_once():
    text = "# A\n\n```bash +exec\necho 1\n```\n\n<!-- pause -->\n\n- item\n\n  ```bash +exec\n  echo 2\n  ```\n"
    slide = load_text(text).slides[0]
    assert [(s.line, s.step) for s in snippets(slide)] == [(3, 0), (11, 1)]
    assert [s.line for s in snippets(slide, until_step=0)] == [3]


def test_the_parse_cache_keeps_the_marks(tmp_path):
    deck = load_deck(write(tmp_path))
    again = decode_deck(json.loads(json.dumps(encode_deck(deck))), deck.root, deck.files)
    assert [slide.blocks for slide in again.slides] == [slide.blocks for slide in deck.slides]


# -- check ------------------------------------------------------------------------------------


def test_check_run_code_reports_blocks_that_did_not_end_as_meant(tmp_path, capsys):
    deck = write(tmp_path)
    assert main(["check", str(deck), "--run-code"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{deck}:19: error: code block failed: exit status 4; its last output: oops",
        f"{deck}:23: error: code block marked +expect:failure succeeded (exit status 0)",
        f"{deck}:27: error: cannot run this code block: no runner for `cobol` code (runners: bash, python, sh);"
        " a deck adds one in its front matter, like `exec: {cobol: [program, arguments]}`",
    ]


def test_check_without_run_code_runs_nothing(tmp_path, capsys):
    deck = write(tmp_path, "# A\n\n```sh +exec\ntouch ran\n```\n")  # in the deck's directory
    assert main(["check", str(deck)]) == 0
    assert not (tmp_path / "ran").exists()


def test_check_run_code_passes_a_deck_whose_blocks_behave(tmp_path, capsys):
    deck = write(tmp_path, "# A\n\n```sh +exec\necho fine\n```\n\n```sh +exec +expect:failure\nexit 1\n```\n")
    assert main(["check", str(deck), "--run-code"]) == 0


def test_a_block_past_the_time_limit_is_a_finding(tmp_path, capsys):
    deck = write(tmp_path, "# A\n\n```sh +exec +expect:failure\nsleep 30\n```\n")
    assert main(["check", str(deck), "--run-code", "--time-limit", "0.3"]) == 1
    out = capsys.readouterr().out
    assert f"{deck}:3: error: code block did not run to its end: stopped at the time limit (0.3 s)" in out


def test_check_runs_blocks_in_the_decks_directory(tmp_path, capsys):
    (tmp_path / "data.txt").write_text("here\n")
    deck = write(tmp_path, "# A\n\n```sh +exec\ntest -f data.txt\n```\n")
    assert main(["check", str(deck), "--run-code"]) == 0


def test_an_exec_front_matter_that_does_not_read_is_a_finding(tmp_path):
    deck = load_deck(write(tmp_path, "---\ntitle: T\nexec: true\n---\n\n# A\n\ntext\n"))
    findings = [str(finding) for finding in check_deck(deck)]
    assert any(":3: error: `exec:` must be a mapping of language to command" in finding for finding in findings)


def test_exec_is_a_known_front_matter_key(tmp_path):
    deck = load_deck(write(tmp_path, "---\ntitle: T\nexec: {ruby: [ruby]}\n---\n\n# A\n\ntext\n"))
    assert check_deck(deck) == []


# -- exports ----------------------------------------------------------------------------------


def test_text_export_keeps_the_code_and_with_run_code_its_output(tmp_path, capsys):
    deck = write(tmp_path)
    assert main(["export", str(deck)]) == 0
    plain = capsys.readouterr().out
    assert "    echo ok\n" in plain and "output" not in plain
    assert main(["export", str(deck), "--run-code"]) == 0
    ran = capsys.readouterr().out
    assert "    echo ok\n  \u250c output\n  \u2502 ok\n  \u2514 exit status 0\n" in ran
    assert "    echo oops; exit 4\n  \u250c output\n  \u2502 oops\n  \u2514 exit status 4\n" in ran
    assert "    echo not marked\n\n" in ran or ran.endswith("    echo not marked\n")


def test_text_export_ascii_output(tmp_path, capsys):
    deck = write(tmp_path, "# A\n\n```sh +exec\necho caf\u00e9\n```\n")
    assert main(["export", str(deck), "--run-code", "--ascii"]) == 0
    assert "  + output\n  | cafe\n  + exit status 0\n" in capsys.readouterr().out


def test_json_export_lists_runnable_blocks_and_with_run_code_their_output(tmp_path, capsys):
    deck = write(tmp_path)
    assert main(["export", str(deck), "--format", "json"]) == 0
    slides = json.loads(capsys.readouterr().out)["slides"]
    assert slides[0]["code_runs"][0] == {
        "file": "talk.md",
        "lines": [7, 7],
        "language": "bash",
        "expect_failure": False,
    }
    assert main(["export", str(deck), "--format", "json", "--run-code"]) == 0
    slides = json.loads(capsys.readouterr().out)["slides"]
    assert slides[1]["code_runs"][0] == {
        "file": "talk.md",
        "lines": [19, 19],
        "language": "sh",
        "expect_failure": False,
        "output": "oops\n",
        "status": "exit status 4",
        "exit_status": 4,
        "succeeded": False,
    }


def test_json_export_of_a_slide_without_runnable_blocks_is_unchanged(tmp_path, capsys):
    deck = write(tmp_path, "# A\n\n```sh\necho x\n```\n")
    assert main(["export", str(deck), "--format", "json"]) == 0
    assert "code_runs" not in capsys.readouterr().out


def test_html_export_with_run_code_puts_escaped_output_under_the_code(tmp_path, capsys):
    deck = write(tmp_path, "# A\n\n```sh +exec\necho '<script>alert(1)</script>'\nprintf '\\033[31mred\\n'\n```\n")
    assert main(["export", str(deck), "--format", "html", "--run-code"]) == 0
    page = capsys.readouterr().out
    assert (
        '<figure class="run-output"><pre class="code"><samp>&lt;script&gt;alert(1)&lt;/script&gt;\nred\n</samp></pre>'
        "<figcaption>exit status 0</figcaption></figure>"
    ) in page
    assert "\x1b" not in page
