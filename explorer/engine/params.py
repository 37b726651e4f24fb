"""The model's parameters: W (V×N, rows v_w) and W' (N×V' , columns v'_j), float64.

For the full softmax and negative sampling V' = V (one output vector per word); for hierarchical softmax
V' = V−1 (one vector per inner node of the Huffman tree). word2vec.c calls W ``syn0`` and W' ``syn1``
(hierarchical softmax) or ``syn1neg`` (negative sampling).
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import numpy as np

from ..errors import FileFormatError
from .config import MAX_HIDDEN, MAX_MATRIX_VALUES
from .npyio import ZIP_ERRORS, read_npy_member, reason
from .outputs import atomic_file, atomic_write_bytes  # noqa: F401  (re-exported: the one writer)

#: a weights file's words: at most this many bytes of vocabulary array (UTF-32 in the .npz)
MAX_VOCAB_BYTES = 256 * 2**20


@dataclass
class Params:
    W: np.ndarray  # (V, N) input vectors v_w as rows
    W_out: np.ndarray  # (N, V') output vectors v'_j as columns

    def copy(self) -> Params:
        return Params(self.W.copy(), self.W_out.copy())

    def equals(self, other: Params) -> bool:
        """Bit-identical comparison."""
        return (
            self.W.shape == other.W.shape
            and self.W_out.shape == other.W_out.shape
            and self.W.tobytes() == other.W.tobytes()
            and self.W_out.tobytes() == other.W_out.tobytes()
        )


def n_output_vectors(output: str, V: int) -> int:
    return V - 1 if output == "hs" else V


#: ``lecture`` init: W and W' uniform in [−r, r) with r = LECTURE_INIT_SCALE / √N
LECTURE_INIT_SCALE = 2.0


def init_params(V: int, N: int, output: str, scheme: str, seed: int) -> Params:
    """``uniform``: W and W' uniform in [−0.5/N, 0.5/N); ``word2vec``: W uniform, W' = 0 (as word2vec.c);
    ``gensim``: W uniform in [−1/N, 1/N), W' = 0 (gensim's range).

    ``lecture``: W and W' both uniform in [−2/√N, 2/√N) (:data:`LECTURE_INIT_SCALE`; ±0.89 at N = 5), so
    every v_w and v'_j has E|v|² = 4/3 whatever N. With W' ≠ 0, EH = Σ_j e_j v'_j ≠ 0 from the first step
    (W' = 0 makes EH = 0 until W' has moved), and an update of W' (−η e_j h) or of W (−η EH) changes
    u_j = v'_jᵀh by about η·|v|²: 4/3·η here, against η/(12N) (η/60 at N = 5) with ``uniform``. A class
    sees the loss fall within the first epoch of the presets (the learning rates that go with it, and the
    measurement, are in :mod:`explorer.app.lecture_settings`).
    """
    g = np.random.default_rng([seed, 0x5EED])
    n_out = n_output_vectors(output, V)
    if scheme == "lecture":
        r = LECTURE_INIT_SCALE / np.sqrt(N)
        return Params((2.0 * g.random((V, N)) - 1.0) * r, (2.0 * g.random((N, n_out)) - 1.0) * r)
    W = (g.random((V, N)) - 0.5) / N
    if scheme == "gensim":
        W *= 2.0
    if scheme == "uniform":
        W_out = (g.random((N, n_out)) - 0.5) / N
    else:
        W_out = np.zeros((N, n_out))
    return Params(W, W_out)


def save_weights(path, params: Params, vocab_words) -> None:
    """Write ``W_in`` (V×N), ``W_out`` (N×V'), ``vocab`` (V strings) to an .npz, atomically."""
    path = Path(path)
    buf = io.BytesIO()
    np.savez(buf, W_in=params.W, W_out=params.W_out, vocab=np.array(list(vocab_words), dtype=str))
    atomic_write_bytes(path, buf.getvalue())


def load_weights(path, vocab_words=None, hidden: int | None = None, output: str | None = None):
    """Read an .npz written by :func:`save_weights` (never unpickling) and check it against the run.

    Returns ``(Params, vocab_words)``. Every declared shape is checked before anything is read: against the
    run (V words, N = ``hidden``, V' for ``output``) when given, and against the caps
    (:data:`~explorer.engine.config.MAX_MATRIX_VALUES`, ``MAX_HIDDEN``) always. ``W_in`` and ``W_out`` must
    be real floating-point arrays (float16/32/64), ``vocab`` an array of strings. A problem is a one-line
    :class:`FileFormatError`.
    """
    name = str(path)

    def fail(problem: str) -> NoReturn:
        raise FileFormatError(f"weights file {name!r} {problem}")

    zf = _open_npz(Path(path), name, fail)
    with zf:
        infos: dict[str, zipfile.ZipInfo] = {}
        for info in zf.infolist():
            infos.setdefault(info.filename, info)
        for k in ("W_in", "W_out", "vocab"):
            if f"{k}.npy" not in infos:
                fail(f"has no {k!r} array")
        dims: dict[str, int] = {}  # V, N, V' as the run says, then as the arrays declare
        if vocab_words is not None:
            dims["V"] = len(vocab_words)
        if hidden is not None:
            dims["N"] = hidden
        if output is not None and "V" in dims:
            dims["V'"] = n_output_vectors(output, dims["V"])
        checks = _ShapeChecks(dims, output, fail)
        W = read_npy_member(zf, infos["W_in.npy"], checks.matrix("W_in", "V", "N"), fail)
        W_out = read_npy_member(zf, infos["W_out.npy"], checks.matrix("W_out", "N", "V'"), fail)
        vocab = read_npy_member(zf, infos["vocab.npy"], checks.vocab, fail)
    words = [str(w) for w in vocab.tolist()]
    _check_loaded(W, W_out, words, vocab_words, output, fail)
    return Params(np.array(W, dtype=np.float64), np.array(W_out, dtype=np.float64)), words


def _open_npz(p: Path, name: str, fail: Callable[[str], NoReturn]) -> zipfile.ZipFile:
    """The weights file ``p`` opened as a zip archive, after checking that it is a file and an .npz."""
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise FileFormatError(f"weights file {name!r} does not exist") from None
    except OSError as exc:
        raise FileFormatError(f"cannot read weights file {name!r}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        fail("is a folder, not a file")
    try:
        with open(p, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise FileFormatError(f"cannot read weights file {name!r}: {exc.strerror or exc}") from None
    if head.startswith(b"\x93NUMPY"):
        fail("is a single .npy array, not an .npz archive of W_in, W_out and vocab")
    if not head.startswith(b"PK"):
        fail("is not an .npz archive (weights are saved as an .npz of W_in, W_out and vocab)")
    try:
        return zipfile.ZipFile(p, "r")
    except (zipfile.BadZipFile, *ZIP_ERRORS) as exc:
        fail(f"is damaged or not an .npz ({reason(exc)})")


class _ShapeChecks:
    """The checks of the declared (shape, dtype) of each array, before its data is read.

    ``dims`` starts with what the run says (V, N, V'); each matrix adds what it declares, so the arrays must
    also agree with each other.
    """

    def __init__(self, dims: dict[str, int], output: str | None, fail: Callable[[str], NoReturn]):
        self.dims, self.run, self.output, self.fail = dims, set(dims), output, fail

    def matrix(self, key: str, rows_of: str, cols_of: str) -> Callable[[tuple, np.dtype], None]:
        dims, fail = self.dims, self.fail

        def check(shape, dtype):
            if dtype.kind != "f":
                fail(f"array {key!r} has type {dtype}; weights must be real floating-point numbers")
            if len(shape) != 2:
                fail(f"array {key!r} has shape {shape}; W_in and W_out must be 2-D")
            for d, v in ((rows_of, shape[0]), (cols_of, shape[1])):
                if d in dims and dims[d] != v:
                    fail(_mismatch(key, shape, d, v, dims[d], d in self.run, self.output))
                dims.setdefault(d, v)
            if dims.get("N", 0) > MAX_HIDDEN:
                fail(f"has hidden size N = {dims['N']}; the limit is {MAX_HIDDEN}")
            if shape[0] * shape[1] > MAX_MATRIX_VALUES:
                fail(f"array {key!r} has {shape[0]} × {shape[1]} values; the limit is {MAX_MATRIX_VALUES:,}")

        return check

    def vocab(self, shape, dtype) -> None:
        dims, fail = self.dims, self.fail
        if dtype.kind != "U":
            fail(f"array 'vocab' has type {dtype}, expected strings")
        if len(shape) != 1:
            fail(f"array 'vocab' has shape {shape}, expected one word per row of W_in")
        if "V" in dims and shape[0] != dims["V"]:
            fail(f"vocab has {shape[0]} words but W_in has {dims['V']} rows")
        if shape[0] * dtype.itemsize > MAX_VOCAB_BYTES:
            fail(f"array 'vocab' is {shape[0] * dtype.itemsize:,} bytes; the limit is {MAX_VOCAB_BYTES:,}")


def _check_loaded(
    W, W_out, words: list[str], vocab_words, output: str | None, fail: Callable[[str], NoReturn]
) -> None:
    """The checks that need the data: W_out's width for ``output``, finite values, the run's vocabulary."""
    V, N = W.shape
    if output is not None and W_out.shape[1] != n_output_vectors(output, V):
        fail(
            f"W_out has {W_out.shape[1]} columns, output layer {output!r} needs {n_output_vectors(output, V)}"
        )
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(W_out))):
        fail("contains non-finite values")
    if vocab_words is not None and list(vocab_words) != words:
        diff = next(
            (i for i, (a, b) in enumerate(zip(vocab_words, words)) if a != b),
            min(len(words), len(vocab_words)),
        )
        fail(
            f"vocabulary does not match the corpus ({len(words)} vs {len(vocab_words)} words, first "
            f"difference at index {diff})"
        )


def _mismatch(key: str, shape: tuple, dim: str, got: int, want: int, from_run: bool, output) -> str:
    """The one-line reason a weights array's declared shape does not fit."""
    if not from_run:
        return f"array {key!r} has shape {shape}: {dim} = {got}, but the other arrays say {want}"
    if dim == "V":
        return f"holds vectors for {got} words, but the corpus's vocabulary has {want} words"
    if dim == "N":
        return f"has hidden size {got}, the run uses N = {want}"
    return f"W_out has {got} columns, output layer {output!r} needs {want}"
