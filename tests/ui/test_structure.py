"""The UI layer's shape: the app holds the state and never reaches into the show's screen; live
reload, the console link and signals only post messages to the app; what the first frame does
not need is not imported before it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import briefing.ui

UI = Path(briefing.ui.__file__).parent
PACKAGE = UI.parent

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
        "             'textual.widgets._footer', 'briefing.ui.widgets.key_hints'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


# Run in a fresh interpreter: the show starts from a warm parse cache (as on every start after
# the first), and the modules loaded are listed the moment the first frame is on screen.
_FIRST_FRAME = """
import asyncio, json, sys
from pathlib import Path

import briefing.cli  # the command's own imports count too
from briefing.load import load
from briefing.ui.app import BriefingApp
from briefing.ui.screens.present import PresentScreen

deck_path = Path(sys.argv[1])
deck = load(deck_path, cached=True)
app = BriefingApp(deck_path, deck=deck, watch=False, sync=False)
loaded = []
painted = asyncio.Event()
original = PresentScreen._after_first_frame

def after_first_frame(screen):
    loaded.extend(sys.modules)
    painted.set()
    original(screen)

PresentScreen._after_first_frame = after_first_frame

async def main():
    async with app.run_test(size=(100, 30)):
        await painted.wait()

asyncio.run(main())
print(json.dumps(sorted(loaded)))
"""

# Parsers (the cache holds the parsed deck), what only a key or a later moment needs (the
# speaker's panel, search, the editor, the key hints, code colours, ASCII spelling), and what
# starts after the first frame (the link and its wire format, the file watch), running code, and
# Pillow (a deck without pictures never needs it; one with pictures decodes them in a worker).
_NOT_FOR_THE_FIRST_FRAME = (
    "PIL",
    "briefing.run",
    "briefing.sync",
    "briefing.images",
    "briefing.deck_images",
    "yaml",
    "markdown_it",
    "mdit_py_plugins",
    "briefing.core.loader",
    "briefing.core.frontmatter",
    "briefing.core.markdown",
    "pygments",
    "anyascii",
    "briefing.ui.widgets.speaker_panel",
    "briefing.search",
    "briefing.editing",
    "briefing.ui.screens.editor",
    "textual.widgets._footer",
    "briefing.ui.widgets.key_hints",
    "textual.widgets._text_area",
    "tree_sitter",
    "watchfiles",
    "briefing.ui.reloader",
    "briefing.ui.linking",
    "briefing.sync.link",
    "textual_image",  # `--images graphics`: imported to send the first picture, in a worker
    "briefing.render.kitty",
)


def test_the_first_frame_loads_no_parser_and_nothing_a_later_moment_needs(tmp_path):
    from tests.conftest import BUNDLED

    warm = "import sys; from briefing.load import load; load(sys.argv[1], cached=True)"
    subprocess.run([sys.executable, "-c", warm, str(BUNDLED)], check=True, timeout=60)
    result = subprocess.run(
        [sys.executable, "-c", _FIRST_FRAME, str(BUNDLED)], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = json.loads(result.stdout)
    early = [
        name for name in loaded if name in _NOT_FOR_THE_FIRST_FRAME or name.split(".")[0] in _NOT_FOR_THE_FIRST_FRAME
    ]
    assert not early, f"loaded before the first frame: {', '.join(early)}"


def test_every_notification_of_ours_is_plain_text():
    """Only Textual's own notifications may carry markup (its "Press [b]q[/b] to quit"): every
    `notify` call in briefing says `markup=False`, so no text from a deck, a file name or a
    program's output can ever be read as markup. The overrides that pass a notification on to
    Textual (`super().notify`) are the exception."""
    package = PACKAGE
    unmarked = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "notify"):
                continue
            owner = node.func.value
            if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
                continue
            markup = next((keyword.value for keyword in node.keywords if keyword.arg == "markup"), None)
            if not (isinstance(markup, ast.Constant) and markup.value is False):
                unmarked.append(f"{path.relative_to(package.parent)}:{node.lineno}")
    assert unmarked == []
