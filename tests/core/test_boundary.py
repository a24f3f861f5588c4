"""The core never imports the UI toolkit, and exporting never imports Textual."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys

import pytest

import briefing.core
from tests.conftest import BUNDLED, ROOT

CORE_MODULES = sorted(f"briefing.core.{info.name}" for info in pkgutil.iter_modules(briefing.core.__path__))


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_neither_textual_nor_rich(module):
    code = (
        f"import sys, {module}\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def _imported_modules(tree: ast.AST, package: str) -> list[str]:
    """Every module an `import` or `from ... import` names, anywhere in the file (deferred
    imports inside functions too), with relative imports resolved against `package`."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0]
                names.append(f"{base}.{node.module}" if node.module else base)
            else:
                names.append(node.module or "")
    return names


def test_the_core_imports_nothing_of_briefing_outside_the_core():
    # Pure in the strict sense: no file I/O helpers (fileio, paths), no cache files, no
    # renderers; the layers above import the core, never the other way round.
    core = ROOT / "briefing" / "core"
    outside = {}
    for file in sorted(core.rglob("*.py")):
        package = ".".join(file.relative_to(ROOT).with_suffix("").parts[:-1])
        for name in _imported_modules(ast.parse(file.read_text(encoding="utf-8")), package):
            if name.split(".")[0] == "briefing" and not name.startswith("briefing.core"):
                outside.setdefault(str(file.relative_to(ROOT)), []).append(name)
    assert outside == {}


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
