"""The README tells the truth: its handout sample is what export prints, and CI runs the
test command it shows."""

from __future__ import annotations

import re

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
    [test_line] = [line for block in blocks for line in block.splitlines() if "pytest" in line and "HYPOTHESIS" not in line]
    assert test_line in (ROOT / ".ci" / "run").read_text()
