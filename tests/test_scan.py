"""The compiled scanner of large plain ASCII text (:mod:`explorer.engine.scan`) gives exactly what the
per-line tokeniser gives: the same types in the same order, token ids, sentence pointers and line starts,
for every line ending ``str.splitlines`` knows, every white space ``str.split`` knows, blank lines,
leading and trailing white space, upper case (with and without lower-casing), and enough distinct words
to grow its hash table several times."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.engine.corpus import COMPILED_SCAN_CHARS, parse_text
from explorer.errors import CorpusError

WHITE = [" ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "  \n\n"]


def both(text, lowercase=True):
    per_line = parse_text(text, lowercase, compiled_from=len(text) + 1)
    compiled = parse_text(text, lowercase, compiled_from=0)
    return per_line, compiled


def assert_same(a, b):
    assert a.types == b.types
    for name in ("token_types", "sent_ptr", "line_start"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and np.array_equal(x, y), name
    assert (a.lowercase, a.segment, a.kind, a.text) == (b.lowercase, b.segment, b.kind, b.text)
    x, y = a.type_counts(), b.type_counts()
    assert x.dtype == y.dtype == np.int64 and np.array_equal(x, y)


@pytest.mark.parametrize("lowercase", [True, False])
def test_line_endings_and_white_space(lowercase):
    text = "The cat\nsat on\r\nthe Mat\rA b\x0bc\x0cd\x1ce\x1df\x1eg\x1fh\n\n\n  k \t l  \nlast"
    a, b = both(text, lowercase)
    assert_same(a, b)
    assert len(a.sent_ptr) - 1 == 11  # "\r\n" ends one line; "\x1f" ends none; blank lines are no sentence
    assert b.sentences[0] == (("the", "cat") if lowercase else ("The", "cat"))


def test_many_distinct_words_grow_the_table():
    words = [f"w{i}_{i % 7}" for i in range(70000)]  # the table starts at 65,536 slots: it doubles twice
    text = "\n".join(" ".join(words[i : i + 13]) for i in range(0, len(words), 11)) + "\n"
    a, b = both(text)
    assert_same(a, b)
    assert len(b.types) == 70000


def test_large_plain_ascii_text_takes_the_compiled_path_and_agrees():
    line = "alpha Beta gamma_2 delta 42 alpha\n"
    text = line * (COMPILED_SCAN_CHARS // len(line) + 1)
    assert_same(parse_text(text, compiled_from=len(text) + 1), parse_text(text))


def test_text_with_punctuation_or_non_ascii_keeps_the_per_line_path():
    for text in ["a, b.\n" * 10, "café au lait\n" * 10]:
        assert parse_text(text, compiled_from=0).sentences == parse_text(text).sentences


def test_white_space_only_is_an_error():
    with pytest.raises(CorpusError):
        parse_text(" \n\t\n", compiled_from=0)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(WHITE), st.text(alphabet="abcXYZ019_", min_size=1, max_size=6)),
        min_size=1,
        max_size=60,
    ),
    st.booleans(),
)
def test_fuzz_same_as_per_line(parts, lowercase):
    text = "".join(parts)
    if not text.strip():
        return
    a, b = both(text, lowercase)
    assert_same(a, b)
