"""The model's parameters: W (V×N, rows v_w) and W' (N×V' , columns v'_j), float64.

For the full softmax and negative sampling V' = V (one output vector per word); for hierarchical softmax
V' = V−1 (one vector per inner node of the Huffman tree). word2vec.c calls W ``syn0`` and W' ``syn1``
(hierarchical softmax) or ``syn1neg`` (negative sampling).
"""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import FileFormatError


@dataclass
class Params:
    W: np.ndarray       # (V, N) input vectors v_w as rows
    W_out: np.ndarray   # (N, V') output vectors v'_j as columns

    def copy(self) -> "Params":
        return Params(self.W.copy(), self.W_out.copy())

    def equals(self, other: "Params") -> bool:
        """Bit-identical comparison."""
        return (self.W.shape == other.W.shape and self.W_out.shape == other.W_out.shape
                and self.W.tobytes() == other.W.tobytes() and self.W_out.tobytes() == other.W_out.tobytes())


def n_output_vectors(output: str, V: int) -> int:
    return V - 1 if output == "hs" else V


def init_params(V: int, N: int, output: str, scheme: str, seed: int) -> Params:
    """``uniform``: W and W' uniform in [−0.5/N, 0.5/N); ``word2vec``: W uniform, W' = 0 (as word2vec.c);
    ``gensim``: W uniform in [−1/N, 1/N), W' = 0 (gensim's range)."""
    g = np.random.default_rng([seed, 0x5EED])
    W = (g.random((V, N)) - 0.5) / N
    if scheme == "gensim":
        W *= 2.0
    n_out = n_output_vectors(output, V)
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


@contextmanager
def atomic_file(path, mode: str = "wb"):
    """Open a temporary file next to ``path`` for writing; on success it replaces ``path`` atomically.

    On any error the temporary file is removed and ``path`` is left as it was. ``mode`` is ``"wb"`` or
    ``"w"`` (UTF-8 text, ``\\n`` line ends). An OS error becomes a one-line :class:`FileFormatError`.
    The file gets the usual permissions (0666 minus the umask), not mkstemp's 0600.
    """
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise FileFormatError(f"cannot write {name!r}: it is a folder")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileFormatError(f"cannot write {name!r}: {exc.strerror or exc}") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        kw = {} if "b" in mode else {"encoding": "utf-8", "newline": "\n"}
        with os.fdopen(fd, mode, **kw) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise FileFormatError(f"cannot write {name!r}: {exc.strerror or exc}") from None
        raise


def atomic_write_bytes(path, data: bytes) -> None:
    """Write ``data`` to a temporary file in the same folder, then rename: never a half-written file."""
    with atomic_file(path, "wb") as f:
        f.write(data)


def load_weights(path, vocab_words=None, hidden: int | None = None, output: str | None = None):
    """Read an .npz written by :func:`save_weights` (never unpickling) and check it against the run.

    Returns ``(Params, vocab_words)``. A mismatch in shapes or vocabulary is a one-line
    :class:`FileFormatError`.
    """
    name = str(path)
    try:
        with np.load(path, allow_pickle=False) as z:
            missing = [k for k in ("W_in", "W_out", "vocab") if k not in z.files]
            if missing:
                raise FileFormatError(f"weights file {name!r} has no {missing[0]!r} array")
            W = np.array(z["W_in"], dtype=np.float64)
            W_out = np.array(z["W_out"], dtype=np.float64)
            words = [str(w) for w in z["vocab"].tolist()]
    except FileFormatError:
        raise
    except FileNotFoundError:
        raise FileFormatError(f"weights file {name!r} does not exist") from None
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, KeyError, TypeError, NotImplementedError,
            RuntimeError, zlib.error) as exc:  # zip: unsupported/encrypted member; deflate: bad data
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FileFormatError(f"weights file {name!r} is damaged or not an .npz ({reason[:80]})") from None
    if W.ndim != 2 or W_out.ndim != 2:
        raise FileFormatError(f"weights file {name!r}: W_in and W_out must be 2-D")
    V, N = W.shape
    if len(words) != V:
        raise FileFormatError(f"weights file {name!r}: vocab has {len(words)} words but W_in has {V} rows")
    if W_out.shape[0] != N:
        raise FileFormatError(f"weights file {name!r}: W_out has {W_out.shape[0]} rows, expected N = {N}")
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(W_out))):
        raise FileFormatError(f"weights file {name!r} contains non-finite values")
    if vocab_words is not None and list(vocab_words) != words:
        diff = next((i for i, (a, b) in enumerate(zip(vocab_words, words)) if a != b),
                    min(len(words), len(vocab_words)))
        raise FileFormatError(f"weights file {name!r}: vocabulary does not match the corpus "
                              f"({len(words)} vs {len(vocab_words)} words, first difference at index {diff})")
    if hidden is not None and N != hidden:
        raise FileFormatError(f"weights file {name!r}: hidden size is {N}, the run uses N = {hidden}")
    if output is not None:
        want = n_output_vectors(output, V)
        if W_out.shape[1] != want:
            raise FileFormatError(f"weights file {name!r}: W_out has {W_out.shape[1]} columns, "
                                  f"output layer {output!r} needs {want}")
    return Params(W, W_out), words
