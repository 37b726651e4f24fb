"""Corpus text → tokens → vocabulary → examples, and every way a corpus can be unusable.

Tokenisation (Unicode words, lower-case by default, punctuation split off and dropped, apostrophes and
hyphens inside words, space-separated Chinese), character spans that point at the token in the source,
vocabulary order (descending count, ties by first appearance), min_count, the pairs format (comma and
newline separation, syntax errors naming line and column), the fixed-window examples of paper mode, and
one-line :class:`ExplorerError` subclasses for empty / one-word / binary / non-UTF-8 input. A hypothesis
fuzz checks that parsing (and building a model from) arbitrary text raises nothing but ExplorerError.
"""

from __future__ import annotations

import collections

import numpy as np
import pytest
from conftest import ROYAL, make_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.engine import Config, Model
from explorer.engine.corpus import Vocabulary, build_vocabulary, parse, read_text_file
from explorer.errors import ConfigError, CorpusError, ExplorerError


def toks(text, **kw):
    c = parse(text, "text", **kw)
    return [t for s in c.sentences for t in s]


def one_line(exc):
    msg = str(exc)
    assert msg and "\n" not in msg and "\r" not in msg
    return msg


# ---------------------------------------------------------------------------------------------------------
def test_tokenise_english_punctuation_case_apostrophes():
    text = "Hello, World! It's a well-known fact; don’t (panic)... \"Quoted\" 'single' — dash.\n"
    assert toks(text) == [
        "hello",
        "world",
        "it's",
        "a",
        "well-known",
        "fact",
        "don’t",
        "panic",
        "quoted",
        "single",
        "dash",
    ]
    assert toks(text, lowercase=False)[:3] == ["Hello", "World", "It's"]


def test_tokenise_chinese_space_separated():
    text = "国王 统治 王国。\n女王，统治 王国！\n"
    c = parse(text)
    assert c.kind == "text"
    assert c.sentences == (("国王", "统治", "王国"), ("女王", "统治", "王国"))


def test_tokenise_other_scripts_and_sentences():
    c = parse("Ünïcödé Straße café\n\n  \nПривет мир\r\nλόγος ΛΌΓΟΣ\n")
    assert c.sentences == (("ünïcödé", "straße", "café"), ("привет", "мир"), ("λόγος", "λόγος"))


@pytest.mark.parametrize(
    "text",
    [
        "Hello, World! It's well-known.\nSecond line: ok\n",
        "İstanbul is big. Also İzmir\nnext line İ here\n",
        "ΑΣ ΟΔΟΣ Σ\r\nCRLF line\r\nend",
        "国王 统治 王国。\n女王，统治 王国！\n",
        "\ufeffBOM at start\u2028line separator\u2029para sep\x85nel\n",
        "ﬁne ﬂow Å K\n",  # compatibility characters
    ],
)
@pytest.mark.parametrize("lowercase", (True, False))
def test_spans_point_at_the_token(text, lowercase):
    """Each token's character span is the token in the source text (for highlighting)."""
    c = parse(text, "text", lowercase=lowercase)
    assert len(c.spans) == len(c.sentences)
    for sent, spans in zip(c.sentences, c.spans):
        assert len(sent) == len(spans)
        for tok, (a, b) in zip(sent, spans):
            src = text[a:b]
            assert (src.lower() if lowercase else src) == tok, (tok, src, a, b)


def test_lowercase_does_not_change_token_boundaries():
    """'İ' lower-cases to 'i' + a combining dot: the word must stay one token."""
    assert toks("İstanbul İzmir") == ["İstanbul".lower(), "İzmir".lower()]
    assert len(toks("İstanbul İzmir")) == len(toks("İstanbul İzmir", lowercase=False)) == 2


# ---------------------------------------------------------------------------------------------------------
def test_vocabulary_order_descending_count_ties_first_appearance():
    v = build_vocabulary(parse("b a b c a d\ne c e e\n"))
    # counts: b 2, a 2, c 2, d 1, e 3 → e; then b, a, c (ties in order of appearance); then d
    assert v.words == ("e", "b", "a", "c", "d")
    assert v.counts.tolist() == [3, 2, 2, 2, 1]
    assert all(v.id(w) == i for i, w in enumerate(v.words))
    assert "e" in v and "z" not in v and len(v) == 5


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), min_size=2, max_size=80), st.integers(1, 4))
def test_vocabulary_order_matches_independent_count(tokens, min_count):
    counts = collections.Counter(tokens)
    first = {}
    for i, t in enumerate(tokens):
        first.setdefault(t, i)
    want = sorted((w for w in counts if counts[w] >= min_count), key=lambda w: (-counts[w], first[w]))
    v = Vocabulary.build(tokens, min_count)
    assert list(v.words) == want
    assert v.counts.tolist() == [counts[w] for w in want]


