"""The UI layer's shape: the app holds the state and never reaches into the show's screen; live
reload, the console link and signals only post messages to the app; what the first frame does
not need is not imported before it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import briefing.ui

UI = Path(briefing.ui.__file__).parent

# how a Textual node reaches into the widgets below it
_REACHING_IN = {
    "query",
    "query_one",
    "query_exactly_one",
    "query_children",
    "get_child_by_id",
    "get_child_by_type",
    "get_widget_by_id",
    "mount",
    "mount_all",
    "remove_children",
}


def attribute_calls(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text())
    return [
        (node.func.attr, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]


def test_the_app_never_reaches_into_a_screens_widgets():
    reaching = [(name, line) for name, line in attribute_calls(UI / "app.py") if name in _REACHING_IN]
    assert reaching == []


@pytest.mark.parametrize("module", ["reloader.py", "linking.py", "signals.py"])
def test_reload_link_and_signals_only_post_messages_to_the_app(module):
    """They may run workers on the app and post to it; nothing else of it is theirs to call."""
    tree = ast.parse((UI / module).read_text())
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = node.value
            is_app = (isinstance(owner, ast.Name) and owner.id == "app") or (
                isinstance(owner, ast.Attribute) and owner.attr == "app"
            )
            if is_app:
                used.add(node.attr)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            assert not any(name.startswith("briefing.ui.app") for name in names)
    assert used <= {"post_message", "run_worker"}


def test_what_the_first_frame_does_not_need_is_not_imported_for_it():
    code = (
        "import sys, briefing.ui.app\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('watchfiles', 'pygments')\n"
        "    or m in ('briefing.ui.reloader', 'briefing.ui.linking', 'briefing.ui.signals', 'briefing.sync.link',\n"
        "             'briefing.editing', 'briefing.search', 'briefing.ui.screens.editor',\n"
        "             'textual.widgets._footer'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
