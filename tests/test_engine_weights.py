"""Weights files (.npz with W_in, W_out, vocab): a bit-identical round trip, and every bad file — wrong
shapes, another vocabulary, another hidden size or output layer, damage of any kind, pickled objects — is a
one-line :class:`FileFormatError` (files are read with ``allow_pickle=False``: nothing is ever unpickled).
"""

from __future__ import annotations

import io
import os

import numpy as np
import pytest
from conftest import make_model, randomize

from explorer.engine.params import Params, load_weights, save_weights
from explorer.errors import ExplorerError, FileFormatError


def _saved(tmp_path, output="softmax", name="w.npz", text=None, hidden=4):
    model = (
        make_model(text, output=output, hidden=hidden) if text else make_model(output=output, hidden=hidden)
    )
    params = randomize(model.init_params(), seed=3)
    path = tmp_path / name
    save_weights(path, params, model.words)
    return model, params, path


def _fails(path, **kw):
    with pytest.raises(FileFormatError) as ei:
        load_weights(path, **kw)
    msg = str(ei.value)
    assert msg and "\n" not in msg
    return msg


@pytest.mark.parametrize("output", ("softmax", "hs", "ns"))
def test_round_trip_bit_identical(tmp_path, output):
    model, params, path = _saved(tmp_path, output)
    loaded, words = load_weights(path, model.words, model.config.hidden, output)
    assert words == list(model.words)
    assert loaded.equals(params)
    assert loaded.W.dtype == np.float64 and loaded.W_out.dtype == np.float64
    with np.load(path, allow_pickle=False) as z:
        assert set(z.files) == {"W_in", "W_out", "vocab"}
        assert z["W_in"].tobytes() == params.W.tobytes()
        assert z["W_out"].tobytes() == params.W_out.tobytes()
    # no stray temporary files from the atomic write
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_round_trip_unicode_vocabulary(tmp_path):
    model, params, path = _saved(tmp_path, text="国王 统治 王国\n女王 统治 王国\nİstanbul café\n")
    loaded, words = load_weights(path, model.words)
    assert words == list(model.words) and loaded.equals(params)


def test_mismatches(tmp_path):
    model, params, path = _saved(tmp_path, "softmax")
    other = make_model("one two three four\n", hidden=4)
    assert "vocabulary" in _fails(path, vocab_words=other.words)
    assert "vocabulary" in _fails(path, vocab_words=list(model.words)[::-1])
    assert "vocabulary" in _fails(path, vocab_words=list(model.words)[:-1])
    assert "hidden" in _fails(path, vocab_words=model.words, hidden=5)
    assert "W_out" in _fails(path, vocab_words=model.words, hidden=4, output="hs")  # needs V−1 columns
    _, _, hs_path = _saved(tmp_path, "hs", "hs.npz")
    _fails(hs_path, vocab_words=model.words, hidden=4, output="softmax")


def _write_npz(path, **arrays):
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    path.write_bytes(buf.getvalue())


def test_inconsistent_arrays(tmp_path):
    V, N = 4, 3
    words = np.array(["a", "b", "c", "d"])
    cases = {
        "rows_vs_vocab": dict(W_in=np.zeros((V + 1, N)), W_out=np.zeros((N, V)), vocab=words),
        "wout_rows": dict(W_in=np.zeros((V, N)), W_out=np.zeros((N + 1, V)), vocab=words),
        "one_d": dict(W_in=np.zeros(V * N), W_out=np.zeros((N, V)), vocab=words),
        "three_d": dict(W_in=np.zeros((V, N, 1)), W_out=np.zeros((N, V)), vocab=words),
        "missing_vocab": dict(W_in=np.zeros((V, N)), W_out=np.zeros((N, V))),
        "missing_wout": dict(W_in=np.zeros((V, N)), vocab=words),
        "nan": dict(W_in=np.full((V, N), np.nan), W_out=np.zeros((N, V)), vocab=words),
        "inf": dict(W_in=np.zeros((V, N)), W_out=np.full((N, V), np.inf), vocab=words),
        "strings": dict(W_in=np.array([["x"] * N] * V), W_out=np.zeros((N, V)), vocab=words),
    }
    for name, arrays in cases.items():
        p = tmp_path / f"{name}.npz"
        _write_npz(p, **arrays)
        _fails(p)
    ok = tmp_path / "ok.npz"
    _write_npz(ok, W_in=np.ones((V, N), np.float32), W_out=np.ones((N, V)), vocab=words)
    params, got = load_weights(ok, list(words), N, "softmax")
    assert got == list(words) and params.W.dtype == np.float64


class _Evil:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (self.marker,))  # unpickling this would create a folder


def test_object_arrays_are_never_unpickled(tmp_path):
    marker = str(tmp_path / "UNPICKLED")
    p = tmp_path / "evil.npz"
    buf = io.BytesIO()
    np.savez(
        buf, W_in=np.zeros((2, 2)), W_out=np.zeros((2, 2)), vocab=np.array([_Evil(marker), "b"], dtype=object)
    )
    p.write_bytes(buf.getvalue())
    _fails(p)
    assert not os.path.exists(marker)
    # the same for a weights array holding objects
    p2 = tmp_path / "evil2.npz"
    buf = io.BytesIO()
    np.savez(
        buf,
        W_in=np.array([[_Evil(marker), 1.0]], dtype=object),
        W_out=np.zeros((2, 1)),
        vocab=np.array(["a"]),
    )
    p2.write_bytes(buf.getvalue())
    _fails(p2)
    assert not os.path.exists(marker)
    # a plain pickle (np.save of an object) is refused too
    p3 = tmp_path / "pickle.npz"
    np.save(p3.with_suffix(".npy"), np.array([_Evil(marker)], dtype=object), allow_pickle=True)
    os.replace(p3.with_suffix(".npy"), p3)
    _fails(p3)
    assert not os.path.exists(marker)


def test_not_an_npz(tmp_path):
    for name, data in {
        "empty.npz": b"",
        "text.npz": b"hello world\n",
        "rand.npz": bytes(range(256)) * 8,
        "zip-empty.npz": b"PK\x05\x06" + b"\x00" * 18,
    }.items():
        p = tmp_path / name
        p.write_bytes(data)
        _fails(p)
    assert "does not exist" in _fails(tmp_path / "missing.npz")
    _fails(tmp_path)  # a folder


@pytest.mark.parametrize("compressed", (False, True))
def test_damaged_files(tmp_path, compressed):
    """Truncated at every length, or one byte flipped anywhere: a FileFormatError or (for a flip that
    leaves a valid file, e.g. inside a float) a successful load — never any other exception."""
    V, N = 3, 2
    buf = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(
        buf,
        W_in=np.arange(V * N, dtype=float).reshape(V, N),
        W_out=np.ones((N, V)),
        vocab=np.array(["a", "b", "c"]),
    )
    data = buf.getvalue()
    p = tmp_path / "d.npz"
    for n in range(0, len(data), 3):
        p.write_bytes(data[:n])
        _fails(p)
    for i in range(len(data)):
        for x in (0xFF, 0x01, 0x20):
            bad = bytearray(data)
            bad[i] ^= x
            p.write_bytes(bytes(bad))
            try:
                params, words = load_weights(p)
            except FileFormatError as exc:
                assert "\n" not in str(exc)
            else:
                assert isinstance(params, Params) and len(words) == params.W.shape[0]


def test_file_format_error_is_explorer_error():
    assert issubclass(FileFormatError, ExplorerError)
