"""The exporter's committed colour table matches the installed Textual, Rich and Pygments.

The exporter does not import Textual, so it reads theme colours from a generated table
(briefing/export/theme_table.py, written by tools/theme_table.py). Tests may import Textual:
this one regenerates the table and compares, so an upgrade cannot leave it stale unnoticed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from textual.theme import BUILTIN_THEMES

from briefing.export import theme_table
from tests.conftest import ROOT

GENERATOR = ROOT / "tools" / "theme_table.py"


def _generator():
    spec = importlib.util.spec_from_file_location("theme_table_tool", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_table_is_what_the_installed_textual_gives():
    generated = _generator().render()
    committed = (ROOT / "briefing" / "export" / "theme_table.py").read_text(encoding="utf-8")
    assert committed == generated, "stale: run python tools/theme_table.py"


def test_every_builtin_theme_is_in_the_table():
    assert sorted(theme_table.THEMES) == sorted(BUILTIN_THEMES)
    for name, theme in BUILTIN_THEMES.items():
        assert theme_table.THEMES[name]["dark"] == theme.dark
        colours = theme_table.THEMES[name]["colours"]
        assert all(len(value) == 7 and value.startswith("#") for value in colours.values())


def test_the_check_option_says_whether_the_table_is_current():
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