def test_min_count_drops_words_and_windows_skip_them():
    text = "a x b\na b y\na b\n"
    v = build_vocabulary(parse(text), min_count=2)
    assert v.words == ("a", "b")
    m = make_model(text, min_count=2, window=1, arch="cbow")
    assert m.V == 2
    seen = set()
    for s in range(1, m.stream.epoch_length(0) + 1):
        ex = m.example(s)
        seen.update(m.words[i] for i in ex.inputs)
        seen.update(m.words[i] for i in ex.targets)
    assert seen == {"a", "b"}
    # a dropped word is removed before windowing (word2vec.c): "a x b" makes a and b neighbours
    assert m.stream.epoch_length(0) == 6
    with pytest.raises(CorpusError) as ei:
        build_vocabulary(parse(text), min_count=5)
    one_line(ei.value)
    with pytest.raises(CorpusError) as ei:
        build_vocabulary(parse("a a a b\n"), min_count=2)  # one word survives
    one_line(ei.value)


# ---------------------------------------------------------------------------------------------------------
def test_pairs_parser_commas_newlines_and_case():
    text = "eat|Apple, eat^Drink|juice\n  drink|milk ,\n\nA^b^c|d^E\n"
    c = parse(text)
    assert c.kind == "pairs"
    assert [(p.inputs, p.targets) for p in c.pairs] == [
        (("eat",), ("apple",)),
        (("eat", "drink"), ("juice",)),
        (("drink",), ("milk",)),
        (("a", "b", "c"), ("d", "e")),
    ]
    for p in c.pairs:  # spans cover the item
        a, b = p.span
        item = text[a:b]
        assert "|" in item and item == item.strip() and "," not in item
    assert parse(text, lowercase=False).pairs[0].targets == ("Apple",)
    assert list(parse("a|b, c|d").tokens()) == ["a", "b", "c", "d"]


def test_pairs_examples():
    m = make_model("a|b, c^a|b^d", arch="cbow")
    i = m.vocab.id
    assert m.stream.epoch_length(0) == 2
    assert m.example(2).inputs.tolist() == [i("c"), i("a")] and m.example(2).targets.tolist() == [
        i("b"),
        i("d"),
    ]
    assert m.example(3).inputs.tolist() == [i("a")]  # epoch 2 starts again


def _col(text, needle, line):
    return text.split("\n")[line - 1].index(needle) + 1


@pytest.mark.parametrize(
    "text, line, col, what",
    [
        ("a|b, c", 1, 6, "'|'"),  # missing '|': the item starts at column 6
        ("a|b\nx|y|z", 2, 1, "more than one"),
        ("a|b\nc d|e", 2, 1, "space"),  # a space inside a word
        ("a|b, c|d e", 1, 8, "space"),
        ("a|b,\n  x^|y", 2, 5, "empty input word"),  # the empty word sits right after '^'
        ("a|b\n|y", 2, 1, "empty input word"),
        ("a|b, c|", 1, 8, "empty output word"),
        ("a|b\nc|d^^e", 2, 5, "empty output word"),
    ],
)
def test_pairs_syntax_errors_name_line_and_column(text, line, col, what):
    with pytest.raises(CorpusError) as ei:
        parse(text, "pairs")
    msg = one_line(ei.value)
    assert f"line {line}," in msg and f"column {col}" in msg, msg
    assert what in msg, msg


def test_auto_format_detection():
    assert parse("a|b, c|d").kind == "pairs"
    assert parse("the king rules\nx|y").kind == "text"  # a line without '|': plain text
    assert parse("a|b, c d").kind == "text"
    assert parse("the king rules").kind == "text"
    with pytest.raises(CorpusError):
        parse("a b", "yaml")


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   \n\t\n", "!!! ... ,,, ???\n", "— – …\n"])
def test_empty_corpus(text):
    with pytest.raises(CorpusError) as ei:
        parse(text)
    one_line(ei.value)


@pytest.mark.parametrize("text", ["word word word\n", "Word WORD word", "a|a, a|a"])
def test_one_distinct_word(text):
    with pytest.raises(CorpusError) as ei:
        Model.from_text(text, Config())
    one_line(ei.value)


def test_no_training_examples():
    with pytest.raises(CorpusError) as ei:
        Model.from_text("alpha\nbeta\ngamma\n", Config())  # every sentence one word: no context
    one_line(ei.value)


def test_nul_characters():
    with pytest.raises(CorpusError) as ei:
        parse("the king\x00 rules")
    one_line(ei.value)


def test_files(tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes("\ufeffthe king rules\r\nthe queen rules\r\n".encode("utf-8"))
    text = read_text_file(good)
    assert parse(text).sentences == (("the", "king", "rules"), ("the", "queen", "rules"))
    cases = {
        "latin1.txt": "café au lait\n".encode("latin-1"),
        "utf16.txt": "the king\n".encode("utf-16"),
        "nul.txt": b"the king\x00\x00rules\n",
        "binary.bin": bytes(range(256)) * 4,
    }
    for name, data in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(CorpusError) as ei:
            read_text_file(p)
        assert name in one_line(ei.value)
    for p in (tmp_path / "missing.txt", tmp_path):
        with pytest.raises(CorpusError) as ei:
            read_text_file(p)
        one_line(ei.value)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CorpusError):
        parse(read_text_file(empty))


