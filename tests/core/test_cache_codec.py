"""The parse cache's format: every block survives encoding, JSON and decoding unchanged."""

from __future__ import annotations

import json
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.blocks import (
    Bar,
    Block,
    Chart,
    CodeBlock,
    ColumnMark,
    Heading,
    ImageBlock,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
)
from briefing.core.cache_codec import decode_block, decode_deck, encode_block, encode_deck
from briefing.core.loader import load_deck
from tests.conftest import BUNDLED, SLOW_EXAMPLES

text = st.text(max_size=12)
aligns = st.sampled_from(["left", "center", "right", ""])
inline = st.lists(
    st.builds(Span, text, st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.none() | text), max_size=3
).map(tuple)
cells = st.lists(inline, max_size=3).map(tuple)
leaves = st.one_of(
    st.builds(Paragraph, inline, aligns),
    st.builds(Heading, st.integers(1, 6), inline),
    st.builds(Table, cells, st.lists(cells, max_size=3).map(tuple), st.lists(aligns, max_size=3).map(tuple)),
    st.builds(CodeBlock, text, text),
    st.builds(
        Chart,
        st.lists(st.builds(Bar, text, st.floats(allow_nan=False, allow_infinity=False), text), max_size=3).map(tuple),
        text,
        text,
    ),
    st.just(Rule()),
    st.builds(ImageBlock, text, text, st.integers(0, 10**6)),
    st.builds(ColumnMark, st.lists(st.integers(1, 100), max_size=4).map(tuple), st.integers(0, 3), text),
    st.builds(
        CodeBlock,
        text,
        text,
        st.lists(st.lists(st.integers(1, 50), max_size=3).map(tuple), max_size=3).map(tuple),
        st.integers(0, 3),
        st.booleans(),
    ),
)
runs = lambda children: st.lists(children, max_size=3).map(tuple)  # noqa: E731
blocks = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.builds(
            ListBlock,
            st.lists(runs(children), max_size=3).map(tuple),
            st.booleans(),
            st.integers(0, 10**6),
            st.booleans(),
        ),
        st.builds(Quote, runs(children)),
    ),
    max_leaves=12,
)


@settings(max_examples=SLOW_EXAMPLES)  # about 10 ms an example, nearly all in generating it
@given(blocks)
def test_any_block_survives_the_cache(block):
    assert decode_block(json.loads(json.dumps(encode_block(block)))) == block


def test_every_kind_of_block_has_its_own_tag():
    examples = [
        Paragraph(()),
        Heading(1, ()),
        ListBlock(()),
        Table((), (), ()),
        CodeBlock(""),
        Chart(()),
        Quote(()),
        Rule(),
        ImageBlock("a.png", "A"),
        ColumnMark(),
    ]
    assert {type(block) for block in examples} == set(typing.get_args(Block))
    assert len({encode_block(block)[0] for block in examples}) == len(examples)


@pytest.mark.parametrize("junk", [[], ["x"], ["p"], ["h", 1], ["r", 1], "p", None])
def test_anything_else_is_refused(junk):
    with pytest.raises(ValueError):
        decode_block(junk)


def test_a_deck_survives_the_cache():
    deck = load_deck(BUNDLED)
    data = json.loads(json.dumps(encode_deck(deck)))
    again = decode_deck(data, deck.root, deck.files)
    assert again == deck and list(again.slides) == list(deck.slides)
