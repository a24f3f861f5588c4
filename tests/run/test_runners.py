"""The front matter's `exec:` runners, validated: a mapping of language to a non-empty list of
strings, or a clear InvalidRunners, never another exception (fuzzed with Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.runners import (
    InvalidRunners,
    deck_runners,
    default_runners,
    parse_runners,
    snippet_suffix,
)
from tests.conftest import SLOW_EXAMPLES

# What a YAML front matter can hold once briefing.core.frontmatter has made it plain.
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
LANGUAGES = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_+#.-]{0,10}", fullmatch=True)
ARGUMENTS = st.text(st.characters(blacklist_characters="\0"), min_size=1, max_size=10)
PROGRAMS = ARGUMENTS.filter(str.strip)


@settings(max_examples=SLOW_EXAMPLES)  # about 15 ms an example, nearly all in generating it
@given(YAML_VALUES | st.dictionaries(st.text(max_size=8), YAML_VALUES, max_size=4))
def test_any_value_is_runners_or_a_clear_error(value):
    try:
        runners = parse_runners(value)
    except InvalidRunners as error:
        assert str(error).startswith("`exec:`")
        return
    for language, command in runners.items():
        assert language == language.strip().lower() and language
        assert isinstance(command, tuple) and command and command[0].strip()
        assert all(isinstance(part, str) and "\0" not in part for part in command)


@settings(max_examples=SLOW_EXAMPLES)  # from_regex makes these slow to generate
@given(
    st.dictionaries(
        LANGUAGES,
        st.lists(ARGUMENTS, max_size=4).flatmap(lambda arguments: PROGRAMS.map(lambda program: [program, *arguments])),
        max_size=4,
    )
)
def test_valid_runners_are_kept_as_written(value):
    lowered = {language.lower() for language in value}
    if len(lowered) < len(value):  # `Ruby` and `ruby` name one language twice
        with pytest.raises(InvalidRunners, match="twice"):
            parse_runners(value)
        return
    assert parse_runners(value) == {language.lower(): tuple(command) for language, command in value.items()}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "must be a mapping"),
        ("ruby", "must be a mapping"),
        ([["ruby"]], "must be a mapping"),
        ({"ruby": "ruby -w"}, "must be a list, like \\[ruby -w\\], not a single string"),
        ({"ruby": []}, "non-empty list"),
        ({"ruby": None}, "non-empty list"),
        ({"ruby": ["ruby", 2]}, "list of strings"),
        ({"ruby": [" "]}, "empty program name"),
        ({"ruby": ["ruby", "a\0b"]}, "NUL"),
        ({"has space": ["x"]}, "not a code block language"),
        ({"": ["x"]}, "not a code block language"),
        ({3: ["x"]}, "not a code block language"),
        ({"ruby": ["ruby"] * 65}, "more than 64 arguments"),
    ],
)
def test_invalid_runners_say_what_is_wrong(value, message):
    with pytest.raises(InvalidRunners, match=message):
        parse_runners(value)


def test_a_deck_cannot_switch_running_on():
    # `exec:` only ever says how a language runs; anything shaped like a switch is refused.
    for value in (True, "yes", 1, {"enabled": True}, {"run": "always"}):
        with pytest.raises(InvalidRunners):
            parse_runners(value)


def test_a_deck_adds_and_replaces_runners():
    runners = deck_runners({"Ruby": ["ruby", "-w"], "python": ["python3"]})
    assert runners["ruby"] == ("ruby", "-w")
    assert runners["python"] == ("python3",)
    assert runners["bash"] == default_runners()["bash"]
    assert deck_runners(None) == default_runners()


def test_snippet_files_are_named_for_their_language():
    assert [snippet_suffix(lang) for lang in ("bash", "Python", "go", "c++", "elixir", "f#")] == [
        ".sh",
        ".py",
        ".go",
        ".cpp",
        ".elixir",
        "",
    ]
