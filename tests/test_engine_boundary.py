"""The slide engines (running snippets, loading images) need neither Textual nor Rich: the show,
`briefing check` and the exporters all use them, and only the show has a UI."""

from __future__ import annotations

import subprocess
import sys

import pytest

ENGINES = ["briefing.run", "briefing.runners", "briefing.program_output", "briefing.images", "briefing.image_cells"]


@pytest.mark.parametrize("module", ENGINES)
def test_engine_imports_neither_textual_nor_rich(module):
    code = (
        f"import sys, {module}\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
