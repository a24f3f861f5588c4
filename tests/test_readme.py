"""The README tells the truth: its handout sample is what export prints, CI runs the test
command it shows, and its check examples pass as written from a fresh clone."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from briefing.core.loader import load_deck
from briefing.export.text import export_text
from tests.conftest import BUNDLED, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_handout_sample_is_real_export_output():
    sample = re.search(r"```text\n(.*?)```", README, re.DOTALL).group(1)
    output = export_text(load_deck(BUNDLED), width=72)
    for part in sample.split("...\n"):
        assert part.strip("\n") in output


def test_ci_runs_the_readme_test_command():
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    [test_line] = [
        line for block in blocks for line in block.splitlines() if "pytest" in line and "HYPOTHESIS" not in line
    ]
    assert test_line in (ROOT / ".ci" / "run").read_text()


def test_ci_runs_the_readme_checks_after_the_tests():
    developing = README.split("\n## Developing\n", 1)[1]
    [checks_line] = re.findall(r"```sh\n(.*?)\n```", developing, re.DOTALL)
    for check in ("ruff check .", "ruff format --check .", "mypy", "lint-imports"):
        assert check in checks_line
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.index(checks_line) > ci.index("-m pytest")


CHECK_LINES = [
    line
    for block in re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    for line in block.splitlines()
    if line.startswith("briefing check")
]


def test_the_readme_shows_check_without_the_article():
    assert any("--source" not in line for line in CHECK_LINES)


@pytest.mark.parametrize("line", CHECK_LINES)
def test_check_examples_pass_copy_pasted(line):
    args = shlex.split(line)[1:]
    if "--source" in args and not (ROOT / args[args.index("--source") + 1]).exists():
        pytest.skip("the article is not shipped; this example needs it beside the checkout")
    result = subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=ROOT)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
