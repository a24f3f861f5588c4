"""Which languages an `+exec` code block can run in, and the program that runs each.

bash, sh and python run by default; a deck adds or replaces languages with a front-matter
`exec:` mapping of language to command, e.g. `exec: {ruby: [ruby, -w]}`. That mapping only says
*how* a language runs, never *whether* code runs: consent belongs to the show (`--run-code` or
the presenter's answer to a prompt), so nothing here can switch running on.

The snippet is written to a temporary file whose path is appended to the command, rather than
piped to the program's standard input: stdin stays closed (a snippet that reads it gets end of
file at once instead of hanging the show), and a shell reading its script from stdin would let
any command in the script (`cat`, `read`) swallow the lines after it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from types import MappingProxyType

Command = tuple[str, ...]
"""A program and its arguments, before the snippet's file path is appended."""

# Fence languages are short words; allow the punctuation real ones use (c++, c#, objective-c).
_LANGUAGE = re.compile(r"[a-z0-9][a-z0-9_+#.-]{0,31}")

_MAX_ARGUMENTS = 64

# What the snippet file is called in each language, for programs that go by the extension
# (`go run`, `ts-node`, `rustc`); any other language uses its own name when that is a word.
_SUFFIXES = MappingProxyType(
    {
        "bash": ".sh",
        "sh": ".sh",
        "zsh": ".sh",
        "fish": ".fish",
        "python": ".py",
        "python3": ".py",
        "py": ".py",
        "javascript": ".js",
        "js": ".js",
        "node": ".js",
        "typescript": ".ts",
        "ts": ".ts",
        "ruby": ".rb",
        "rust": ".rs",
        "go": ".go",
        "perl": ".pl",
        "lua": ".lua",
        "r": ".R",
        "c": ".c",
        "c++": ".cpp",
        "cpp": ".cpp",
        "java": ".java",
        "kotlin": ".kt",
        "php": ".php",
        "haskell": ".hs",
    }
)


class InvalidRunners(ValueError):
    """A front-matter `exec:` value that is not a mapping of language to command.

    The message is for the deck's author; the loader adds `file:line:` when it raises its
    DeckError.
    """


def default_runners() -> Mapping[str, Command]:
    """bash, sh and python. python is the interpreter running briefing (not whatever `python`
    is first on PATH, which may be absent or a different version); it is left out when Python
    cannot say where its interpreter is."""
    runners = {"bash": ("bash",), "sh": ("sh",)}
    if sys.executable:
        runners["python"] = (sys.executable,)
    return MappingProxyType(runners)


def language_key(language: str) -> str:
    """The form runners are looked up by: fence languages are case-insensitive (`Python`)."""
    return language.strip().lower()


def parse_runners(value: object) -> Mapping[str, Command]:
    """The deck's own runners from its front-matter `exec:` value (None when absent).

    Raises InvalidRunners with a message naming the offending language.
    """
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        raise InvalidRunners("`exec:` must be a mapping of language to command, like `exec: {ruby: [ruby]}`")
    runners: dict[str, Command] = {}
    for language, command in value.items():
        key = _checked_language(language)
        if key in runners:
            raise InvalidRunners(f"`exec:` names the language `{key}` twice")
        runners[key] = _checked_command(key, command)
    return MappingProxyType(runners)


def deck_runners(value: object) -> Mapping[str, Command]:
    """The defaults with the deck's `exec:` runners on top (a deck may replace `python`)."""
    return MappingProxyType({**default_runners(), **parse_runners(value)})


def snippet_suffix(language: str) -> str:
    """The file extension the snippet is written with, so extension-minded programs accept it."""
    key = language_key(language)
    if key in _SUFFIXES:
        return _SUFFIXES[key]
    return "." + key if re.fullmatch(r"[a-z0-9]+", key) else ""


def _checked_language(language: object) -> str:
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language_key(language)):
        raise InvalidRunners(
            f"`exec:` language {str(language)[:40]!r} is not a code block language (letters, digits and _+#.-)"
        )
    return language_key(language)


def _checked_command(language: str, command: object) -> Command:
    where = f"`exec:` runner for `{language}`"
    if isinstance(command, str):
        raise InvalidRunners(f"{where} must be a list, like [{command}], not a single string")
    if not isinstance(command, list) or not command:
        raise InvalidRunners(f"{where} must be a non-empty list: a program and its arguments")
    if len(command) > _MAX_ARGUMENTS:
        raise InvalidRunners(f"{where} has more than {_MAX_ARGUMENTS} arguments")
    if not all(isinstance(part, str) for part in command):
        raise InvalidRunners(f"{where} must be a list of strings (quote numbers)")
    if not command[0].strip():
        raise InvalidRunners(f"{where} starts with an empty program name")
    if any("\0" in part for part in command):
        raise InvalidRunners(f"{where} contains a NUL character")
    return tuple(command)
