"""Hostile input everywhere (issue 8): fuzz every parser and loader with hypothesis.

The contract under test: whatever the bytes or text, nothing escapes but the project's own
:class:`~explorer.errors.ExplorerError`, with a one-line message; and a loader that fails leaves nothing
behind that the user had.
"""

import io
import json
import zipfile

import numpy as np
import pytest
from conftest import ROYAL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.engine import Config
from explorer.engine.corpus import parse, parse_pairs
from explorer.engine.params import load_weights, save_weights
from explorer.errors import ExplorerError
from explorer.session import Session
from explorer.session.diff import first_difference

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def one_line(exc: ExplorerError) -> bool:
    msg = str(exc)
    return bool(msg) and "\n" not in msg


# -- pairs parser: text made of the format's own characters --------------------------------------------
pairs_alphabet = st.sampled_from(list("ab^|,\n \t") + ["王", "x"])


@FUZZ
@given(st.text(pairs_alphabet, max_size=60))
def test_pairs_parser_raises_only_corpus_errors(text):
    try:
        c = parse_pairs(text)
    except ExplorerError as exc:
        assert one_line(exc)
        if "line" in str(exc):
            assert "column" in str(exc)
    else:
        assert c.pairs and all(p.inputs and p.targets for p in c.pairs)


@FUZZ
@given(st.text(max_size=200), st.sampled_from(["auto", "text", "pairs"]))
def test_corpus_parser_raises_only_corpus_errors(text, fmt):
    try:
        parse(text, fmt)
    except ExplorerError as exc:
        assert one_line(exc)


# -- weights loader: mutated bytes of a real file ---------------------------------------------------------
@pytest.fixture(scope="module")
def weights_bytes(tmp_path_factory):
    s = Session(ROYAL, Config(hidden=3))
    path = tmp_path_factory.mktemp("w") / "w.npz"
    save_weights(path, s.params, s.model.words)
    return path.read_bytes(), s


mutation = st.tuples(st.integers(0, 10_000), st.integers(0, 255), st.sampled_from(["flip", "cut", "insert"]))


def mutate(data: bytes, muts) -> bytes:
    b = bytearray(data)
    for pos, val, kind in muts:
        if not b:
            break
        pos %= len(b)
        if kind == "flip":
            b[pos] = val
        elif kind == "cut":
            del b[pos:]
        else:
            b[pos:pos] = bytes([val])
    return bytes(b)


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=4))
def test_weights_loader_raises_only_format_errors(tmp_path, weights_bytes, muts):
    data, s = weights_bytes
    p = tmp_path / "bad.npz"
    p.write_bytes(mutate(data, muts))
    try:
        params, words = load_weights(p, s.model.words, 3, "softmax")
    except ExplorerError as exc:
        assert one_line(exc)
    else:
        assert params.W.shape == s.params.W.shape and np.all(np.isfinite(params.W))


# -- session loader ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def session_bytes(tmp_path_factory):
    s = Session(ROYAL, Config(arch="skipgram", output="hs", hidden=3))
    s.step_forward(5)
    s.set_lr(0.05)
    s.step_forward(2)
    s.add_bookmark("seven")
    path = tmp_path_factory.mktemp("s") / "s.w2vx"
    s.save(path)
    return path.read_bytes()


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=3))
def test_session_loader_raises_only_format_errors(tmp_path, session_bytes, muts):
    p = tmp_path / "bad.w2vx"
    p.write_bytes(mutate(session_bytes, muts))
    try:
        s = Session.load(p)
    except ExplorerError as exc:
        assert one_line(exc)
    else:
        assert s.step == 7 and s.bookmarks == [("seven", 7)]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=True) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=10,
)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "config",
                "step",
                "furthest",
                "schedule",
                "bookmarks",
                "vocab",
                "phase_index",
                "fast_steps",
                "corpus_format",
                "N",
                "V",
            ]
        ),
        json_values,
        min_size=1,
        max_size=3,
    )
)
def test_session_loader_rejects_any_edited_session_json(tmp_path, session_bytes, edits):
    src = zipfile.ZipFile(io.BytesIO(session_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "session.json":
                meta = json.loads(data)
                meta.update(edits)
                data = json.dumps(meta).encode()
            dst.writestr(info.filename, data)
    p = tmp_path / "edited.w2vx"
    p.write_bytes(out.getvalue())
    try:
        Session.load(p)
    except ExplorerError as exc:
        assert one_line(exc)


# -- trace diff -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def trace_lines():
    s = Session(ROYAL, Config(output="ns", hidden=3))
    s.step_forward(3)
    return [json.dumps(s.record_at(k).to_json()) for k in (1, 2, 3)]


@FUZZ
@given(
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 5000), st.characters()), max_size=4), st.floats(0, 1)
)
def test_trace_diff_raises_only_format_errors(trace_lines, edits, tol):
    theirs = list(trace_lines)
    for line, pos, ch in edits:
        t = theirs[line]
        pos %= len(t)
        theirs[line] = t[:pos] + ch + t[pos + 1 :]
    try:
        d = first_difference(trace_lines, theirs, tol)
    except ExplorerError as exc:
        assert one_line(exc)
    else:
        if theirs == trace_lines:
            assert d is None
        if d is not None:
            assert d.message.startswith("step") or "line" in d.message
            assert "\n" not in d.message


@FUZZ
@given(json_values)
def test_trace_diff_on_arbitrary_json(trace_lines, value):
    try:
        first_difference(trace_lines, [json.dumps(value)] * 3, 1e-9)
    except ExplorerError as exc:
        assert one_line(exc)
