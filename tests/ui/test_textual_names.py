"""No class of ours assigns a name that Textual uses privately on its widgets, screens and apps:
an attribute `_render` on a widget replaced Textual's own method (selecting text crashed), and
`_closing` on a screen replaced the flag Textual reads while it shuts a message pump down."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from textual.app import App
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget

import briefing.ui

UI = Path(briefing.ui.__file__).parent


def private(names) -> set[str]:
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def textual_private_names() -> set[str]:
    """Private names on Textual's classes (methods and class attributes) and on their
    instances (attributes set in `__init__`, such as `_closing`)."""
    names: set[str] = set()
    for cls in (Widget, Screen, ModalScreen, ScrollView, App):
        names |= private(dir(cls)) | private(vars(cls()))
    return names


TEXTUAL = textual_private_names()


def assigned_names(cls: ast.ClassDef) -> dict[str, int]:
    """Names a class body gives itself (class attributes, methods) and names its methods set on
    `self` (`self._x = ...`, `self._x: T = ...`, `self._x += ...`), with their lines."""
    names: dict[str, int] = {}
    for node in cls.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.setdefault(node.name, node.lineno)
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if isinstance(target, ast.Name):
                names.setdefault(target.id, node.lineno)
    for node in ast.walk(cls):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                ):
                    names.setdefault(target.attr, node.lineno)
    return names


def clashes(source: str, classes: dict[str, type]) -> list[str]:
    """`Class.name (line n)` for each name a Textual class among `classes` would lose to ours."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef) or node.name not in classes:
            continue
        cls = classes[node.name]
        if not issubclass(cls, DOMNode):
            continue
        # the five classes above, and whatever else of Textual's this one derives from
        forbidden = TEXTUAL.union(
            *(private(dir(base)) for base in cls.__mro__ if base.__module__.startswith("textual"))
        )
        found += [
            f"{node.name}.{name} (line {line})" for name, line in assigned_names(node).items() if name in forbidden
        ]
    return found


def our_modules() -> list[str]:
    return sorted(
        "briefing." + path.relative_to(UI.parent).with_suffix("").as_posix().replace("/", ".")
        for path in UI.rglob("*.py")
    )


@pytest.mark.parametrize("module_name", our_modules())
def test_no_class_of_ours_shadows_a_private_name_of_textual(module_name):
    module = importlib.import_module(module_name)
    classes = {
        name: value
        for name, value in vars(module).items()
        if inspect.isclass(value) and value.__module__ == module_name
    }
    nested = {
        inner.__name__: inner
        for outer in classes.values()
        for inner in vars(outer).values()
        if inspect.isclass(inner) and inner.__module__ == module_name
    }
    assert clashes(inspect.getsource(module), {**nested, **classes}) == []


def test_the_check_catches_the_names_that_bit_us():
    assert {"_render", "_closing"} <= TEXTUAL
    source = """
class View(ScrollView):
    def __init__(self):
        super().__init__()
        self._render = None

class Once(Screen):
    _closing = False

class Fine(Widget):
    _our_own = 1
    def __init__(self):
        super().__init__()
        self._draw = None
"""
    classes = {"View": ScrollView, "Once": Screen, "Fine": Widget}
    assert clashes(source, classes) == ["View._render (line 5)", "Once._closing (line 8)"]
