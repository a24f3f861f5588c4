"""The core never imports the UI toolkit, and exporting never imports Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import briefing.core
from tests.conftest import BUNDLED

CORE_MODULES = sorted(
    f"briefing.core.{info.name}" for info in pkgutil.iter_modules(briefing.core.__path__)
)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_neither_textual_nor_rich(module):
    code = (
        f"import sys, {module}\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_loading_and_exporting_the_bundled_deck_never_imports_textual():
    code = (
        "import sys\n"
        "from briefing.cli import main\n"
        "sys.stdout = open('/dev/null', 'w')\n"
        f"assert main(['export', {str(BUNDLED)!r}, '--notes']) == 0\n"
        f"assert main(['export', {str(BUNDLED)!r}, '--format', 'json']) == 0\n"
        "sys.stderr.write(','.join(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