def test_error_classes():
    for cls in (ConfigError, CorpusError):
        assert issubclass(cls, ExplorerError)
    e = CorpusError("two\nlines\r\n  here")
    assert str(e) == "two lines here" and e.exit_status == 2


# ---------------------------------------------------------------------------------------------------------
ALPHABET = st.sampled_from(
    list("ab cD|^,\n\r\t'’-.!?国王İß_1") + ["\x00", "\u2028", "\x85", "\ufeff", "\ud800", "é", "\u0307", "Σ"]
)
FUZZ_TEXT = st.one_of(st.text(), st.lists(ALPHABET, max_size=40).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FUZZ_TEXT, st.sampled_from(["auto", "text", "pairs"]), st.booleans())
def test_fuzz_parse_raises_only_explorer_error(text, fmt, lowercase):
    try:
        c = parse(text, fmt, lowercase)
    except ExplorerError as exc:
        one_line(exc)
        return
    assert c.kind in ("text", "pairs")
    toks = list(c.tokens())
    assert toks and all(t and not any(ch.isspace() for ch in t) for t in toks)
    if c.kind == "text":  # spans point at the tokens in the source
        for sent, spans in zip(c.sentences, c.spans):
            for tok, (a, b) in zip(sent, spans):
                assert (text[a:b].lower() if lowercase else text[a:b]) == tok


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    FUZZ_TEXT,
    st.sampled_from(["cbow", "skipgram"]),
    st.sampled_from(["softmax", "hs", "ns"]),
    st.sampled_from(["paper", "reference"]),
    st.integers(1, 3),
)
def test_fuzz_model_from_text_raises_only_explorer_error(text, arch, output, mode, window):
    cfg = Config(arch=arch, output=output, mode=mode, window=window, hidden=3, negative=2, sample=0.01)
    try:
        m = Model.from_text(text, cfg)
    except ExplorerError as exc:
        one_line(exc)
        return
    assert m.V >= 2
    p = m.init_params()
    for s in (1, 2, m.stream.epoch_length(0) + 1):
        rec = m.step(p, s)
        assert np.isfinite(rec.loss)


def test_royal_paper_examples_fixed_window():
    """Paper mode: window C on each side within the sentence (an independent re-count)."""
    m = make_model(ROYAL, arch="cbow", window=2)
    sents = [line.split() for line in ROYAL.splitlines()]
    want = []
    for s in sents:
        for i in range(len(s)):
            ctx = [s[j] for j in range(i - 2, i + 3) if j != i and 0 <= j < len(s)]
            if ctx:
                want.append((ctx, s[i]))
    got = [
        ([m.words[i] for i in m.example(k).inputs], m.words[m.example(k).targets[0]])
        for k in range(1, m.stream.epoch_length(0) + 1)
    ]
    assert got == want


def test_plain_text_is_split_at_white_space_exactly_as_the_pattern_tokenises_it():
    """Text with only word characters and white space takes the str.split path; the tokens, types and
    sentences are those of the pattern (any Unicode letters, digits, underscores, odd white space)."""
    from explorer.engine.corpus import _NOT_PLAIN, parse_text, tokenize_line

    lines = [
        "the King rules\tthe land  42 x_1\n",
        "Ärger STRASSE ΣΟΦΙΑ İstanbul\xa0naïve\u2003word\u3000国王 统治\r\n",
        "   \n",
        "a\x1fb\x0bc\f\n",
    ]
    text = "".join(lines)
    assert _NOT_PLAIN.search(text) is None
    for line in lines:
        for lowercase in (True, False):
            assert tokenize_line(line, lowercase, plain=True) == tokenize_line(line, lowercase, plain=False)
    fast = parse_text(text)
    slow = parse_text(text + "!")  # one punctuation character: the pattern's path for every line
    assert fast.types == slow.types and fast.sentences == slow.sentences
    assert np.array_equal(fast.line_start, slow.line_start)
    assert [fast.token_span(i) for i in range(fast.n_tokens)] == [
        slow.token_span(i) for i in range(fast.n_tokens)
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=12))
def test_the_fast_plain_check_agrees_with_the_pattern(text):
    """``is_plain`` (bytes.translate for ASCII text) says what the pattern says, for every ASCII character."""
    from explorer.engine.corpus import _NOT_PLAIN, is_plain

    assert is_plain(text) == (_NOT_PLAIN.search(text) is None)
    for c in map(chr, range(128)):
        assert is_plain(c) == (_NOT_PLAIN.search(c) is None), repr(c)
